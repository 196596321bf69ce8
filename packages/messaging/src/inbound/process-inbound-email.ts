import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { storableText, type EntityManager } from '@switchboard/db';
import { recordConsent, sql, suppress, uuidV7 } from '@switchboard/contacts';
import { readReturnAddress, readSignedMessageReference } from '../email/bounce-address.ts';
import { parseDeliveryReport, type BounceReport, type ComplaintReport } from '../bounces/delivery-report.ts';
import { isHardBounce } from '../bounces/bounce-severity.ts';
import {
  advanceMessageStatus,
  findMessage,
  recordMessageEvent,
  type MessageRow,
} from '../ledger/message-ledger.ts';
import { loadMessagingPolicy } from '../policy/messaging-policy.ts';
import { plainTextFromHtml } from '../email/plain-text.ts';
import { unsubscribeRecipientOf } from '../unsubscribe/preference-centre.ts';
import { emailThreadKey, fileInbound } from '@switchboard/inbox';

export type InboundEmailOutcome =
  | { kind: 'bounce'; messageId: string; hard: boolean; suppressed: boolean }
  | { kind: 'complaint'; messageId: string }
  | { kind: 'reply'; messageId: string; inboundId: string | null }
  | { kind: 'unsubscribe'; messageId: string }
  | { kind: 'ignored'; reason: string };

const MAX_BODY_CHARS = 100_000;

/**
 * The message a report is about, only as far as it can prove it: the signed bounce (or reply) address it was sent
 * to, else the signed X-Switchboard-Message header in the original it returns. A bare message id — visible in every
 * Message-ID and tracking link — is never enough, or anyone who saw one email could suppress its recipient.
 */
async function reportedMessage(
  em: EntityManager,
  trackingSecret: string,
  addressed: string | null,
  report: BounceReport | ComplaintReport,
): Promise<MessageRow | null> {
  const signedHeader = report.originalHeaders['x-switchboard-message'];
  const id = addressed ?? (signedHeader ? readSignedMessageReference(trackingSecret, signedHeader) : null);
  return id ? findMessage(em, id) : null;
}

/**
 * Everything that reaches our inbound SMTP listener: bounces (suppress hard ones at once, soft ones after the
 * workspace's threshold), complaints (suppress everywhere, opt out), mailto unsubscribes, and replies (stored on the
 * contact, linked to the message they answer). Anything we cannot tie to a message is ignored, and says why.
 */
export async function processInboundEmail(
  em: EntityManager,
  settings: { trackingSecret: string },
  raw: Buffer,
  envelope: { rcptTo: string[] },
): Promise<InboundEmailOutcome> {
  const addressed = envelope.rcptTo
    .map((rcpt) => readReturnAddress(settings.trackingSecret, rcpt))
    .find((hit) => hit !== null);
  if (addressed?.kind === 'unsubscribe') {
    const done = await unsubscribeRecipientOf(em, addressed.messageId, { method: 'mailto' });
    return done
      ? { kind: 'unsubscribe', messageId: addressed.messageId }
      : { kind: 'ignored', reason: 'unsubscribe for an unknown message' };
  }

  const report = storableStrings(await parseDeliveryReport(raw));
  if (report) {
    const message = await reportedMessage(em, settings.trackingSecret, addressed?.messageId ?? null, report);
    if (!message)
      return { kind: 'ignored', reason: `${report.kind} without a signed reference to a message of ours` };
    return report.kind === 'bounce'
      ? recordBounce(em, message, report)
      : recordComplaint(em, message, report);
  }
  if (addressed?.kind === 'reply') return recordReply(em, addressed.messageId, raw);
  return {
    kind: 'ignored',
    reason: addressed ? 'not a delivery report' : 'not addressed to a message of ours',
  };
}

/**
 * A report's text as we can store it: mail comes from anyone, and a NUL byte or a broken surrogate in a diagnostic
 * must not make us answer 451 (the sender would retry for days); each becomes U+FFFD.
 */
function storableStrings<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'string' ? storableText(inner) : inner,
    ),
  ) as T;
}

async function recordBounce(
  em: EntityManager,
  message: MessageRow,
  report: BounceReport,
): Promise<InboundEmailOutcome> {
  const hard = isHardBounce(report.status);
  return em.transactional(async (tx) => {
    await sql(tx, 'select id from messages where id = ? for update', [message.id]);
    await recordMessageEvent(tx, message, {
      kind: 'bounced',
      detail: {
        hard,
        status: report.status,
        action: report.action,
        diagnostic: report.diagnostic?.slice(0, 500) ?? null,
      },
    });
    let suppressed = false;
    if (hard) {
      await advanceMessageStatus(tx, message, 'bounced');
      await sql(tx, 'update messages set error = ?, error_code = ? where id = ?', [
        report.diagnostic?.slice(0, 2000) ?? `Bounced (${report.status})`,
        report.status,
        message.id,
      ]);
    }
    if (message.to_address && message.channel === 'email') {
      const policy = await loadMessagingPolicy(tx, message.workspace_id);
      const [soft] = await sql<{ count: string }>(
        tx,
        `select count(*) from message_events e join messages m on m.id = e.message_id
         where m.workspace_id = ? and m.to_address = ? and e.kind = 'bounced' and e.occurred_at > now() - interval '30 days'
           and coalesce(e.detail ->> 'hard', 'false') = 'false'`,
        [message.workspace_id, message.to_address],
      );
      if (hard || Number(soft?.count ?? 0) >= policy.softBounceThreshold) {
        await suppress(tx, message.workspace_id, { email: message.to_address }, 'bounce');
        suppressed = true;
      }
    }
    return { kind: 'bounce', messageId: message.id, hard, suppressed } as const;
  });
}

async function recordComplaint(
  em: EntityManager,
  message: MessageRow,
  report: ComplaintReport,
): Promise<InboundEmailOutcome> {
  await em.transactional(async (tx) => {
    await sql(tx, 'select id from messages where id = ? for update', [message.id]);
    await recordMessageEvent(tx, message, {
      kind: 'complained',
      detail: { feedbackType: report.feedbackType },
    });
    await advanceMessageStatus(tx, message, 'complained');
    if (message.to_address)
      await suppress(tx, message.workspace_id, { email: message.to_address }, 'complaint');
    if (message.contact_id)
      await recordConsent(tx, message.workspace_id, message.contact_id, {
        channel: 'email',
        status: 'opted_out',
        source: 'complaint',
        proof: { text: `Spam complaint (${report.feedbackType}) about message ${message.id}` },
      });
  });
  return { kind: 'complaint', messageId: message.id };
}

async function recordReply(em: EntityManager, messageId: string, raw: Buffer): Promise<InboundEmailOutcome> {
  const message = await findMessage(em, messageId);
  if (!message) return { kind: 'ignored', reason: 'reply to an unknown message' };
  const parsed = await simpleParser(raw);
  const from = storableText(parsed.from?.value[0]?.address?.toLowerCase() ?? '');
  const body = storableText(
    (parsed.text ?? (typeof parsed.html === 'string' ? plainTextFromHtml(parsed.html) : ''))
      .trim()
      .slice(0, MAX_BODY_CHARS),
  );
  const providerId = storableText(
    parsed.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
  );
  const subject = parsed.subject === undefined ? null : storableText(parsed.subject.slice(0, 998));
  const autoSubmitted = parsed.headerLines.find((h) => h.key === 'auto-submitted')?.line ?? '';
  const automatic = /:\s*auto-(replied|generated)/i.test(autoSubmitted);
  return em.transactional(async (tx) => {
    const rows = await sql<{ id: string }>(
      tx,
      `insert into inbound_messages (id, workspace_id, contact_id, channel, from_address, to_address, subject, body,
         provider_message_id, in_reply_to_id, keyword, received_at)
       values (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (workspace_id, channel, provider_message_id) do nothing returning id`,
      [
        uuidV7(),
        message.workspace_id,
        message.contact_id,
        from.slice(0, 254),
        message.from_address,
        subject,
        body,
        providerId.slice(0, 250),
        message.id,
        automatic ? 'auto_reply' : null,
      ],
    );
    if (rows[0] && message.contact_id)
      await fileInbound(tx, {
        workspaceId: message.workspace_id,
        contactId: message.contact_id,
        channel: 'email',
        threadKey: emailThreadKey(message.id),
        inboundMessageId: rows[0].id,
        answered: message,
        subject,
        body,
        receivedAt: new Date(),
        automatic,
      });
    if (rows[0] && !automatic) {
      await sql(tx, 'select id from messages where id = ? for update', [message.id]);
      await recordMessageEvent(tx, message, { kind: 'replied' });
      await advanceMessageStatus(tx, message, 'replied');
    }
    return { kind: 'reply', messageId: message.id, inboundId: rows[0]?.id ?? null } as const;
  });
}
