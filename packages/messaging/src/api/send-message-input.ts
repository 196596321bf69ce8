import { z } from 'zod';
import { topicKey } from '@switchboard/contacts';
import { stripUnsafeLinks } from '../email/safe-links.ts';

/** Limits that keep one API message sane: Gmail clips HTML past 102 KB; Twilio refuses bodies past 1,600 chars. */
const HTML_MAX = 512 * 1024;

const mailbox = z
  .string()
  .max(320)
  .refine(
    (value) => /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(value.trim()),
    'Use user@example.com or "Name <user@example.com>"',
  );

const emailContent = z
  .object({
    subject: z.string().trim().min(1, 'An email needs a subject').max(998),
    // Links that would run code (javascript:, data:…) never reach a mailbox.
    html: z
      .string()
      .min(1, 'An email needs an HTML body')
      .max(HTML_MAX, 'HTML over 512 KiB')
      .transform(stripUnsafeLinks),
    text: z.string().max(HTML_MAX).optional(),
    from: mailbox.optional(),
    replyTo: mailbox.optional(),
  })
  .strict();
const smsContent = z.object({ body: z.string().trim().min(1, 'An SMS needs a body').max(1600) }).strict();
const chatContent = z
  .object({ text: z.string().trim().min(1, 'A chat message needs text').max(4000) })
  .strict();

export const sendMessageSchema = z
  .object({
    /** A contact id, email, phone (E.164), or prefixed reference such as "wechat:wxid_abc" / "external:crm-42". */
    contact: z.string().trim().min(1, 'Name the contact').max(320),
    channel: z.enum(['email', 'sms', 'wechat']),
    purpose: z.enum(['transactional', 'marketing']).default('transactional'),
    topic: topicKey.optional(),
    /** A test send: recorded as such, same gate and rendering. */
    test: z.boolean().default(false),
    content: z.union([emailContent, smsContent, chatContent]),
  })
  .strict()
  .superRefine((body, ctx) => {
    const expected = { email: 'subject', sms: 'body', wechat: 'text' }[body.channel];
    if (!(expected in body.content))
      ctx.addIssue({
        code: 'custom',
        path: ['content', expected],
        message: `A ${body.channel} message needs content.${expected}`,
      });
  });

export type SendMessageBody = z.infer<typeof sendMessageSchema>;
