import type { EntityManager } from '@switchboard/db';
import { csvRow, InputError } from '@switchboard/contacts';
import { ATTRIBUTION_MODELS } from '../attribution/attribution-models.ts';
import { DIRECT } from '../attribution/conversion-path.ts';
import type { AttributionReport } from './attribution-report.ts';
import { attributionFor, DAY_MS, overviewFor, templateReportFor } from './attribution-request.ts';
import {
  GRANULARITIES,
  OVERVIEW_COUNTS,
  type ChannelOverview,
  type Granularity,
} from './channel-overview.ts';
import type { CREDIT_BY } from './conversion-paths.ts';

export type CsvResult = { csv: string; filename: string } | { fields: Record<string, string> };

export const OVERVIEW_TABLES = ['channels', 'sources', 'series'] as const;
export const ATTRIBUTION_TABLES = ['credits', 'roi', 'paths'] as const;

const round = (value: number | undefined) => Math.round((value ?? 0) * 100) / 100;
const lastDay = (period: { to: string }) =>
  new Date(Date.parse(period.to) - DAY_MS).toISOString().slice(0, 10);

/** Runs a report for a CSV link, turning refused input into the fields a 400 names. */
async function orFields<T>(run: () => Promise<T>): Promise<T | { fields: Record<string, string> }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InputError) return { fields: error.fields };
    throw error;
  }
}

/**
 * A table of the channel overview as CSV, from the query string of a link the Reports page builds: `channels`
 * (each channel's counts in the period and the one before), `sources` (per campaign, journey or other source) or
 * `series` (per day or week sent).
 */
export async function overviewCsv(
  em: EntityManager,
  workspaceId: string,
  query: { from?: string; to?: string; granularity?: string; table?: string },
): Promise<CsvResult> {
  const table = query.table ?? 'channels';
  if (!(OVERVIEW_TABLES as readonly string[]).includes(table))
    return { fields: { table: `must be one of ${OVERVIEW_TABLES.join(', ')}` } };
  if (query.granularity && !(GRANULARITIES as readonly string[]).includes(query.granularity))
    return { fields: { granularity: `must be one of ${GRANULARITIES.join(', ')}` } };
  const overview = await orFields(() =>
    overviewFor(em, workspaceId, {
      from: query.from ?? '',
      to: query.to ?? '',
      granularity: (query.granularity ?? 'day') as Granularity,
    }),
  );
  if ('fields' in overview) return overview;
  const rows = tableOf(overview, table as (typeof OVERVIEW_TABLES)[number]);
  const name = `${table}-${overview.period.from.slice(0, 10)}-${lastDay(overview.period)}.csv`;
  return { csv: rows.map(csvRow).join(''), filename: name };
}

function tableOf(overview: ChannelOverview, table: (typeof OVERVIEW_TABLES)[number]): unknown[][] {
  if (table === 'series')
    return [
      [overview.granularity, 'sent', 'delivered', 'opened', 'clicked'],
      ...overview.series.map((b) => [b.day, b.sent, b.delivered, b.opened, b.clicked]),
    ];
  if (table === 'sources')
    return [
      ['source', 'name', ...OVERVIEW_COUNTS],
      ...Object.entries(overview.sources)
        .sort(([, a], [, b]) => b.sent - a.sent)
        .map(([key, counts]) => [key, overview.labels[key] ?? key, ...OVERVIEW_COUNTS.map((c) => counts[c])]),
    ];
  return [
    ['channel', 'period', 'from', 'to', ...OVERVIEW_COUNTS],
    ...Object.entries(overview.channels).flatMap(([channel, both]) =>
      (['current', 'previous'] as const).map((which) => {
        const period = which === 'current' ? overview.period : overview.previous;
        return [
          channel,
          which,
          period.from.slice(0, 10),
          lastDay(period),
          ...OVERVIEW_COUNTS.map((c) => both[which][c]),
        ];
      }),
    ),
  ];
}

/**
 * A table of the attribution report as CSV: `credits` (one row per credited key, one column per model), `roi`
 * (each key's cost, and per model its credit and ROI = (credit − cost) ÷ cost) or `paths` (the most common paths to
 * conversion).
 */
export async function attributionCsv(
  em: EntityManager,
  workspaceId: string,
  query: { from?: string; to?: string; by?: string; conversion?: string; halfLife?: string; table?: string },
): Promise<CsvResult> {
  const table = query.table ?? 'credits';
  if (!(ATTRIBUTION_TABLES as readonly string[]).includes(table))
    return { fields: { table: `must be one of ${ATTRIBUTION_TABLES.join(', ')}` } };
  const report = await orFields(() =>
    attributionFor(em, workspaceId, {
      from: query.from ?? '',
      to: query.to ?? '',
      ...(query.by ? { by: query.by as (typeof CREDIT_BY)[number] } : {}),
      ...(query.conversion ? { conversionId: query.conversion } : {}),
      ...(query.halfLife ? { halfLifeHours: Number(query.halfLife) } : {}),
    }),
  );
  if ('fields' in report) return report;
  const rows = attributionTable(report, table as (typeof ATTRIBUTION_TABLES)[number]);
  const name =
    table === 'credits'
      ? `attribution-${report.by}-${report.period.from.slice(0, 10)}-${lastDay(report.period)}.csv`
      : `attribution-${table}-${report.by}-${report.period.from.slice(0, 10)}-${lastDay(report.period)}.csv`;
  return { csv: rows.map(csvRow).join(''), filename: name };
}

function attributionTable(
  report: AttributionReport,
  table: (typeof ATTRIBUTION_TABLES)[number],
): unknown[][] {
  const currency = report.definition.currency;
  const label = (key: string) => report.labels[key] ?? key;
  if (table === 'paths')
    return [
      ['path', 'keys', 'conversions', `value (${currency})`],
      ...report.topPaths.map((p) => [
        p.keys.map(label).join(' → '),
        p.keys.join(' > '),
        p.conversions,
        round(p.value),
      ]),
    ];
  const credited = Object.keys(report.models.markov ?? {});
  if (table === 'credits')
    return [
      ['key', 'name', ...ATTRIBUTION_MODELS.map((m) => `${m} (${currency})`)],
      ...credited.map((key) => [
        key,
        label(key),
        ...ATTRIBUTION_MODELS.map((m) => round(report.models[m]?.[key])),
      ]),
    ];
  const keys = [...new Set([...credited, ...Object.keys(report.costs.byKey)])].filter((k) => k !== DIRECT);
  return [
    [
      'key',
      'name',
      `cost (${report.costs.currency})`,
      ...ATTRIBUTION_MODELS.flatMap((m) => [`${m} credit (${currency})`, `${m} roi`]),
    ],
    ...keys.map((key) => {
      const cost = report.costs.byKey[key] ?? 0;
      return [
        key,
        label(key),
        Math.round(cost * 100_000) / 100_000,
        ...ATTRIBUTION_MODELS.flatMap((m) => {
          const credit = report.models[m]?.[key] ?? 0;
          const roi =
            cost > 0 && report.costs.comparable ? Math.round(((credit - cost) / cost) * 10_000) / 10_000 : '';
          return [round(credit), roi];
        }),
      ];
    }),
  ];
}

export const TEMPLATE_TABLES = ['uses', 'versions', 'series'] as const;

/**
 * A table of a template's report as CSV: `uses` (per campaign, journey step or other source), `versions` (per
 * published version) or `series` (per day).
 */
export async function templateCsv(
  em: EntityManager,
  workspaceId: string,
  query: { template?: string; from?: string; to?: string; table?: string },
): Promise<CsvResult> {
  const table = query.table ?? 'uses';
  if (!(TEMPLATE_TABLES as readonly string[]).includes(table))
    return { fields: { table: `must be one of ${TEMPLATE_TABLES.join(', ')}` } };
  const report = await orFields(() =>
    templateReportFor(em, workspaceId, {
      templateId: query.template ?? '',
      from: query.from ?? '',
      to: query.to ?? '',
    }),
  );
  if (report === null) return { fields: { template: 'is not a template of this workspace' } };
  if ('fields' in report) return report;
  const rows: unknown[][] =
    table === 'series'
      ? [
          ['day', 'sent', 'delivered', 'opened', 'clicked'],
          ...report.series.map((d) => [d.day, d.sent, d.delivered, d.opened, d.clicked]),
        ]
      : table === 'versions'
        ? [
            ['version', ...OVERVIEW_COUNTS],
            ...report.versions.map((v) => [v.version, ...OVERVIEW_COUNTS.map((c) => v.counts[c])]),
          ]
        : [
            ['source', 'name', ...OVERVIEW_COUNTS],
            ...report.uses.map((u) => [u.key, u.label, ...OVERVIEW_COUNTS.map((c) => u.counts[c])]),
          ];
  const name = `template-${table}-${report.period.from.slice(0, 10)}-${lastDay(report.period)}.csv`;
  return { csv: rows.map(csvRow).join(''), filename: name };
}
