import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { LIFECYCLE_STAGE_VALUES } from '../contacts/contact.entity.ts';

/**
 * A lead-scoring rule: `event` rules give points for every occurrence of an event (optionally halving every
 * `halfLifeDays`); `condition` rules give points while a segment-style condition holds (attribute, tag, field…).
 */
export const ScoringRule = defineEntity({
  name: 'ScoringRule',
  tableName: 'scoring_rules',
  indexes: [{ properties: ['workspace', 'eventName'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    kind: p.enum(['event', 'condition']),
    eventName: p.string().length(200).nullable(),
    condition: p.json<Record<string, unknown>>().nullable(),
    points: p.integer(),
    halfLifeDays: p.integer().nullable(),
    createdAt: p.datetime(),
  },
});
export type ScoringRule = InferEntity<typeof ScoringRule>;

/** The score at which contacts move forward to a lifecycle stage (never backward). */
export const LifecycleThreshold = defineEntity({
  name: 'LifecycleThreshold',
  tableName: 'lifecycle_thresholds',
  primaryKeys: ['workspace', 'stage'],
  properties: {
    workspace: p.manyToOne(Workspace).mapToPk().primary().deleteRule('cascade'),
    stage: p.enum([...LIFECYCLE_STAGE_VALUES]).primary(),
    minScore: p.integer(),
  },
});
export type LifecycleThreshold = InferEntity<typeof LifecycleThreshold>;

/**
 * Who gets a contact when it reaches `stage` without an owner: the first rule (by position) whose attribute filter
 * matches, round-robin among its users.
 */
export const AssignmentRule = defineEntity({
  name: 'AssignmentRule',
  tableName: 'assignment_rules',
  indexes: [{ properties: ['workspace', 'position'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    position: p.integer(),
    stage: p.enum([...LIFECYCLE_STAGE_VALUES]),
    attributeKey: p.string().length(64).nullable(),
    attributeValue: p.string().length(2000).nullable(),
    userIds: p.json<string[]>(),
    nextIndex: p.integer().default(0),
    createdAt: p.datetime(),
  },
});
export type AssignmentRule = InferEntity<typeof AssignmentRule>;
