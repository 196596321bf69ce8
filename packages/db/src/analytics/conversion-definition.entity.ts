import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { Segment } from '../segments/segment.entity.ts';

export const CONVERSION_KINDS = ['event', 'deal_won', 'segment_entry'] as const;
export const TOUCH_KINDS = ['delivered', 'opened', 'clicked', 'replied'] as const;

/**
 * What a workspace counts as a conversion, and which touches before it (within the lookback window) earn credit:
 * an event (its revenue, or a numeric property, as value), a deal won (its amount), or entering a segment.
 */
export const ConversionDefinition = defineEntity({
  name: 'ConversionDefinition',
  tableName: 'conversion_definitions',
  uniques: [{ properties: ['workspace', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(120),
    kind: p.enum([...CONVERSION_KINDS]),
    /** For `event`: the event's name. */
    eventName: p.string().length(200).nullable(),
    /** For `event`: the numeric property holding the value; null means the event's revenue. */
    valueProperty: p.string().length(200).nullable(),
    /** For `segment_entry`. */
    segment: p.manyToOne(Segment).mapToPk().nullable().deleteRule('cascade'),
    currency: p.string().length(3),
    lookbackDays: p.integer().default(30),
    touchKinds: p.array(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type ConversionDefinition = InferEntity<typeof ConversionDefinition>;
