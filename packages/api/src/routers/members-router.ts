import { z } from 'zod';
import { ROLES } from '@switchboard/db';
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  listPendingInvites,
  removeMember,
  revokeInvite,
} from '@switchboard/accounts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

const role = z.enum(ROLES);
const userId = z.uuid('Not a valid user id');

export const membersRouter = router({
  list: permittedProcedure('workspace.read').query(({ ctx }) =>
    listMembers(ctx.em, ctx.session.workspace.id),
  ),

  invites: permittedProcedure('members.manage').query(({ ctx }) =>
    listPendingInvites(ctx.em, ctx.session.workspace.id),
  ),

  invite: permittedProcedure('members.manage')
    .input(z.object({ email: z.string().trim().max(320), role }))
    .mutation(({ ctx, input }) =>
      inviteMember(ctx.em, ctx.services.mailer, {
        workspaceId: ctx.session.workspace.id,
        actorRole: ctx.session.role,
        actor: actorOf(ctx.session, ctx.ip),
        inviterName: ctx.session.user.name,
        email: input.email,
        role: input.role,
        publicUrl: ctx.services.publicUrl,
      }),
    ),

  revokeInvite: permittedProcedure('members.manage')
    .input(z.object({ inviteId: z.uuid('Not a valid invite id') }))
    .mutation(async ({ ctx, input }) => {
      await revokeInvite(ctx.em, ctx.session.workspace.id, input.inviteId, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),

  changeRole: permittedProcedure('members.manage')
    .input(z.object({ userId, role }))
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.em, {
        workspaceId: ctx.session.workspace.id,
        actorRole: ctx.session.role,
        actor: actorOf(ctx.session, ctx.ip),
        userId: input.userId,
        role: input.role,
      }),
    ),

  remove: permittedProcedure('members.manage')
    .input(z.object({ userId }))
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.em, {
        workspaceId: ctx.session.workspace.id,
        actorRole: ctx.session.role,
        actor: actorOf(ctx.session, ctx.ip),
        userId: input.userId,
      });
      return { ok: true };
    }),
});
