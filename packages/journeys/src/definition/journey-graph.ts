import { z } from 'zod';

/**
 * A journey is a graph of steps. Each step names where each of its outlets leads (`next`, or `yes`/`no`, or
 * `received`/`timeout`…); an outlet left unconnected is a path that does not end, which validation reports on the
 * step. The same shape is the draft the builder edits and, frozen, the published version instances run on.
 */

const id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, _ and -');
const eventName = z.string().trim().min(1, 'Name the event').max(200);
const propertyPath = z
  .string()
  .trim()
  .min(1, 'Name the property')
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Use a property name such as cart_id or items.0.sku');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:MM, e.g. 09:30');
const seconds = z
  .number()
  .int()
  .min(1)
  .max(366 * 86_400);

export const propertyFilterSchema = z.object({
  property: propertyPath,
  op: z.enum(['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists']),
  value: z.union([z.string().max(500), z.number().finite(), z.boolean()]).optional(),
});

export const triggerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    event: eventName,
    filters: z.array(propertyFilterSchema).max(20).default([]),
    /** One instance per value of this property (e.g. cart_id): a contact can be in several at once. */
    key: propertyPath.optional(),
  }),
  z.object({ kind: z.literal('segment'), segmentId: z.uuid('Choose a segment') }),
  z.object({
    kind: z.literal('date'),
    /** A date attribute such as birthday or renewal_date. */
    attribute: propertyPath,
    offsetDays: z.number().int().min(-365).max(365).default(0),
    /** In each contact's time zone (the workspace's when unknown). */
    at: clock.default('09:00'),
    /** Birthdays come every year; a renewal date once. */
    yearly: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('api') }),
  z.object({ kind: z.literal('manual') }),
]);

export const CHANNELS = ['email', 'sms', 'wechat'] as const;
export type JourneyChannel = (typeof CHANNELS)[number];

/** What a branch asks about the contact at the moment it gets there. */
export const branchConditionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('attribute'),
    key: propertyPath,
    op: z.enum(['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists']),
    value: z.union([z.string().max(500), z.number().finite(), z.boolean()]).optional(),
  }),
  z.object({ kind: z.literal('segment'), segmentId: z.uuid('Choose a segment') }),
  z.object({
    kind: z.literal('consent'),
    channel: z.enum(CHANNELS),
    topic: z.string().max(100).default(''),
  }),
  z.object({
    kind: z.literal('did'),
    event: eventName,
    withinDays: z.number().int().min(1).max(3650),
    /** Count since the contact entered the journey instead of the last N days. */
    sinceEntry: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('reachable'), channel: z.enum(CHANNELS) }),
]);

export const updateActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('attribute'),
    key: propertyPath,
    value: z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()]),
  }),
  z.object({ kind: z.literal('addTag'), tag: z.string().trim().min(1).max(100) }),
  z.object({ kind: z.literal('removeTag'), tag: z.string().trim().min(1).max(100) }),
  z.object({ kind: z.literal('score'), points: z.number().int().min(-1000).max(1000) }),
  z.object({
    kind: z.literal('lifecycle'),
    stage: z.enum(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer']),
  }),
  z.object({
    kind: z.literal('consent'),
    channel: z.enum(CHANNELS),
    topic: z.string().max(100).default(''),
    status: z.enum(['opted_in', 'opted_out']),
  }),
]);

const position = z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 });
const outlet = id.nullable().default(null);

const node = <T extends string, C extends z.ZodType, O extends string>(
  type: T,
  config: C,
  outlets: readonly O[],
) =>
  z.object({
    id,
    type: z.literal(type),
    label: z.string().trim().max(120).optional(),
    position,
    config,
    next: z.object(Object.fromEntries(outlets.map((o) => [o, outlet])) as Record<O, typeof outlet>),
  });

export const journeyNodeSchema = z.discriminatedUnion('type', [
  node('trigger', triggerSchema, ['next']),
  node(
    'send',
    z.object({
      channel: z.enum(CHANNELS),
      /** Null in a draft until chosen (recipes start without one); validation asks for it. */
      templateId: z.uuid('Choose a published template').nullable().default(null),
      /** Marketing topic the message belongs to ('' = the channel as a whole). */
      topic: z.string().max(100).default(''),
      purpose: z.enum(['marketing', 'transactional']).default('marketing'),
    }),
    ['next'],
  ),
  node(
    'wait',
    z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('duration'), seconds }),
      z.object({
        mode: z.literal('until'),
        at: clock,
        /** 0 = Sunday … 6 = Saturday; empty = any day. */
        weekdays: z.array(z.number().int().min(0).max(6)).max(7).default([]),
      }),
    ]),
    ['next'],
  ),
  node(
    'waitForEvent',
    z.object({
      /** A custom event, or email_opened, email_clicked, replied (any channel), purchase… */
      event: eventName,
      filters: z.array(propertyFilterSchema).max(20).default([]),
      /** Only events carrying the same value of the trigger's key (the same cart). */
      matchTriggerKey: z.boolean().default(false),
      timeoutSeconds: seconds,
    }),
    ['received', 'timeout'],
  ),
  node('branch', branchConditionSchema, ['yes', 'no']),
  node(
    'split',
    z.object({
      percentages: z.array(z.number().int().min(1).max(99)).min(2).max(5),
    }),
    ['a', 'b', 'c', 'd', 'e'],
  ),
  node('update', updateActionSchema, ['next']),
  node('handOff', z.object({}).default({}), ['next']),
  node('inboxTask', z.object({ note: z.string().trim().min(1, 'Say what the agent should do').max(2000) }), [
    'next',
  ]),
  node(
    'webhook',
    z.object({
      url: z.string().trim().max(2000),
      timeoutSeconds: z.number().int().min(1).max(30).default(10),
    }),
    ['next'],
  ),
  node('goal', z.object({}).default({}), []),
  node('exit', z.object({}).default({}), []),
]);

export const journeyGoalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    event: eventName,
    filters: z.array(propertyFilterSchema).max(20).default([]),
  }),
  z.object({ kind: z.literal('segment'), segmentId: z.uuid('Choose a segment') }),
]);

export const journeySettingsSchema = z.object({
  reentry: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('never') }),
      z.object({ mode: z.literal('after'), days: z.number().int().min(1).max(3650) }),
      z.object({ mode: z.literal('always') }),
    ])
    .default({ mode: 'never' }),
  /** Leaving this segment ends the instance wherever it is. */
  exitOnLeavingSegment: z.uuid().nullable().default(null),
  /** Reaching any of these ends the instance as converted, wherever it is. */
  goals: z.array(journeyGoalSchema).max(5).default([]),
  /** No two journey messages to the same contact closer than this (the workspace's caps apply on top). */
  quietPeriodHours: z.number().int().min(0).max(720).default(0),
});

export const journeyGraphSchema = z.object({
  nodes: z.array(journeyNodeSchema).max(200),
  settings: journeySettingsSchema.default({
    reentry: { mode: 'never' },
    exitOnLeavingSegment: null,
    goals: [],
    quietPeriodHours: 0,
  }),
});

export type PropertyFilter = z.infer<typeof propertyFilterSchema>;
export type JourneyTrigger = z.infer<typeof triggerSchema>;
export type BranchCondition = z.infer<typeof branchConditionSchema>;
export type UpdateAction = z.infer<typeof updateActionSchema>;
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyNodeType = JourneyNode['type'];
export type JourneySettings = z.infer<typeof journeySettingsSchema>;
export type JourneyGraph = z.infer<typeof journeyGraphSchema>;
