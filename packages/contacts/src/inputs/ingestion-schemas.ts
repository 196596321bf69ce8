import { z } from 'zod';
import { LIFECYCLE_STAGES } from '../traits/lifecycle.ts';

const identityFields = {
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
  wechatId: z.string().max(200).optional(),
  externalId: z.string().max(200).optional(),
};

/** A subscription topic key as consents store it ('' = the whole channel). */
export const topicKey = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9_-]*$/, 'use lower-case letters, digits, _ and -');

const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 time with a zone, e.g. 2026-11-26T09:30:00Z' })
  .optional();

const attributes = z.record(z.string(), z.unknown()).optional();

export const identifySchema = z
  .object({
    ...identityFields,
    firstName: z.string().trim().max(200).nullable().optional(),
    lastName: z.string().trim().max(200).nullable().optional(),
    timezone: z
      .string()
      .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Berlin or Asia/Shanghai')
      .nullable()
      .optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale such as en or zh-CN')
      .nullable()
      .optional(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
    tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    attributes,
    timestamp,
  })
  .strict();

export const trackSchema = z
  .object({
    ...identityFields,
    contactId: z.uuid('must be a contact id').optional(),
    event: z
      .string()
      .trim()
      .min(1, 'name the event, e.g. "cart_abandoned"')
      .max(200)
      .refine((n) => !/\p{Cc}/u.test(n), 'must not contain control characters'),
    properties: z
      .record(z.string(), z.unknown())
      .refine((p) => JSON.stringify(p).length <= 32_768, 'must be at most 32 KiB as JSON')
      .optional(),
    revenue: z.number().finite().min(-1e12).max(1e12).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR or CNY')
      .optional(),
    timestamp,
    messageId: z.string().min(1).max(200).optional(),
  })
  .strict();

export const BATCH_MAX_ITEMS = 1000;

export const batchSchema = z
  .object({
    batch: z
      .array(
        z.discriminatedUnion('type', [
          identifySchema.extend({ type: z.literal('identify') }),
          trackSchema.extend({ type: z.literal('track') }),
        ]),
      )
      .min(1, 'send at least one item')
      .max(BATCH_MAX_ITEMS, `send at most ${BATCH_MAX_ITEMS} items per batch`),
  })
  .strict();

export const patchContactSchema = identifySchema.omit({ timestamp: true });

export type IdentifyBody = z.infer<typeof identifySchema>;
export type TrackBody = z.infer<typeof trackSchema>;
export type BatchBody = z.infer<typeof batchSchema>;

/** Whether the runtime knows this IANA time zone (Europe/Berlin, Asia/Shanghai…). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
