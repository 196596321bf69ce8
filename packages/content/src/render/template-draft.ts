import { z } from 'zod';
import { blockDocumentSchema } from '../blocks/block-document.ts';

const address = z.string().trim().max(254);

export const emailDraftSchema = z.object({
  subject: z.string().max(300).default(''),
  preheader: z.string().max(300).default(''),
  fromName: z.string().max(120).default(''),
  fromAddress: address.default(''),
  replyTo: address.default(''),
  /** The block editor's document (format "blocks"). */
  document: blockDocumentSchema.optional(),
  /** Raw MJML or HTML (formats "mjml" and "html"). */
  source: z.string().max(500_000).optional(),
});
export const smsDraftSchema = z.object({ body: z.string().max(1600).default('') });
const webUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/i, 'Use an http(s) address');
export const wechatDraftSchema = z.object({
  text: z.string().max(2000).default(''),
  /** Optional link card sent after the text. */
  link: z
    .object({
      url: webUrl,
      title: z.string().trim().min(1, 'Give the card a title').max(120),
      description: z.string().trim().max(240).optional(),
      thumbnailUrl: webUrl.optional(),
    })
    .optional(),
});

export type EmailDraft = z.infer<typeof emailDraftSchema>;
export type SmsDraft = z.infer<typeof smsDraftSchema>;
export type WechatDraft = z.infer<typeof wechatDraftSchema>;
export type TemplateFormat = 'blocks' | 'mjml' | 'html' | 'text';
export type TemplateChannel = 'email' | 'sms' | 'wechat';

export type TemplateDraft =
  | { channel: 'email'; format: 'blocks' | 'mjml' | 'html'; draft: EmailDraft }
  | { channel: 'sms'; format: 'text'; draft: SmsDraft }
  | { channel: 'wechat'; format: 'text'; draft: WechatDraft };

/** Parses a stored or submitted draft for its channel; the path of a bad field goes into the 4xx. */
export function parseDraft(channel: TemplateChannel, format: TemplateFormat, draft: unknown): TemplateDraft {
  if (channel === 'email') {
    if (format === 'text') throw new Error('An email template is blocks, MJML or HTML');
    return { channel, format, draft: emailDraftSchema.parse(draft) };
  }
  if (format !== 'text') throw new Error(`A ${channel} template is plain text`);
  return channel === 'sms'
    ? { channel, format, draft: smsDraftSchema.parse(draft) }
    : { channel, format, draft: wechatDraftSchema.parse(draft) };
}
