import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, recordAudit, type Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { webhookBody } from '../definition/webhook-body.ts';
import { WEBHOOK_TEST_TYPE } from '../definition/webhook-event-types.ts';
import { requireWebhookEndpoint } from './webhook-endpoints.ts';

export interface WebhookDeliveryRow {
  id: string;
  endpoint_id: string;
  workspace_id: string;
  event_id: string;
  type: string;
  contact_id: string | null;
  payload: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: Date;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  type: string;
  contactId: string | null;
  status: WebhookDeliveryRow['status'];
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: Date;
}

// Raw queries return timestamps as text.
const dateOf = (value: Date | string | null) => (value === null ? null : new Date(value));

const view = (row: WebhookDeliveryRow): WebhookDeliveryView => ({
  id: String(row.id),
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  type: row.type,
  contactId: row.contact_id,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? dateOf(row.next_attempt_at) : null,
  lastAttemptAt: dateOf(row.last_attempt_at),
  responseStatus: row.response_status,
  error: row.error,
  durationMs: row.duration_ms,
  createdAt: new Date(row.created_at),
});

export const requestBodyOf = (row: WebhookDeliveryRow) =>
  webhookBody({
    eventId: row.event_id,
    type: row.type,
    workspaceId: row.workspace_id,
    createdAt: new Date(row.created_at),
    payload: row.payload,
  });

/** The endpoint's log, newest first; `before` is the cursor (the last id of the previous page). */
export async function listWebhookDeliveries(
  em: EntityManager,
  workspaceId: string,
  endpointId: string,
  options: { before?: string; limit: number; status?: WebhookDeliveryRow['status'] },
): Promise<{ deliveries: WebhookDeliveryView[]; nextCursor: string | null }> {
  await requireWebhookEndpoint(em, workspaceId, endpointId);
  const rows = await sql<WebhookDeliveryRow>(
    em,
    `select * from webhook_deliveries where endpoint_id = ? and (?::bigint is null or id < ?::bigint)
       and (?::text is null or status = ?::text)
     order by id desc limit ?`,
    [
      endpointId,
      options.before ?? null,
      options.before ?? null,
      options.status ?? null,
      options.status ?? null,
      options.limit + 1,
    ],
  );
  const page = rows.slice(0, options.limit);
  return {
    deliveries: page.map(view),
    nextCursor: rows.length > options.limit ? String(page.at(-1)!.id) : null,
  };
}

async function requireDelivery(em: EntityManager, workspaceId: string, deliveryId: string) {
  const [row] = await sql<WebhookDeliveryRow>(
    em,
    'select * from webhook_deliveries where id = ? and workspace_id = ?',
    [deliveryId, workspaceId],
  );
  if (!row) throw notFound('Webhook delivery');
  return row;
}

/** One delivery with the request it makes and the last answer it got, for the log's detail view. */
export async function webhookDeliveryDetail(em: EntityManager, workspaceId: string, deliveryId: string) {
  const row = await requireDelivery(em, workspaceId, deliveryId);
  return { ...view(row), requestBody: requestBodyOf(row), responseBody: row.response_body };
}

/**
 * Sends a delivery again as a new log entry with the same event id (receivers that already have it deduplicate);
 * for a receiver that lost data or was fixed after its deliveries failed.
 */
export async function resendWebhookDelivery(
  em: EntityManager,
  workspaceId: string,
  deliveryId: string,
  actor: Actor,
): Promise<{ id: string }> {
  const row = await requireDelivery(em, workspaceId, deliveryId);
  const [copy] = await sql<{ id: string }>(
    em,
    `insert into webhook_deliveries (endpoint_id, workspace_id, event_id, type, contact_id, payload, next_attempt_at, created_at)
     values (?, ?, ?, ?, ?, ?::jsonb, now(), ?) returning id`,
    [
      row.endpoint_id,
      workspaceId,
      row.event_id,
      row.type,
      row.contact_id,
      JSON.stringify(row.payload),
      row.created_at,
    ],
  );
  recordAudit(em, {
    workspaceId,
    actor,
    action: 'webhook.resent',
    target: { type: 'webhook', id: row.endpoint_id },
    details: { eventId: row.event_id, deliveryId: String(row.id) },
  });
  await em.flush();
  return { id: String(copy!.id) };
}

/** Queues a `webhook.test` event for one endpoint; its outcome shows in the log within a second or two. */
export async function sendTestWebhook(
  em: EntityManager,
  workspaceId: string,
  endpointId: string,
): Promise<{ id: string }> {
  const endpoint = await requireWebhookEndpoint(em, workspaceId, endpointId);
  if (!endpoint.enabled)
    throw conflict('This endpoint is disabled: enable it to send the test (and what waited for it)');
  const [row] = await sql<{ id: string }>(
    em,
    `insert into webhook_deliveries (endpoint_id, workspace_id, event_id, type, contact_id, payload, next_attempt_at, created_at)
     values (?, ?, gen_random_uuid(), ?, null, ?::jsonb, now(), now()) returning id`,
    [
      endpointId,
      workspaceId,
      WEBHOOK_TEST_TYPE,
      JSON.stringify({
        message: 'A test event from Switchboard: your endpoint is reachable and can check signatures.',
      }),
    ],
  );
  return { id: String(row!.id) };
}
