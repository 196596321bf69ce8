import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from '../identity/user.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';

export const JOURNEY_STATUSES = ['draft', 'live', 'paused', 'archived'] as const;
export const JOURNEY_INSTANCE_STATUSES = ['active', 'completed', 'converted', 'exited', 'failed'] as const;

/**
 * An automation: a draft graph the builder edits, and (once published) the live version new contacts enter. A
 * paused journey lets no one in; those inside go on.
 */
export const Journey = defineEntity({
  name: 'Journey',
  tableName: 'journeys',
  indexes: [{ properties: ['workspace', 'updatedAt'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    status: p.enum([...JOURNEY_STATUSES]).default('draft'),
    /** The graph being edited (journey-graph.ts), saved even while it still has problems. */
    draft: p.json<Record<string, unknown>>(),
    /** The version new contacts enter; null until first published. */
    liveVersion: p.integer().nullable(),
    /** What the journey cost beyond its messages, for ROI in reports. */
    fixedCost: p.decimal('number').precision(12).scale(2).nullable(),
    createdBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Journey = InferEntity<typeof Journey>;

/** A published, immutable version: the graph and the template versions its sends were pinned to. */
export const JourneyVersion = defineEntity({
  name: 'JourneyVersion',
  tableName: 'journey_versions',
  uniques: [{ properties: ['journey', 'version'] }],
  properties: {
    id: p.uuid().primary(),
    journey: p.manyToOne(Journey).mapToPk().deleteRule('cascade'),
    version: p.integer(),
    graph: p.json<Record<string, unknown>>(),
    /** templateId → the version id its send steps use in this journey version. */
    templateVersions: p.json<Record<string, string>>(),
    publishedBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    publishedAt: p.datetime(),
  },
});
export type JourneyVersion = InferEntity<typeof JourneyVersion>;

/**
 * One contact's way through one version of a journey (one per trigger key, e.g. per cart). At most one is active
 * per journey, contact and key; the workflow id is derived from the same three.
 */
export const JourneyInstance = defineEntity({
  name: 'JourneyInstance',
  tableName: 'journey_instances',
  indexes: [
    { properties: ['journey', 'status'] },
    { properties: ['contact', 'enteredAt'] },
    {
      name: 'journey_instances_active_unique',
      expression: `create unique index "journey_instances_active_unique" on "journey_instances" ("journey_id", "contact_id", "key") where "status" = 'active'`,
    },
    {
      name: 'journey_instances_not_started_index',
      expression: `create index "journey_instances_not_started_index" on "journey_instances" ("entered_at") where "started_at" is null`,
    },
  ],
  /** A trigger (an event, an API call's Idempotency-Key, a date) enrols at most once, however often it arrives. */
  uniques: [{ properties: ['journey', 'triggerRef'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    journey: p.manyToOne(Journey).mapToPk().deleteRule('cascade'),
    version: p.manyToOne(JourneyVersion).mapToPk().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().deleteRule('cascade'),
    /** The trigger key's value ('' when the trigger is not keyed). */
    key: p.string().length(200).default(''),
    status: p.enum([...JOURNEY_INSTANCE_STATUSES]).default('active'),
    /** The step it is at (or ended at). */
    currentNode: p.string().length(40).nullable(),
    /** Why it ended: the exit step, a goal, leaving a segment, erasure… */
    endReason: p.string().length(200).nullable(),
    workflowId: p.string().length(200),
    /** What enrolled it: `event:<id>`, `api:<Idempotency-Key>`, `segment:<event id>`, `date:<day>`, `manual:…`. */
    triggerRef: p.string().length(300),
    /** What templates see as `event` (the trigger event's properties, the API call's data). */
    triggerData: p.json<Record<string, unknown>>().default('{}'),
    enteredAt: p.datetime(),
    /** Set by the workflow's first step; instances left null for a minute get their workflow (re)started. */
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});
export type JourneyInstance = InferEntity<typeof JourneyInstance>;

/** What happened at each step of each instance: the per-step counts on the canvas and the contact's history. */
export const JourneyStepEvent = defineEntity({
  name: 'JourneyStepEvent',
  tableName: 'journey_step_events',
  indexes: [{ properties: ['journey', 'nodeId', 'at'] }, { properties: ['instance', 'at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    journey: p.manyToOne(Journey).mapToPk().deleteRule('cascade'),
    instance: p.manyToOne(JourneyInstance).mapToPk().deleteRule('cascade'),
    nodeId: p.string().length(40),
    /** reached, waiting, an outlet taken (yes, no, timeout, received, a…e, next), sent, suppressed, converted… */
    outcome: p.string().length(40),
    detail: p.json<Record<string, unknown>>().nullable(),
    at: p.datetime(),
  },
});
export type JourneyStepEvent = InferEntity<typeof JourneyStepEvent>;

/**
 * The events waiting instances care about, so ingestion signals only the instances waiting for an event's name
 * (and key) — an index look-up, never a scan of every running instance.
 */
export const JourneyWait = defineEntity({
  name: 'JourneyWait',
  tableName: 'journey_waits',
  primaryKeys: ['instance', 'eventName'],
  indexes: [{ properties: ['workspace', 'contact', 'eventName'] }],
  properties: {
    instance: p.manyToOne(JourneyInstance).mapToPk().primary().deleteRule('cascade'),
    eventName: p.string().length(200).primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().deleteRule('cascade'),
    workflowId: p.string().length(200),
  },
});
export type JourneyWait = InferEntity<typeof JourneyWait>;

/** Where the journey dispatcher has read the event stream up to (one row per dispatcher). */
export const JourneyDispatchCursor = defineEntity({
  name: 'JourneyDispatchCursor',
  tableName: 'journey_dispatch_cursors',
  properties: {
    name: p.string().length(40).primary(),
    eventId: p.bigint('number'),
    updatedAt: p.datetime(),
  },
});
export type JourneyDispatchCursor = InferEntity<typeof JourneyDispatchCursor>;
