import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { refreshWorkspaceRollups } from '../rollups/message-rollups.ts';
import {
  OVERVIEW_COUNTS,
  ROLLUP_SUMS,
  SERIES_BY_LOCAL_DAY,
  seriesParams,
  zeroCounts,
  type OverviewCounts,
} from './channel-overview.ts';
import { sourceLabels } from './source-labels.ts';

export interface TemplateReport {
  template: { id: string; name: string; channel: string };
  period: { from: string; to: string };
  totals: OverviewCounts;
  /** Per published version that sent in the period, newest first. */
  versions: { version: number; versionId: string; counts: OverviewCounts }[];
  /** Per campaign, journey step or other source (`api`, `test`…) that sent it, most sent first. */
  uses: { key: string; label: string; counts: OverviewCounts }[];
  /** The zone the days are in (the workspace's default time zone). */
  timeZone: string;
  /** Per day of the period: sent, and what people did with them. */
  series: { day: string; sent: number; delivered: number; opened: number; clicked: number }[];
}

const add = (into: OverviewCounts, row: Record<string, unknown>) => {
  for (const key of OVERVIEW_COUNTS) into[key] += Number(row[key] ?? 0);
};

/**
 * What one template's messages did in a period, whoever sent them — every campaign and journey step that used any
 * of its published versions, and one-off sends — in total, per version and per use, from the hourly rollups
 * brought up to the moment. Null for a template the workspace does not have.
 */
export async function templateReport(
  em: EntityManager,
  workspaceId: string,
  templateId: string,
  period: { from: Date; to: Date },
  timeZone = 'UTC',
): Promise<TemplateReport | null> {
  const [template] = await sql<{ id: string; name: string; channel: string }>(
    em,
    'select id, name, channel from templates where id = ? and workspace_id = ?',
    [templateId, workspaceId],
  );
  if (!template) return null;
  await refreshWorkspaceRollups(em, workspaceId);
  const versions = await sql<{ id: string; version: number }>(
    em,
    'select id::text as id, version from template_versions where template_id = ? order by version desc',
    [templateId],
  );
  const ids = `{${versions.map((v) => `"${v.id}"`).join(',')}}`;
  const inPeriod = `workspace_id = ? and template_version_id = any(?::text[])
    and hour >= date_trunc('hour', ?::timestamptz) and hour < ?`;
  const params = [workspaceId, ids, period.from, period.to];
  const [rows, series] = await Promise.all([
    sql<Record<string, string | number>>(
      em,
      `select template_version_id, source_kind, source_id, journey_node, ${ROLLUP_SUMS}
       from message_rollups where ${inPeriod} group by 1, 2, 3, 4`,
      params,
    ),
    sql<TemplateReport['series'][number]>(em, SERIES_BY_LOCAL_DAY(inPeriod), [
      'day',
      timeZone,
      ...params,
      ...seriesParams(period, 'day', timeZone),
    ]),
  ]);
  const totals = zeroCounts();
  const byVersion = new Map<string, OverviewCounts>();
  const byUse = new Map<string, OverviewCounts>();
  for (const row of rows) {
    add(totals, row);
    const versionId = String(row.template_version_id);
    add(byVersion.get(versionId) ?? byVersion.set(versionId, zeroCounts()).get(versionId)!, row);
    const id = String(row.source_id);
    const node = String(row.journey_node);
    const key = id === '' ? String(row.source_kind) : `${row.source_kind}:${id}${node ? `:${node}` : ''}`;
    add(byUse.get(key) ?? byUse.set(key, zeroCounts()).get(key)!, row);
  }
  const labels = await sourceLabels(em, workspaceId, [...byUse.keys()]);
  return {
    template: { id: template.id, name: template.name, channel: template.channel },
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    timeZone,
    totals,
    versions: versions.flatMap((v) => {
      const counts = byVersion.get(v.id);
      return counts ? [{ version: v.version, versionId: v.id, counts }] : [];
    }),
    uses: [...byUse.entries()]
      .map(([key, counts]) => ({ key, label: labels[key] ?? key, counts }))
      .sort((a, b) => b.counts.sent - a.counts.sent || a.label.localeCompare(b.label)),
    series,
  };
}
