import { z } from 'zod';
import { LIFECYCLE_STAGES } from '@switchboard/contacts';
import { segmentGroupSchema } from '@switchboard/segments';

const name = z.string().trim().min(1, 'Name the rule').max(200);
const points = z
  .number()
  .int('Points are whole numbers')
  .min(-1000)
  .max(1000)
  .refine((p) => p !== 0, 'Give or take at least one point');

/** An event rule scores every occurrence; a condition rule scores while the contact matches a segment-style rule. */
export const scoringRuleInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    name,
    eventName: z.string().trim().min(1, 'Name the event').max(200),
    points,
    /** Points from an occurrence halve every this many days; null = they never fade. */
    halfLifeDays: z.number().int().min(1).max(3650).nullable().default(null),
  }),
  z.object({ kind: z.literal('condition'), name, condition: segmentGroupSchema, points }),
]);
export type ScoringRuleInput = z.input<typeof scoringRuleInput>;

/** Minimum scores per stage; a stage further down the funnel needs a higher score. */
export const thresholdsInput = z
  .object(
    Object.fromEntries(
      LIFECYCLE_STAGES.map((s) => [s, z.number().int().min(1).max(1_000_000).nullable().optional()]),
    ) as Record<(typeof LIFECYCLE_STAGES)[number], z.ZodOptional<z.ZodNullable<z.ZodNumber>>>,
  )
  .superRefine((value, ctx) => {
    let previous: { stage: string; min: number } | null = null;
    for (const stage of LIFECYCLE_STAGES) {
      const min = value[stage];
      if (min === null || min === undefined) continue;
      if (previous && min <= previous.min)
        ctx.addIssue({
          code: 'custom',
          path: [stage],
          message: `must be higher than ${previous.stage.toUpperCase()}'s ${previous.min}`,
        });
      previous = { stage, min };
    }
  });

export const assignmentRuleInput = z
  .object({
    name,
    stage: z.enum(LIFECYCLE_STAGES),
    attributeKey: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'not an attribute name')
      .nullable()
      .default(null),
    attributeValue: z.string().trim().max(2000).nullable().default(null),
    userIds: z.array(z.uuid()).min(1, 'Pick at least one person').max(50),
  })
  .refine((r) => (r.attributeKey === null) === (r.attributeValue === null || r.attributeValue === ''), {
    message: 'Give both the attribute and the value it must have, or neither',
    path: ['attributeValue'],
  });
export type AssignmentRuleInput = z.input<typeof assignmentRuleInput>;
