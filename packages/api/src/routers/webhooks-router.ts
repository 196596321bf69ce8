import { z } from 'zod';
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
  WEBHOOK_EVENT_TYPES,
} from '@switchboard/webhooks';
import { actorOf } from '../actor.ts';
import { permittedProcedure, router } from '../trpc.ts';

const byEndpoint = z.object({ endpointId: z.uuid('Not a webhook endpoint id') });
const byDelivery = z.object({ deliveryId: z.string().regex(/^\d{1,18}$/, 'Not a delivery id') });

/** Outbound webhooks: endpoints with their secret shown once, the delivery log, resend and test. */
export const webhooksRouter = router({
  eventTypes: permittedProcedure('webhooks.manage').query(() => [...WEBHOOK_EVENT_TYPES]),

  list: permittedProcedure('webhooks.manage').query(({ ctx }) =>
    listWebhookEndpoints(ctx.em, ctx.session.workspace.id),
  ),

  /** Returns the signing secret once; afterwards only its first characters are shown. */
  create: permittedProcedure('webhooks.manage')
    .input(webhookEndpointInput)
    .mutation(({ ctx, input }) =>
      createWebhookEndpoint(
        ctx.em,
        ctx.session.workspace.id,
        input,
        actorOf(ctx.session, ctx.ip),
        ctx.services.webhookPrivateTargets,
      ),
    ),

  update: permittedProcedure('webhooks.manage')
    .input(webhookEndpointPatch.extend(byEndpoint.shape))
    .mutation(async ({ ctx, input }) => {
      const { endpointId, ...patch } = input;
      await updateWebhookEndpoint(
        ctx.em,
        ctx.session.workspace.id,
        endpointId,
        patch,
        actorOf(ctx.session, ctx.ip),
        ctx.services.webhookPrivateTargets,
      );
      return { ok: true };
    }),

  rotateSecret: permittedProcedure('webhooks.manage')
    .input(byEndpoint)
    .mutation(({ ctx, input }) =>
      rotateWebhookSecret(ctx.em, ctx.session.workspace.id, input.endpointId, actorOf(ctx.session, ctx.ip)),
    ),

  remove: permittedProcedure('webhooks.manage')
    .input(byEndpoint)
    .mutation(async ({ ctx, input }) => {
      await deleteWebhookEndpoint(
        ctx.em,
        ctx.session.workspace.id,
        input.endpointId,
        actorOf(ctx.session, ctx.ip),
      );
      return { ok: true };
    }),

  deliveries: permittedProcedure('webhooks.manage')
    .input(
      byEndpoint.extend({
        before: z
          .string()
          .regex(/^\d{1,18}$/, 'Not a cursor')
          .optional(),
        limit: z.number().int().min(1).max(200).default(50),
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      listWebhookDeliveries(ctx.em, ctx.session.workspace.id, input.endpointId, {
        limit: input.limit,
        ...(input.before ? { before: input.before } : {}),
        ...(input.status ? { status: input.status } : {}),
      }),
    ),

  delivery: permittedProcedure('webhooks.manage')
    .input(byDelivery)
    .query(({ ctx, input }) => webhookDeliveryDetail(ctx.em, ctx.session.workspace.id, input.deliveryId)),

  resend: permittedProcedure('webhooks.manage')
    .input(byDelivery)
    .mutation(({ ctx, input }) =>
      resendWebhookDelivery(ctx.em, ctx.session.workspace.id, input.deliveryId, actorOf(ctx.session, ctx.ip)),
    ),

  sendTest: permittedProcedure('webhooks.manage')
    .input(byEndpoint)
    .mutation(({ ctx, input }) => sendTestWebhook(ctx.em, ctx.session.workspace.id, input.endpointId)),
});
