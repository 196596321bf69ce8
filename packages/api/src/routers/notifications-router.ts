import { z } from 'zod';
import { listNotifications, markNotificationsRead } from '@switchboard/accounts';
import { permittedProcedure, router } from '../trpc.ts';

/** The signed-in user's own notifications (hand-offs…); every member may read and clear theirs. */
export const notificationsRouter = router({
  mine: permittedProcedure('workspace.read').query(({ ctx }) =>
    listNotifications(ctx.em, ctx.session.workspace.id, ctx.session.user.id),
  ),
  // Some ids or all: either way only the caller's own notifications.
  markRead: permittedProcedure('workspace.read', { sameAccessVariants: ['ids'] })
    .input(z.object({ ids: z.union([z.array(z.string().regex(/^\d+$/)).max(100), z.literal('all')]) }))
    .mutation(async ({ ctx, input }) => {
      await markNotificationsRead(ctx.em, ctx.session.workspace.id, ctx.session.user.id, input.ids);
      return { ok: true };
    }),
});
