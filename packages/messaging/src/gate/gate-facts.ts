import type { EntityManager } from '@switchboard/db';
import {
  list,
  OPAQUE_TEXT_LIST,
  sql,
  suppressionHash,
  TEXT_LIST,
  type ContactRow,
} from '@switchboard/contacts';
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
 * Serialises sends to these contacts across every worker for the rest of the transaction, so two campaigns claiming
 * at the same moment cannot both slip under the frequency cap. Sorted, so concurrent batches cannot deadlock.
 */
export async function lockContactsForSending(em: EntityManager, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await sql(
    em,
    `select pg_advisory_xact_lock(hashtextextended('send:' || id, 7)) from unnest(${TEXT_LIST}) as id order by id`,
    [list([...new Set(contactIds)].sort())],
  );
}

export interface GateSubject {
  message: MessageRow;
  contact: ContactRow | null;
  policy: MessagingPolicy;
  warmupRemainingToday: number | null;
}

interface FactsRow {
  id: string;
  consents: Record<string, ConsentState>;
  suppressions: SuppressionReason[];
  recent: string;
}

/**
 * Everything the gate needs about a batch of messages, in one round trip: consent for each channel and topic,
 * suppressions of each address, and (marketing under a cap) how many marketing messages each contact got inside
 * the window, on every channel.
 */
export async function loadGateFacts(
  em: EntityManager,
  subjects: GateSubject[],
  now: Date,
): Promise<Map<string, GateFacts>> {
  const column = (pick: (s: GateSubject) => string | null) => list(subjects.map(pick));
  const address = (s: GateSubject) => (s.contact ? channelAddress(s.contact, s.message.channel) : null);
  const rows = await sql<FactsRow>(
    em,
    `select v.id,
       (select coalesce(json_object_agg(k.topic, k.status), '{}'::json) from consents k
         where k.contact_id = v.contact::uuid and k.channel = v.channel and k.topic in ('', v.topic)) as consents,
       (select coalesce(array_agg(s.reason), '{}') from suppressions s
         where s.workspace_id = v.workspace::uuid and s.value_hash = v.hash) as suppressions,
       case when v.count_recent = 'true' then
         (select count(*) from messages m where m.contact_id = v.contact::uuid and m.purpose = 'marketing'
            and m.id <> v.id::uuid and m.status = any(${OPAQUE_TEXT_LIST}) and coalesce(m.sent_at, m.created_at) >= v.since::timestamptz)
       else 0 end as recent
     from unnest(${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST},
       ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST})
       as v(id, contact, workspace, channel, topic, hash, count_recent, since)`,
    [
      list([...HANDED_TO_PROVIDER]),
      column((s) => s.message.id),
      column((s) => s.contact?.id ?? null),
      column((s) => s.message.workspace_id),
      column((s) => s.message.channel),
      column((s) => s.message.topic),
      column((s) => {
        const value = address(s);
        return value ? suppressionHash(IDENTITY_KIND[s.message.channel], value) : '';
      }),
      column((s) =>
        String(s.contact !== null && s.message.purpose === 'marketing' && s.policy.frequencyCap.count > 0),
      ),
      column((s) => new Date(now.getTime() - s.policy.frequencyCap.days * 86_400_000).toISOString()),
    ],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(
    subjects.map((s) => {
      const row = byId.get(s.message.id);
      const consents = row?.consents ?? {};
      const facts: GateFacts = {
        channel: s.message.channel,
        purpose: s.message.purpose,
        topic: s.message.topic,
        now,
        hasAddress: address(s) !== null,
        doNotContact: s.contact?.do_not_contact ?? false,
        channelConsent: consents[''] ?? 'none',
        topicConsent: s.message.topic ? (consents[s.message.topic] ?? 'none') : 'none',
        requireOptIn: s.policy.optInChannels.includes(s.message.channel),
        suppressions: row?.suppressions ?? [],
        recentMarketingCount: Number(row?.recent ?? 0),
        frequencyCap: s.policy.frequencyCap,
        quietHours: s.policy.quietHours,
        timeZone: s.contact?.timezone ?? s.policy.defaultTimezone,
        warmupRemainingToday: s.warmupRemainingToday,
      };
      return [s.message.id, facts];
    }),
  );
}
