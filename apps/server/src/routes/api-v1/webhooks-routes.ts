import type { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
  webhookDeliveryDetail,
  webhookEndpointInput,
  webhookEndpointPatch,
} from '@switchboard/webhooks';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';
import { apiActor, uuidParam, workspaceIdOf } from './request-parts.ts';

const DELIVERY_ID = /^\d{1,18}$/;

const deliveriesQuery = z.object({
  before: z.string().regex(DELIVERY_ID, 'Use the `next` cursor of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
});

type Ctx = Parameters<typeof uuidParam>[0];
const workspaceOf = workspaceIdOf;
const endpointIdOf = (c: Ctx) => uuidParam(c, 'id', 'Webhook endpoint');

/**
 * Webhook endpoints from code (scope webhooks:manage): the same rules as Settings → Webhooks — the secret is
 * returned once on create and rotate, private targets are refused, and the delivery log pages with a cursor.
 */
export function mountWebhookRoutes(
  api: Hono<ApiV1Env>,
  deps: { db: Database; webhookPrivateTargets: readonly string[] },
) {
  const manage = requireScope('webhooks:manage');
  const em = () => deps.db.fork();
  const viewOf = async (c: Ctx, id: string) => {
    const endpoint = (await listWebhookEndpoints(em(), workspaceOf(c))).find((e) => e.id === id);
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  };

  api.get('/webhooks', manage, async (c) =>
    c.json({ webhooks: await listWebhookEndpoints(em(), workspaceOf(c)) }),
  );

  api.post('/webhooks', manage, async (c) => {
    const body = webhookEndpointInput.strict().parse(await readJson(c));
    const created = await createWebhookEndpoint(
      em(),
      workspaceOf(c),
      body,
      apiActor(c),
      deps.webhookPrivateTargets,
    );
    return c.json({ webhook: await viewOf(c, created.id), secret: created.secret }, 201);
  });

  api.get('/webhooks/:id', manage, async (c) => c.json({ webhook: await viewOf(c, endpointIdOf(c)) }));

  api.patch('/webhooks/:id', manage, async (c) => {
    const id = endpointIdOf(c);
    const patch = webhookEndpointPatch.strict().parse(await readJson(c));
    await updateWebhookEndpoint(em(), workspaceOf(c), id, patch, apiActor(c), deps.webhookPrivateTargets);
    return c.json({ webhook: await viewOf(c, id) });
  });

  api.delete('/webhooks/:id', manage, async (c) => {
    await deleteWebhookEndpoint(em(), workspaceOf(c), endpointIdOf(c), apiActor(c));
    return c.body(null, 204);
  });

  api.post('/webhooks/:id/rotate-secret', manage, async (c) =>
    c.json(await rotateWebhookSecret(em(), workspaceOf(c), endpointIdOf(c), apiActor(c))),
  );

  api.post('/webhooks/:id/test', manage, async (c) => {
    const { id } = await sendTestWebhook(em(), workspaceOf(c), endpointIdOf(c));
    return c.json({ deliveryId: id }, 202);
  });

  api.get('/webhooks/:id/deliveries', manage, async (c) => {
    const query = deliveriesQuery.parse(c.req.query());
    const page = await listWebhookDeliveries(em(), workspaceOf(c), endpointIdOf(c), {
      limit: query.limit,
      ...(query.before ? { before: query.before } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    return c.json({ deliveries: page.deliveries, next: page.nextCursor });
  });

  /** The delivery named in the path, if it belongs to the endpoint named before it. */
  const deliveryOf = async (c: Ctx) => {
    const endpointId = endpointIdOf(c);
    const deliveryId = c.req.param('deliveryId') ?? '';
    if (!DELIVERY_ID.test(deliveryId)) throw notFound('Webhook delivery');
    const detail = await webhookDeliveryDetail(em(), workspaceOf(c), deliveryId);
    if (detail.endpointId !== endpointId) throw notFound('Webhook delivery');
    return detail;
  };

  api.get('/webhooks/:id/deliveries/:deliveryId', manage, async (c) =>
    c.json({ delivery: await deliveryOf(c) }),
  );

  api.post('/webhooks/:id/deliveries/:deliveryId/resend', manage, async (c) => {
    const delivery = await deliveryOf(c);
    const { id } = await resendWebhookDelivery(em(), workspaceOf(c), delivery.id, apiActor(c));
    return c.json({ deliveryId: id }, 202);
  });
}
