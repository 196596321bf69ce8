import { z } from 'zod';
import { notFound } from '@switchboard/accounts';
import { topicKey } from '@switchboard/contacts';
import {
  contactMessages,
  findMessage,
  messageSourceName,
  messageView,
  sendMessageSchema,
  sendOneMessage,
} from '@switchboard/messaging';
import { permittedProcedure, router } from '../trpc.ts';

/** Messages to and from one contact, and sending one by hand from the 360 page (same ledger and gate as the API). */
export const messagesRouter = router({
  forContact: permittedProcedure('contacts.read')
    .input(z.object({ contactId: z.uuid() }))
    .query(({ ctx, input }) => contactMessages(ctx.em, ctx.session.workspace.id, input.contactId)),

  get: permittedProcedure('contacts.read')
    .input(z.object({ id: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const message = await findMessage(ctx.em, input.id, ctx.session.workspace.id);
      if (!message) throw notFound('Message');
      return {
        ...(await messageView(ctx.em, message)),
        sourceName: await messageSourceName(ctx.em, message),
      };
    }),

  send: permittedProcedure('messages.send', {
    inputAccess: [
      {
        when: 'purpose=marketing',
        access: 'messages.sendMarketing',
        doing: 'send marketing messages by hand',
      },
    ],
  })
    .input(
      z.object({
        contactId: z.uuid(),
        channel: z.enum(['email', 'sms', 'wechat']),
        purpose: z.enum(['transactional', 'marketing']),
        topic: topicKey.optional(),
        subject: z.string().trim().max(998).optional(),
        text: z.string().trim().min(1, 'Write the message').max(4000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const content =
        input.channel === 'email'
          ? { subject: input.subject ?? '', html: textToHtml(input.text), text: input.text }
          : input.channel === 'sms'
            ? { body: input.text }
            : { text: input.text };
      const body = sendMessageSchema.parse({
        contact: input.contactId,
        channel: input.channel,
        purpose: input.purpose,
        ...(input.topic ? { topic: input.topic } : {}),
        content,
      });
      const { message } = await sendOneMessage(ctx.em, (m) => ctx.services.startDelivery(m), {
        workspaceId: ctx.session.workspace.id,
        body,
        idempotencyKey: undefined,
      });
      return messageView(ctx.em, message);
    }),
});

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const WEB_LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** A hand-written email: paragraphs and line breaks as the person typed them, web addresses as links. */
function textToHtml(text: string): string {
  const linked = (p: string) => escape(p).replace(WEB_LINK, (url) => `<a href="${url}">${url}</a>`);
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${linked(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('')}</body></html>`;
}
