import { z } from 'zod';
import { acceptInvite, describeInvite, destroySession, setUserLocale, signIn } from '@switchboard/accounts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

const token = z.string().min(20).max(100);

export const authRouter = router({
  /** The signed-in user, workspace, role and CSRF token; null when signed out. */
  me: publicProcedure.query(({ ctx }) => {
    if (!ctx.session) return null;
    const { user, workspace, role, csrfToken } = ctx.session;
    return { user, workspace, role, csrfToken };
  }),

  /** The language the person reads the app and Switchboard's emails to them in (the language menu sets it). */
  setLocale: protectedProcedure
    .input(z.object({ locale: z.enum(['en', 'zh-CN']) }))
    .mutation(async ({ ctx, input }) => {
      await setUserLocale(ctx.em, ctx.session.user.id, input.locale);
      return { locale: input.locale };
    }),

  signIn: publicProcedure
    .input(
      z.object({
        email: z.string().trim().min(3, 'Enter your email').max(320),
        password: z.string().min(1, 'Enter your password').max(200),
        workspace: z.string().max(63).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await signIn(ctx.em, {
        email: input.email,
        password: input.password,
        ...(input.workspace ? { workspaceSlug: input.workspace } : {}),
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        sessionSecret: ctx.services.sessionSecret,
      });
      ctx.cookies.set(result.token);
      return { csrfToken: result.csrfToken };
    }),

  signOut: protectedProcedure.mutation(async ({ ctx }) => {
    await destroySession(ctx.em, ctx.session.sessionId);
    ctx.cookies.clear();
    return { ok: true };
  }),

  inviteInfo: publicProcedure
    .input(z.object({ token }))
    .query(({ ctx, input }) => describeInvite(ctx.em, input.token)),

  acceptInvite: publicProcedure
    .input(
      z.object({ token, name: z.string().trim().max(200).optional(), password: z.string().min(1).max(200) }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await acceptInvite(ctx.em, {
        token: input.token,
        password: input.password,
        ...(input.name ? { name: input.name } : {}),
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        sessionSecret: ctx.services.sessionSecret,
      });
      ctx.cookies.set(result.token);
      return { csrfToken: result.csrfToken };
    }),
});
