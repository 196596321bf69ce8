import type { Hono } from 'hono';
import type { Client } from '@temporalio/client';
import { notFound } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import {
  findMessage,
  messageView,
  sendMessageSchema,
  sendOneMessage,
  startDelivery,
  type DeliveryQueues,
} from '@switchboard/messaging';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST /messages sends one message through the ledger and gate; GET /messages/{id} reports its status and events. */
export function mountMessageRoutes(
  api: Hono<ApiV1Env>,
  deps: { db: Database; temporal: Client; queues: DeliveryQueues },
) {
  api.post('/messages', requireScope('messages:send'), async (c) => {
    const body = sendMessageSchema.parse(await readJson(c));
    const em = deps.db.fork();
    const { message, created } = await sendOneMessage(
      em,
      (message) => startDelivery(deps.temporal, deps.queues, message),
      {
        workspaceId: c.get('principal').workspace.id,
        body,
        idempotencyKey: c.req.header('idempotency-key'),
      },
    );
    if (!created) c.header('Idempotent-Replayed', 'true');
    c.header('Location', `/api/v1/messages/${message.id}`);
    return c.json(await messageView(em, message), created ? 202 : 200);
  });

  api.get('/messages/:id', requireScope('messages:read'), async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw notFound('Message');
    const em = deps.db.fork();
    const message = await findMessage(em, id, c.get('principal').workspace.id);
    if (!message) throw notFound('Message');
    return c.json(await messageView(em, message));
  });
}
