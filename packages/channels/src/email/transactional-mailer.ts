import type { EmailSender } from '../channel-port.ts';

/**
 * Account and hand-off emails (invites, "a lead was assigned to you") go through the same email channel as
 * campaigns; this adapts the sender to the small port those callers use.
 */
export function transactionalMailer(sender: EmailSender) {
  return {
    async sendTransactional(message: { to: string; subject: string; text: string; html: string }) {
      const result = await sender.send(message);
      return { messageId: result.providerMessageId };
    },
  };
}

/** The SMTP options every process builds from its email settings (DKIM only when all three parts are set). */
export function smtpOptionsFrom(config: {
  SMTP_URL: string;
  SMTP_POOL_SIZE: number;
  MAIL_FROM: string;
  DKIM_DOMAIN?: string | undefined;
  DKIM_SELECTOR?: string | undefined;
  DKIM_PRIVATE_KEY?: string | undefined;
}) {
  return {
    url: config.SMTP_URL,
    poolSize: config.SMTP_POOL_SIZE,
    from: config.MAIL_FROM,
    ...(config.DKIM_DOMAIN && config.DKIM_SELECTOR && config.DKIM_PRIVATE_KEY
      ? {
          dkim: {
            domainName: config.DKIM_DOMAIN,
            keySelector: config.DKIM_SELECTOR,
            privateKey: config.DKIM_PRIVATE_KEY,
          },
        }
      : {}),
  };
}
