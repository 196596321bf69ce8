import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { permittedProcedure, router } from '../trpc.ts';
import type { ApiContext } from '../context.ts';

function sandboxOf(ctx: ApiContext) {
  if (!ctx.services.sandbox)
    throw new TRPCError({ code: 'NOT_FOUND', message: 'The sandbox is off: real providers are configured' });
  return ctx.services.sandbox;
}

const sandboxProcedure = permittedProcedure('sandbox.use');

export const sandboxRouter = router({
  status: sandboxProcedure.query(({ ctx }) => ({ enabled: ctx.services.sandbox !== null })),
  emails: sandboxProcedure.query(({ ctx }) => sandboxOf(ctx).listEmails()),
  email: sandboxProcedure
    .input(z.object({ id: z.string().regex(/^[\d-]+$/, 'Not an outbox id') }))
    .query(async ({ ctx, input }) => {
      const email = await sandboxOf(ctx).getEmail(input.id);
      if (!email) throw new TRPCError({ code: 'NOT_FOUND', message: 'Email not found' });
      const raw = await sandboxOf(ctx).rawEmail(input.id);
      return { ...email, raw: raw ?? '' };
    }),
  sms: sandboxProcedure.query(({ ctx }) => sandboxOf(ctx).listSms()),
  webhooks: sandboxProcedure.query(({ ctx }) => sandboxOf(ctx).listWebhooks()),
  /** Null when the sandbox is off: the webhook form offers the pretend CRM only when there is one. */
  webhookReceiver: sandboxProcedure.query(({ ctx }) => ({
    url: ctx.services.sandbox?.webhookReceiverUrl ?? null,
  })),
  smsFromPhone: sandboxProcedure
    .input(
      z.object({
        from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Use an E.164 number such as +14155550123'),
        body: z.string().trim().min(1, 'Type a message').max(1600),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await sandboxOf(ctx).sendSmsFromPhone(input.from, input.body);
      return { ok: true };
    }),
  wechatContacts: sandboxProcedure.query(({ ctx }) => sandboxOf(ctx).wechatContacts()),
  wechatTranscript: sandboxProcedure.query(({ ctx }) => sandboxOf(ctx).wechatTranscript()),
  simulateWechat: sandboxProcedure
    .input(
      z.object({
        contactId: z.string().min(1).max(200),
        text: z.string().trim().min(1, 'Type a message').max(2000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const sandbox = sandboxOf(ctx);
      if (!sandbox.wechatContacts().some((c) => c.id === input.contactId))
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No such simulated contact' });
      await sandbox.simulateWechatMessage(input.contactId, input.text);
      return { ok: true };
    }),
});
