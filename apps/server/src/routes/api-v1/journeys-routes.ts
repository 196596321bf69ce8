import type { Hono } from 'hono';
import type { Client } from '@temporalio/client';
import { notFound } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import { enrolBodySchema, enrolByApi, journeyTemporal } from '@switchboard/journeys';
import type { DeliveryQueues } from '@switchboard/messaging';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST /journeys/{id}/enrol puts one contact into a live journey (an API-triggered entry). */
export function mountJourneyRoutes(
  api: Hono<ApiV1Env>,
  deps: { db: Database; temporal: Client; queues: DeliveryQueues },
) {
  const temporal = journeyTemporal(deps.temporal, deps.queues);
  api.post('/journeys/:id/enrol', requireScope('journeys:enrol'), async (c) => {
    const journeyId = c.req.param('id');
    if (!UUID.test(journeyId)) throw notFound('Journey');
    const body = enrolBodySchema.parse(await readJson(c));
    const { instance, created } = await enrolByApi(deps.db.fork(), temporal, {
      workspaceId: c.get('principal').workspace.id,
      journeyId,
      body,
      idempotencyKey: c.req.header('idempotency-key'),
    });
    if (!created) c.header('Idempotent-Replayed', 'true');
    return c.json({ instance }, created ? 201 : 200);
  });
}
