import type { EntityManager } from '@switchboard/db';
import type { PermanentSendError } from '@switchboard/channels';
import { list, recordConsent, sql, TEXT_LIST } from '@switchboard/contacts';
import { recordMessageEvent, type MessageRow } from '../ledger/message-ledger.ts';
import { OUTCOME_UNKNOWN } from './claim-batch.ts';
import type { SentThroughChannel } from './send-through-channel.ts';

/**
 * The provider accepted them: status and provider facts, the "sent" event and the contacts' timeline entries for a
 * whole batch in one statement (atomic on its own, one round trip — this runs for every recipient of a campaign).
 * A message marked `outcome_unknown` by an overlapping retry is corrected to sent.
 */
export async function recordSent(
  em: EntityManager,
  sentAt: Date,
  sent: { message: MessageRow; result: SentThroughChannel }[],
): Promise<void> {
  if (sent.length === 0) return;
  const column = (pick: (s: (typeof sent)[number]) => string | number | null) =>
    list(
      sent.map((s) => {
        const value = pick(s);
        return value === null ? null : String(value);
      }),
    );
  await sql(
    em,
    `with v as (
       select * from unnest(${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST},
         ${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST})
         as v(id, provider, provider_message_id, subject, body_hash, segments, cost, currency, detail)),
     updated as (
       update messages m set status = 'sent', sent_at = ?, provider = v.provider,
         provider_message_id = v.provider_message_id, subject = v.subject, body_hash = v.body_hash,
         segments = v.segments::int, cost = v.cost::numeric, cost_currency = v.currency, error = null,
         error_code = null, updated_at = now()
       from v where m.id = v.id::uuid and (m.status = 'sending' or m.error_code = ?)
       returning m.id, m.workspace_id, m.contact_id, m.channel, m.source_kind, m.source_id, m.sent_at, v.detail),
     logged as (
       insert into message_events (workspace_id, message_id, kind, detail, occurred_at)
       select workspace_id, id, 'sent', detail::jsonb, sent_at from updated)
     insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
     select workspace_id, contact_id, channel || '_sent',
       jsonb_strip_nulls(jsonb_build_object('messageId', id, 'source', source_kind, 'sourceId', source_id)),
       'channel', 'msg:' || id || ':sent', sent_at, now()
     from updated where contact_id is not null
     on conflict (workspace_id, message_id) do nothing`,
    [
      column((s) => s.message.id),
      column((s) => s.result.provider),
      column((s) => s.result.providerMessageId),
      column((s) => s.result.subject),
      column((s) => s.result.bodyHash),
      column((s) => s.result.segments),
      column((s) => s.result.cost),
      column((s) => s.result.costCurrency),
      column((s) =>
        JSON.stringify({
          provider: s.result.provider,
          ...(s.result.segments ? { segments: s.result.segments } : {}),
        }),
      ),
      sentAt,
      OUTCOME_UNKNOWN,
    ],
  );
}

/** Nothing reached the provider (or it refused for now): release the claims so the retry sends them. */
export async function releaseClaims(
  em: EntityManager,
  failed: { id: string; error: unknown }[],
): Promise<void> {
  if (failed.length === 0) return;
  await sql(
    em,
    `update messages m set status = 'queued', error = v.error, handed_at = null, updated_at = now()
     from unnest(${TEXT_LIST}, ${TEXT_LIST}) as v(id, error) where m.id = v.id::uuid and m.status = 'sending'`,
    [
      list(failed.map((f) => f.id)),
      list(failed.map((f) => String((f.error as Error).message ?? f.error).slice(0, 2000))),
    ],
  );
}

/** Twilio's 21610: the handset replied STOP to the carrier; honour it as an SMS opt-out on the contact. */
const TWILIO_UNSUBSCRIBED_RECIPIENT = 21610;

export async function recordPermanentFailure(
  tx: EntityManager,
  message: MessageRow,
  error: PermanentSendError,
) {
  await sql(
    tx,
    `update messages set status = 'failed', error = ?, error_code = ?, updated_at = now() where id = ?`,
    [
      error.message.slice(0, 2000),
      error.providerCode === undefined ? null : String(error.providerCode),
      message.id,
    ],
  );
  await recordMessageEvent(tx, message, {
    kind: 'failed',
    detail: { error: error.message.slice(0, 500), code: error.providerCode ?? null },
  });
  if (
    message.channel === 'sms' &&
    Number(error.providerCode) === TWILIO_UNSUBSCRIBED_RECIPIENT &&
    message.contact_id
  )
    await recordConsent(tx, message.workspace_id, message.contact_id, {
      channel: 'sms',
      status: 'opted_out',
      source: 'inbound_keyword',
      proof: { text: 'Twilio error 21610: the recipient opted out with the carrier (replied STOP)' },
    });
}
