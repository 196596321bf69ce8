import { z } from 'zod';
import { API_SCOPES, createApiKey, listApiKeys, revokeApiKey } from '@switchboard/accounts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

export const apiKeysRouter = router({
  list: permittedProcedure('apiKeys.manage').query(({ ctx }) =>
    listApiKeys(ctx.em, ctx.session.workspace.id),
  ),

  /** Returns the full key once; afterwards only its prefix is ever shown. */
  create: permittedProcedure('apiKeys.manage')
    .input(
      z.object({
        name: z.string().trim().min(1, 'Name the key').max(200),
        scopes: z.array(z.enum(API_SCOPES)).min(1, 'Pick at least one scope'),
      }),
    )
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.em, {
        workspaceId: ctx.session.workspace.id,
        name: input.name,
        scopes: input.scopes,
        actor: actorOf(ctx.session, ctx.ip),
      }),
    ),

  revoke: permittedProcedure('apiKeys.manage')
    .input(z.object({ keyId: z.uuid('Not a valid key id') }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.em, ctx.session.workspace.id, input.keyId, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),
});
