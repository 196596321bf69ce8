import { z } from 'zod';
import { notFound } from '@switchboard/accounts';
import {
  addSendingDomain,
  listSendingDomains,
  loadMessagingPolicy,
  messagingPolicySchema,
  removeSendingDomain,
  saveMessagingPolicy,
  verifySendingDomain,
} from '@switchboard/messaging';
import { permittedProcedure, router } from '../trpc.ts';

/** Settings → Sending: the workspace's messaging policy (caps, quiet hours…) and its sending domains. */
export const channelsRouter = router({
  policy: permittedProcedure('workspace.read').query(({ ctx }) =>
    loadMessagingPolicy(ctx.em, ctx.session.workspace.id),
  ),
  savePolicy: permittedProcedure('channels.configure')
    .input(messagingPolicySchema)
    .mutation(async ({ ctx, input }) => {
      await saveMessagingPolicy(ctx.em, ctx.session.workspace.id, input);
      return loadMessagingPolicy(ctx.em, ctx.session.workspace.id);
    }),

  domains: permittedProcedure('workspace.read').query(({ ctx }) =>
    listSendingDomains(ctx.em, ctx.session.workspace.id, { spfMechanism: ctx.services.spfMechanism }),
  ),
  addDomain: permittedProcedure('channels.configure')
    .input(z.object({ domain: z.string().trim().min(1, 'Enter a domain').max(253) }))
    .mutation(({ ctx, input }) =>
      addSendingDomain(ctx.em, ctx.session.workspace.id, input, { spfMechanism: ctx.services.spfMechanism }),
    ),
  verifyDomain: permittedProcedure('channels.configure')
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const domain = await verifySendingDomain(
        ctx.em,
        ctx.session.workspace.id,
        input.id,
        ctx.services.resolveTxt,
        {
          spfMechanism: ctx.services.spfMechanism,
        },
      );
      if (!domain) throw notFound('Sending domain');
      return domain;
    }),
  removeDomain: permittedProcedure('channels.configure')
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      if (!(await removeSendingDomain(ctx.em, ctx.session.workspace.id, input.id)))
        throw notFound('Sending domain');
      return { ok: true };
    }),
});
