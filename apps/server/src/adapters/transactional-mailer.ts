import type { TransactionalMailer } from '@switchboard/accounts';
import type { EmailSender } from '@switchboard/channels';

export function transactionalMailer(sender: EmailSender): TransactionalMailer {
  return {
    async sendTransactional(message) {
      const result = await sender.send(message);
      return { messageId: result.providerMessageId };
    },
  };
}
