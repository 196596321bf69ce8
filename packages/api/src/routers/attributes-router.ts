import { z } from 'zod';
import {
  ATTRIBUTE_TYPES,
  defineAttribute,
  listAttributeDefinitions,
  relabelAttribute,
} from '@switchboard/contacts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

/** Custom fields (attribute definitions) for the settings page. */
export const attributesRouter = router({
  list: permittedProcedure('contacts.read').query(({ ctx }) =>
    listAttributeDefinitions(ctx.em, ctx.session.workspace.id),
  ),
  define: permittedProcedure('audience.configure')
    .input(
      z.object({
        key: z.string().trim().min(1, 'Name the field').max(64),
        type: z.enum(ATTRIBUTE_TYPES),
        label: z.string().trim().max(200).default(''),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await defineAttribute(ctx.em, ctx.session.workspace.id, input, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),
  relabel: permittedProcedure('audience.configure')
    .input(z.object({ key: z.string().max(64), label: z.string().trim().max(200) }))
    .mutation(async ({ ctx, input }) => {
      await relabelAttribute(
        ctx.em,
        ctx.session.workspace.id,
        input.key,
        input.label,
        actorOf(ctx.session, ctx.ip),
      );
      return { ok: true };
    }),
});
