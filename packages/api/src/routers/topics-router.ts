import { z } from 'zod';
import { CONSENT_CHANNELS, listTopics, saveTopic } from '@switchboard/contacts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

/** Subscription topics (settings) with how many people opted in to each. */
export const topicsRouter = router({
  list: permittedProcedure('contacts.read').query(({ ctx }) => listTopics(ctx.em, ctx.session.workspace.id)),
  save: permittedProcedure('audience.configure')
    .input(
      z.object({
        key: z.string().trim().min(1, 'Name the topic').max(100),
        label: z.string().trim().max(200).default(''),
        description: z.string().trim().max(2000).nullable().optional(),
        channels: z.array(z.enum(CONSENT_CHANNELS)).max(3),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await saveTopic(ctx.em, ctx.session.workspace.id, input, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),
});
