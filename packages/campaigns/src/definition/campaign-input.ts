import { z } from 'zod';

export const VARIANT_KEYS = ['A', 'B', 'C', 'D', 'E'] as const;

export const variantSchema = z.object({
  key: z.enum(VARIANT_KEYS),
  templateId: z.string().uuid('Choose a template'),
  /** A/B on subject or sender name: the variant's value replaces the template's. */
  subject: z.string().trim().min(1).max(300).optional(),
  fromName: z.string().trim().min(1).max(120).optional(),
  /** A/B on send time: hours after the campaign starts at which this variant's test group is sent. */
  delayHours: z.number().int().min(0).max(72).optional(),
});

export const abTestSchema = z.object({
  field: z.enum(['subject', 'fromName', 'content', 'sendTime']),
  /** Share of the audience in the test, split evenly between the variants; the winner goes to the rest. */
  testShare: z.number().min(0.02).max(0.5),
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  metric: z.enum(['opens', 'clicks', 'conversions']),
  /** For the conversions metric: the event that counts (e.g. "purchase"). */
  conversionEvent: z.string().trim().min(1).max(200).optional(),
});

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const scheduleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('now') }),
  z.object({ mode: z.literal('at'), at: z.string().datetime({ offset: true }) }),
  /** The same wall-clock time in every recipient's own timezone (the workspace default when unknown). */
  z.object({
    mode: z.literal('localTime'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'),
    time: z.string().regex(HH_MM, 'Use HH:MM'),
  }),
  /** Send-time optimisation: each recipient at their most engaged hour within the next 24 hours. */
  z.object({ mode: z.literal('optimised'), from: z.string().datetime({ offset: true }).optional() }),
]);

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the campaign').max(200),
    channel: z.enum(['email', 'sms', 'wechat']),
    segmentId: z.string().uuid('Choose a segment'),
    topic: z.string().trim().max(100).default(''),
    variants: z.array(variantSchema).min(1).max(VARIANT_KEYS.length),
    abTest: abTestSchema.nullable().default(null),
    schedule: scheduleSchema.default({ mode: 'now' }),
    /** Five-field cron in the workspace's time zone, e.g. "0 9 * * 1" for Mondays at 09:00: each run sends to the segment as it is then. */
    recurrence: z
      .string()
      .trim()
      .regex(/^(\S+\s+){4}\S+$/, 'Use a five-field cron expression such as "0 9 * * 1"')
      .nullable()
      .default(null),
  })
  .superRefine((campaign, ctx) => {
    const keys = campaign.variants.map((v) => v.key);
    if (new Set(keys).size !== keys.length)
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'Each variant needs its own letter' });
    if (campaign.variants.length > 1 && !campaign.abTest)
      ctx.addIssue({
        code: 'custom',
        path: ['abTest'],
        message: 'Several variants need an A/B test setting',
      });
    if (campaign.abTest && campaign.variants.length < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: 'An A/B test needs at least two variants',
      });
    if (campaign.abTest?.metric === 'conversions' && !campaign.abTest.conversionEvent)
      ctx.addIssue({
        code: 'custom',
        path: ['abTest', 'conversionEvent'],
        message: 'Name the event that counts as a conversion',
      });
    if (campaign.abTest && campaign.channel !== 'email' && campaign.abTest.metric === 'opens')
      ctx.addIssue({ code: 'custom', path: ['abTest', 'metric'], message: 'Only email has opens' });
    const field = campaign.abTest?.field;
    campaign.variants.forEach((variant, index) => {
      if (field === 'subject' && !variant.subject)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'subject'],
          message: 'Write this variant’s subject',
        });
      if (field === 'fromName' && !variant.fromName)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'fromName'],
          message: 'Write this variant’s sender name',
        });
    });
    if (field && field !== 'content' && new Set(campaign.variants.map((v) => v.templateId)).size > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: 'Only a content test uses different templates; use the same template in every variant',
      });
  });

export type CampaignInput = z.infer<typeof campaignInputSchema>;
export type CampaignSchedule = z.infer<typeof scheduleSchema>;
export type AbTest = z.infer<typeof abTestSchema>;

/** A variant as stored: its template pinned to the version published when the campaign was saved. */
export interface StoredVariant extends z.infer<typeof variantSchema> {
  templateVersionId: string;
  templateVersion: number;
  templateName: string;
}
