import type { EntityManager } from '@switchboard/db';
import { recordConsent, sql } from '@switchboard/contacts';
import type { MappedSmsStatus } from '@switchboard/channels';
import { twilioErrorText } from './twilio-error-text.ts';
import { advanceMessageStatus, recordMessageEvent, type MessageRow } from './message-ledger.ts';

const TWILIO_UNSUBSCRIBED_RECIPIENT = '21610';

/**
 * A provider's report about a message it accepted (Twilio status callbacks). Out-of-order and repeated reports are
 * harmless: the status only moves forward and once-per-message events are deduplicated. Returns false when no
 * message has that provider id (a callback for another system sharing the account).
 */
export async function recordProviderStatus(
  em: EntityManager,
  report: {
    provider: 'twilio';
    providerMessageId: string;
    status: MappedSmsStatus;
    errorCode?: string | undefined;
    rawStatus: string;
  },
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const [message] = await sql<MessageRow>(
      tx,
      'select * from messages where provider_message_id = ? and provider = ? for update',
      [report.providerMessageId, report.provider],
    );
    if (!message) return false;
    if (!report.status) return true;
    const at = new Date();
    await recordMessageEvent(tx, message, {
      kind: report.status,
      detail: {
        providerStatus: report.rawStatus,
        ...(report.errorCode ? { errorCode: report.errorCode } : {}),
      },
      at,
    });
    await advanceMessageStatus(
      tx,
      message,
      report.status,
      report.status === 'delivered' ? { deliveredAt: at } : {},
    );
    if (report.errorCode) {
      await sql(tx, 'update messages set error_code = ?, error = ?, updated_at = now() where id = ?', [
        report.errorCode,
        twilioErrorText(report.errorCode),
        message.id,
      ]);
    }
    if (report.errorCode === TWILIO_UNSUBSCRIBED_RECIPIENT && message.contact_id) {
      await recordConsent(tx, message.workspace_id, message.contact_id, {
        channel: 'sms',
        status: 'opted_out',
        source: 'inbound_keyword',
        proof: { text: 'Twilio error 21610: the recipient opted out with the carrier (replied STOP)' },
      });
    }
    return true;
  });
}
