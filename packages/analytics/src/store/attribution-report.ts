import type { EntityManager } from '@switchboard/db';
import { sql, list, TEXT_LIST } from '@switchboard/contacts';
import { attribute, type AttributionModel } from '../attribution/attribution-models.ts';
import { DIRECT, type Credits } from '../attribution/conversion-path.ts';
import { conversionPaths, type CreditBy } from './conversion-paths.ts';
import type { ConversionDefinitionView } from './conversion-definitions.ts';

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
}

/** The six models over a workspace's conversions of one definition in a period, credited by channel, source or step. */
export async function attributionReport(
  em: EntityManager,
  workspaceId: string,
  definition: ConversionDefinitionView,
  options: { from: Date; to: Date; by: CreditBy; halfLifeHours?: number },
): Promise<AttributionReport> {
  const paths = await conversionPaths(em, workspaceId, definition, options, options.by);
  const converted = paths.filter((p) => p.conversion);
  const models = attribute(paths, options.halfLifeHours ? { halfLifeHours: options.halfLifeHours } : {});
  const keys = new Set(Object.values(models).flatMap((c) => Object.keys(c)));
  return {
    definition,
    period: { from: options.from.toISOString(), to: options.to.toISOString() },
    by: options.by,
    conversions: converted.length,
    direct: converted.filter((p) => p.touches.length === 0).length,
    convertedValue: converted.reduce((sum, p) => sum + p.conversion!.value, 0),
    unconvertedPaths: paths.length - converted.length,
    models,
    labels: await labels(em, workspaceId, [...keys]),
  };
}

async function labels(
  em: EntityManager,
  workspaceId: string,
  keys: string[],
): Promise<Record<string, string>> {
  const ids = (prefix: string) =>
    keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split(':')[0]!);
  const [campaigns, journeys] = await Promise.all([
    sql<{ id: string; name: string }>(
      em,
      `select id::text, name from campaigns where workspace_id = ? and id::text = any(${TEXT_LIST})`,
      [workspaceId, list(ids('campaign:'))],
    ),
    sql<{ id: string; name: string }>(
      em,
      `select id::text, name from journeys where workspace_id = ? and id::text = any(${TEXT_LIST})`,
      [workspaceId, list(ids('journey:'))],
    ),
  ]);
  const names = new Map([...campaigns, ...journeys].map((r) => [r.id, r.name]));
  const result: Record<string, string> = {};
  for (const key of keys) {
    const [kind, id, step] = key.split(':');
    if ((kind === 'campaign' || kind === 'journey') && id)
      result[key] = `${names.get(id) ?? `(deleted ${kind})`}${step ? ` › ${step}` : ''}`;
    else result[key] = key === DIRECT ? 'Direct' : key;
  }
  return result;
}
