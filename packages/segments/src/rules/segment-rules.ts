import { z } from 'zod';

/** Lifecycle stages in funnel order (mirrors the contacts model; kept here so the rules stay a pure package). */
export const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;

const attributeKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'not a valid attribute name');
const scalar = z.union([z.string().max(2000), z.number().finite(), z.boolean()]);
const days = z.number().int().min(1, 'at least 1 day').max(3650, 'at most 10 years');

export const FIELDS = [
  'email',
  'phone',
  'wechatId',
  'externalId',
  'firstName',
  'lastName',
  'timezone',
  'locale',
  'leadScore',
  'createdAt',
] as const;

export const TEXT_OPS = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'starts_with',
  'exists',
  'not_exists',
  'in',
] as const;
export const NUMBER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'] as const;
export const DATE_OPS = [
  'before',
  'after',
  'within_last_days',
  'not_within_last_days',
  'exists',
  'not_exists',
] as const;

const attributeCondition = z.object({
  kind: z.literal('attribute'),
  key: attributeKey,
  op: z.enum([...new Set([...TEXT_OPS, ...NUMBER_OPS, ...DATE_OPS, 'is_true', 'is_false', 'includes'])] as [
    string,
    ...string[],
  ]),
  value: z.union([scalar, z.array(scalar).max(500)]).optional(),
});

const fieldCondition = z.object({
  kind: z.literal('field'),
  field: z.enum(FIELDS),
  op: z.enum([...new Set([...TEXT_OPS, ...NUMBER_OPS, ...DATE_OPS])] as [string, ...string[]]),
  value: z.union([scalar, z.array(scalar).max(500)]).optional(),
});

const tagCondition = z.object({
  kind: z.literal('tag'),
  op: z.enum(['has', 'has_not']),
  value: z.string().min(1, 'Type the tag').max(100),
});

const lifecycleCondition = z.object({
  kind: z.literal('lifecycle'),
  op: z.enum(['is', 'is_not', 'at_least']),
  value: z.enum(STAGES),
});

const eventPropertyFilter = z.object({ key: attributeKey, value: scalar });

const eventCondition = z.object({
  kind: z.literal('event'),
  name: z.string().min(1, 'Name the event').max(200),
  op: z.enum(['did', 'did_not']),
  atLeast: z.number().int().min(1).max(100_000).default(1),
  withinDays: days,
  where: z.array(eventPropertyFilter).max(10).default([]),
});

export const ENGAGEMENT_ACTIONS = [
  'delivered',
  'opened',
  'clicked',
  'replied',
  'bounced',
  'unsubscribed',
] as const;
export const CHANNELS = ['email', 'sms', 'wechat'] as const;

/** Engagement on message events (written by the channels); machine opens are kept out by the `machine` property. */
const engagementCondition = z.object({
  kind: z.literal('engagement'),
  channel: z.enum(CHANNELS),
  action: z.enum(ENGAGEMENT_ACTIONS),
  op: z.enum(['did', 'did_not']),
  withinDays: days,
});

/** Current consent for a channel and topic ('' = the whole channel); 'none' matches contacts with no record. */
const consentCondition = z.object({
  kind: z.literal('consent'),
  channel: z.enum(CHANNELS),
  topic: z.string().max(100).default(''),
  status: z.enum(['opted_in', 'opted_out', 'pending', 'none']),
});

const segmentCondition = z.object({
  kind: z.literal('segment'),
  op: z.enum(['in', 'not_in']),
  segmentId: z.uuid(),
});

/** Deterministic random buckets: a contact's bucket (0–99) comes from a hash of its id and a salt. */
const bucketCondition = z
  .object({
    kind: z.literal('bucket'),
    salt: z.string().min(1).max(100),
    from: z.number().int().min(0).max(99),
    to: z.number().int().min(1).max(100),
  })
  .refine((b) => b.from < b.to, { message: 'from must be below to', path: ['to'] });

export type SegmentCondition =
  | z.infer<typeof attributeCondition>
  | z.infer<typeof fieldCondition>
  | z.infer<typeof tagCondition>
  | z.infer<typeof lifecycleCondition>
  | z.infer<typeof eventCondition>
  | z.infer<typeof engagementCondition>
  | z.infer<typeof consentCondition>
  | z.infer<typeof segmentCondition>
  | z.infer<typeof bucketCondition>;

export interface SegmentGroup {
  kind: 'group';
  match: 'all' | 'any';
  conditions: (SegmentCondition | SegmentGroup)[];
}

// Typed by hand because the tree is recursive; input and output agree except for defaults (atLeast, where), which
// callers that build trees in code always fill in.
export const segmentGroupSchema = z.lazy(() =>
  z.object({
    kind: z.literal('group'),
    match: z.enum(['all', 'any']),
    conditions: z
      .array(
        z.union([
          segmentGroupSchema,
          attributeCondition,
          fieldCondition,
          tagCondition,
          lifecycleCondition,
          eventCondition,
          engagementCondition,
          consentCondition,
          segmentCondition,
          bucketCondition,
        ]),
      )
      .max(100, 'at most 100 conditions in one group'),
  }),
) as unknown as z.ZodType<SegmentGroup, SegmentGroup>;
