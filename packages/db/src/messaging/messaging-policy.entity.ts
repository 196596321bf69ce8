import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/**
 * A workspace's sending rules, read by the gate before every send. A workspace without a row uses the defaults
 * written here (3 marketing messages a week, quiet hours 21:00–08:00 local time).
 */
export const MessagingPolicy = defineEntity({
  name: 'MessagingPolicy',
  tableName: 'messaging_policies',
  properties: {
    workspace: p.manyToOne(Workspace).mapToPk().primary().deleteRule('cascade'),
    frequencyCapCount: p.integer().default(3),
    frequencyCapDays: p.integer().default(7),
    quietHoursStart: p.string().length(5).default('21:00'),
    quietHoursEnd: p.string().length(5).default('08:00'),
    defaultTimezone: p.string().length(64).default('UTC'),
    /** Channels where marketing needs a recorded opt-in, not merely no opt-out (SMS: TCPA / carrier rules). */
    optInChannels: p.json<string[]>().default('["sms"]'),
    softBounceThreshold: p.integer().default(3),
    smsHelpText: p.text().nullable(),
    smsPricePerSegment: p.decimal('number').precision(10).scale(5).default(0.0079),
    smsCurrency: p.string().length(3).default('USD'),
    /** What sending costs, for ROI (in smsCurrency, which is the workspace's cost currency). */
    emailPricePerThousand: p.decimal('number').precision(10).scale(5).default(0.1),
    wechatPricePerMessage: p.decimal('number').precision(10).scale(5).default(0),
    updatedAt: p.datetime(),
  },
});
export type MessagingPolicy = InferEntity<typeof MessagingPolicy>;

/**
 * Daily counters reserved atomically before a send (warm-up ramps per sending domain): an upsert that only
 * increments below the limit, so concurrent workers can never overshoot.
 */
export const SendCounter = defineEntity({
  name: 'SendCounter',
  tableName: 'send_counters',
  primaryKeys: ['scope', 'day'],
  properties: {
    scope: p.string().length(300).primary(),
    day: p.date().primary(),
    count: p.integer().default(0),
  },
});
export type SendCounter = InferEntity<typeof SendCounter>;
