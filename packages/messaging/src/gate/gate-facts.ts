import type { EntityManager } from '@switchboard/db';
import { list, sql, suppressionHash, TEXT_LIST, type ContactRow } from '@switchboard/contacts';
import type { MessagingPolicy } from '../policy/messaging-policy.ts';
import { HANDED_TO_PROVIDER } from '../ledger/message-status.ts';
import type { MessageRow } from '../ledger/message-ledger.ts';
import type { ConsentState, GateFacts, SuppressionReason } from './send-gate.ts';

/** The contact's address on a channel, as stored (already normalised by identify/import). */
export function channelAddress(contact: ContactRow, channel: MessageRow['channel']): string | null {
  if (channel === 'email') return contact.email;
  if (channel === 'sms') return contact.phone;
  return contact.wechat_id;
}

const IDENTITY_KIND = { email: 'email', sms: 'phone', wechat: 'wechatId' } as const;

/**
 * Serialises sends to one contact across every worker for the rest of the transaction, so two campaigns claiming
 * at the same moment cannot both slip under the frequency cap.
 */
export async function lockContactForSending(em: EntityManager, contactId: string): Promise<void> {
  await sql(em, `select pg_advisory_xact_lock(hashtextextended(?, 7))`, [`send:${contactId}`]);
}

export async function loadGateFacts(
  em: EntityManager,
  input: {
    message: MessageRow;
    contact: ContactRow | null;
    policy: MessagingPolicy;
    now: Date;
    warmupRemainingToday: number | null;
  },
): Promise<GateFacts> {
  const { message, contact, policy, now } = input;
  const address = contact ? channelAddress(contact, message.channel) : null;
  const consents = contact
    ? await sql<{ topic: string; status: ConsentState }>(
        em,
        `select topic, status from consents where contact_id = ? and channel = ? and topic = any(${TEXT_LIST})`,
        [contact.id, message.channel, list(['', message.topic])],
      )
    : [];
  const consentFor = (topic: string): ConsentState =>
    consents.find((c) => c.topic === topic)?.status ?? 'none';
  const suppressions = address
    ? await sql<{ reason: SuppressionReason }>(
        em,
        'select reason from suppressions where workspace_id = ? and value_hash = ?',
        [message.workspace_id, suppressionHash(IDENTITY_KIND[message.channel], address)],
      )
    : [];
  let recentMarketingCount = 0;
  if (contact && message.purpose === 'marketing') {
    const [row] = await sql<{ count: string }>(
      em,
      `select count(*) from messages where contact_id = ? and purpose = 'marketing' and id <> ?
         and status = any(${TEXT_LIST}) and coalesce(sent_at, created_at) >= ?`,
      [
        contact.id,
        message.id,
        list([...HANDED_TO_PROVIDER]),
        new Date(now.getTime() - policy.frequencyCap.days * 86_400_000),
      ],
    );
    recentMarketingCount = Number(row?.count ?? 0);
  }
  return {
    channel: message.channel,
    purpose: message.purpose,
    topic: message.topic,
    now,
    hasAddress: address !== null,
    doNotContact: contact?.do_not_contact ?? false,
    channelConsent: consentFor(''),
    topicConsent: message.topic ? consentFor(message.topic) : 'none',
    requireOptIn: policy.optInChannels.includes(message.channel),
    suppressions: suppressions.map((s) => s.reason),
    recentMarketingCount,
    frequencyCap: policy.frequencyCap,
    quietHours: policy.quietHours,
    timeZone: contact?.timezone ?? policy.defaultTimezone,
    warmupRemainingToday: input.warmupRemainingToday,
  };
}
