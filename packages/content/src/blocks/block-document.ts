import { z } from 'zod';
import { safeRichText } from './rich-text.ts';

const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{3,8}$/, 'Use a hex colour such as #1f2937')
  .optional();
const id = z.string().min(1).max(40);
const url = z.string().max(2000);
const align = z.enum(['left', 'center', 'right']).optional();

export const textBlockSchema = z.object({
  id,
  type: z.literal('text'),
  /** Rich text as a small HTML subset (paragraphs, headings, bold, italic, links, lists), sanitised when saved. */
  html: z.string().max(50_000).transform(safeRichText),
  align,
  fontSize: z.number().int().min(8).max(72).optional(),
  color: colour,
});
export const imageBlockSchema = z.object({
  id,
  type: z.literal('image'),
  src: url,
  alt: z.string().max(500).default(''),
  href: url.optional(),
  width: z.number().int().min(20).max(1200).optional(),
  align,
});
export const buttonBlockSchema = z.object({
  id,
  type: z.literal('button'),
  text: z.string().min(1).max(200),
  href: url,
  backgroundColor: colour,
  color: colour,
  align,
});
export const dividerBlockSchema = z.object({
  id,
  type: z.literal('divider'),
  color: colour,
  thickness: z.number().int().min(1).max(10).optional(),
});
export const spacerBlockSchema = z.object({
  id,
  type: z.literal('spacer'),
  height: z.number().int().min(4).max(200),
});
export const SOCIAL_NETWORKS = [
  'facebook',
  'twitter',
  'x',
  'linkedin',
  'instagram',
  'youtube',
  'github',
  'web',
] as const;
export const socialBlockSchema = z.object({
  id,
  type: z.literal('social'),
  links: z.array(z.object({ network: z.enum(SOCIAL_NETWORKS), href: url })).max(10),
  align,
});

export const contentBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlockSchema,
  buttonBlockSchema,
  dividerBlockSchema,
  spacerBlockSchema,
  socialBlockSchema,
]);

export const columnSchema = z.object({ id, blocks: z.array(contentBlockSchema).max(50) });

export const sectionSchema = z.object({
  id,
  type: z.literal('section'),
  backgroundColor: colour,
  padding: z.number().int().min(0).max(100).optional(),
  columns: z.array(columnSchema).min(1).max(4),
});

export const blockDocumentSchema = z.object({
  backgroundColor: colour,
  contentBackgroundColor: colour,
  fontFamily: z.string().max(200).optional(),
  textColor: colour,
  width: z.number().int().min(320).max(900).optional(),
  sections: z.array(sectionSchema).max(100),
});

export type ContentBlock = z.infer<typeof contentBlockSchema>;
export type Column = z.infer<typeof columnSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type BlockDocument = z.infer<typeof blockDocumentSchema>;
