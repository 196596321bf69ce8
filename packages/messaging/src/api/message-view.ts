import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { MessageRow } from '../ledger/message-ledger.ts';
import { iso, type Timestamp } from '../ledger/timestamps.ts';

interface MessageEventRow {
  kind: string;
  machine: boolean;
  url: string | null;
  detail: Record<string, unknown>;
  occurred_at: Timestamp;
}

/** A message as the API and the app show it: status, the gate's decision, provider facts and every event. */
export async function messageView(em: EntityManager, message: MessageRow) {
  const events = await sql<MessageEventRow>(
    em,
    'select kind, machine, url, detail, occurred_at from message_events where message_id = ? order by id',
    [message.id],
  );
  return {
    id: message.id,
    contactId: message.contact_id,
    channel: message.channel,
    purpose: message.purpose,
    topic: message.topic || null,
    source: { kind: message.source_kind, id: message.source_id },
    status: message.status,
    to: message.to_address,
    subject: message.subject,
    gate: message.gate_decision,
    deferredUntil: iso(message.deferred_until),
    provider: message.provider,
    providerMessageId: message.provider_message_id,
    segments: message.segments,
    cost: message.cost === null ? null : Number(message.cost),
    currency: message.cost_currency,
    error: message.error,
    errorCode: message.error_code,
    createdAt: iso(message.created_at),
    sentAt: iso(message.sent_at),
    deliveredAt: iso(message.delivered_at),
    events: events.map((e) => ({
      kind: e.kind,
      machine: e.machine,
      url: e.url,
      detail: e.detail,
      at: iso(e.occurred_at),
    })),
  };
}

/** The name of the campaign or journey that sent a message (of the message's workspace), for people to read. */
export async function messageSourceName(em: EntityManager, message: MessageRow): Promise<string | null> {
  const table =
    message.source_kind === 'campaign' ? 'campaigns' : message.source_kind === 'journey' ? 'journeys' : null;
  if (!table || !message.source_id) return null;
  const [row] = await sql<{ name: string }>(
    em,
    `select name from ${table} where id::text = ? and workspace_id = ?`,
    [message.source_id, message.workspace_id],
  );
  return row?.name ?? null;
}
