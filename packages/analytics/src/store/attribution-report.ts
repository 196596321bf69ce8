import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { loadMessagingPolicy } from '@switchboard/messaging';
import { attribute, type AttributionModel } from '../attribution/attribution-models.ts';
import { DIRECT, type ConversionPath, type Credits } from '../attribution/conversion-path.ts';
import { conversionPaths, touchKey, type CreditBy } from './conversion-paths.ts';
import type { ConversionDefinitionView } from './conversion-definitions.ts';
import { sourceLabels } from './source-labels.ts';
import { fixedCostsOf } from './fixed-costs.ts';
import { refreshWorkspaceRollups } from '../rollups/message-rollups.ts';
import { reportTimeZone } from './report-time-zone.ts';

export interface AttributionReport {
  definition: ConversionDefinitionView;
  period: { from: string; to: string };
  by: CreditBy;
  conversions: number;
  /** Conversions with no touch in their lookback window. */
  direct: number;
  convertedValue: number;
  /** Paths read by the Markov model that did not convert. */
  unconvertedPaths: number;
  models: Partial<Record<AttributionModel, Credits>>;
  /** A readable name per credited key (campaign and journey names, step ids). */
  labels: Record<string, string>;
  /**
   * What the period's messages cost per key, at the workspace's prices (Settings → Sending): SMS at the cost the
   * ledger recorded (segments × price), emails per thousand, WeChat per message. `comparable` is false when the
   * prices are in another currency than the conversions' values (then there is no ROI).
   */
  costs: {
    currency: string;
    comparable: boolean;
    /** Everything a key cost: its messages, plus its fixed cost when credited per campaign or journey. */
    byKey: Record<string, number>;
    /** The fixed costs among them (per campaign or journey, when credited `by: source`). */
    fixedByKey: Record<string, number>;
  };
  /** The most common sequences of touches before a conversion (most conversions first), for the path explorer. */
  topPaths: { keys: string[]; conversions: number; value: number }[];
}

/** The six models over a workspace's conversions of one definition in a period, credited by channel, source or step. */
export async function attributionReport(
  em: EntityManager,
  workspaceId: string,
  definition: ConversionDefinitionView,
  options: { from: Date; to: Date; by: CreditBy; halfLifeHours?: number; timeZone?: string },
): Promise<AttributionReport> {
  // The kept touches are brought up to date with the rollups, in the same refresh.
  await refreshWorkspaceRollups(em, workspaceId);
  const timeZone = options.timeZone ?? (await reportTimeZone(em, workspaceId));
  const [paths, costs] = await Promise.all([
    conversionPaths(em, workspaceId, definition, { ...options, timeZone }, options.by),
    messageCosts(em, workspaceId, options),
  ]);
  const converted = paths.converted;
  const models = attribute(converted, {
    unconverted: paths.unconverted,
    ...(options.halfLifeHours ? { halfLifeHours: options.halfLifeHours } : {}),
  });
  // A campaign's or journey's fixed cost counts in a period where it sent or earned something.
  const fixedByKey =
    options.by === 'source'
      ? await fixedCostsOf(em, workspaceId, [
          ...new Set([...Object.keys(costs.byKey), ...Object.keys(models.markov ?? {})]),
        ])
      : {};
  for (const [key, cost] of Object.entries(fixedByKey)) costs.byKey[key] = (costs.byKey[key] ?? 0) + cost;
  const keys = new Set([
    ...Object.values(models).flatMap((c) => Object.keys(c)),
    ...Object.keys(costs.byKey),
  ]);
  return {
    definition,
    period: { from: options.from.toISOString(), to: options.to.toISOString() },
    by: options.by,
    conversions: converted.length,
    direct: converted.filter((p) => p.touches.length === 0).length,
    convertedValue: converted.reduce((sum, p) => sum + p.conversion!.value, 0),
    unconvertedPaths: paths.unconvertedPaths,
    models,
    labels: await sourceLabels(em, workspaceId, [...keys]),
    costs: { ...costs, fixedByKey, comparable: costs.currency === definition.currency },
    topPaths: topPaths(converted),
  };
}

/** Converted paths grouped by their sequence of keys (direct ones as `direct`), the ten most common. */
export function topPaths(converted: ConversionPath[], limit = 10): AttributionReport['topPaths'] {
  const groups = new Map<string, { keys: string[]; conversions: number; value: number }>();
  for (const path of converted) {
    const keys = path.touches.length > 0 ? path.touches.map((t) => t.key) : [DIRECT];
    const id = JSON.stringify(keys);
    const group = groups.get(id) ?? { keys, conversions: 0, value: 0 };
    group.conversions += 1;
    group.value += path.conversion?.value ?? 0;
    groups.set(id, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.conversions - a.conversions || b.value - a.value || a.keys.length - b.keys.length)
    .slice(0, limit);
}

interface CostRow {
  channel: string;
  source_kind: string;
  source_id: string | null;
  journey_node: string | null;
  cost: number;
}

/**
 * The cost of the messages sent in the period (bounced ones too: they were paid for), per credited key, from the
 * report rollups (refreshed by the caller): SMS at what the provider charged where it said (the rest at the price per segment), emails per
 * thousand, WeChat per message.
 */
async function messageCosts(
  em: EntityManager,
  workspaceId: string,
  options: { from: Date; to: Date; by: CreditBy },
): Promise<{ currency: string; byKey: Record<string, number> }> {
  const policy = await loadMessagingPolicy(em, workspaceId);
  const rows = await sql<CostRow>(
    em,
    `select channel, source_kind, nullif(source_id, '') as source_id, nullif(journey_node, '') as journey_node,
       sum(case channel when 'email' then sent * ?::numeric / 1000
                        when 'sms' then recorded_cost + unpriced_segments * ?::numeric
                        else sent * ?::numeric end)::float8 as cost
     from message_rollups
     where workspace_id = ? and hour >= ? and hour < ?
     group by 1, 2, 3, 4`,
    [
      policy.emailPricePerThousand,
      policy.smsPricePerSegment,
      policy.wechatPricePerMessage,
      workspaceId,
      options.from,
      options.to,
    ],
  );
  const byKey: Record<string, number> = {};
  for (const row of rows) {
    const key = touchKey(row, options.by);
    byKey[key] = (byKey[key] ?? 0) + Number(row.cost);
  }
  return { currency: policy.smsCurrency, byKey };
}
