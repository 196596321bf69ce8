import { createResource, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { PeriodFields } from './period-fields.tsx';
import { CsatChart } from './csat-chart.tsx';
import { useReportPeriod } from './report-period.ts';

type Report = Awaited<ReturnType<typeof api.inbox.report.query>>;
type Figures = Report['total'];

/** "1 h 05 min", "12 min", "2 d 3 h" — durations agents read at a glance. */
export function duration(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return t('inboxReport.min', { m });
  if (m < 48 * 60) return t('inboxReport.hmin', { h: Math.floor(m / 60), m: m % 60 });
  return t('inboxReport.dh', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

/** One line of the report: whose figures, as a screen label and a stable key for tests. */
interface Line {
  key: string;
  name: string;
  figures: Figures;
}

const agentLines = (report: Report): Line[] =>
  report.agents.map((f) => ({
    key: f.agent?.id ?? 'unassigned',
    name: f.agent?.name ?? t('inbox.unassigned'),
    figures: f,
  }));

const teamLines = (report: Report): Line[] =>
  report.teams.map((f) => ({
    key: f.team?.id ?? 'no-team',
    name: f.team?.name ?? t('inboxTeams.none'),
    figures: f,
  }));

function csv(report: Report): string {
  const header = [
    'kind',
    'name',
    'opened',
    'resolved',
    'first_response_median_min',
    'first_response_p90_min',
    'resolution_median_min',
    'resolution_p90_min',
    'sla_breaches',
    'csat_average',
    'csat_count',
    'csat_1',
    'csat_2',
    'csat_3',
    'csat_4',
    'csat_5',
  ];
  const cell = (v: string | number | null) => {
    const text = v === null ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : v;
    // Spreadsheet formulas in a name are neutralised; quotes doubled.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const line = (kind: string, name: string, f: Figures) =>
    [
      kind,
      name,
      f.opened,
      f.resolved,
      f.firstResponseMinutes.median,
      f.firstResponseMinutes.p90,
      f.resolutionMinutes.median,
      f.resolutionMinutes.p90,
      f.slaBreaches,
      f.csat.average,
      f.csat.count,
      ...f.csat.distribution,
    ]
      .map(cell)
      .join(',');
  return [
    header.join(','),
    ...agentLines(report).map((l) => line('agent', l.name, l.figures)),
    ...teamLines(report).map((l) => line('team', l.name, l.figures)),
    line('total', '', report.total),
  ].join('\n');
}

function download(report: Report) {
  const url = URL.createObjectURL(new Blob([csv(report)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `inbox-${report.from}-${report.to}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

/** The inbox over the chosen days: per agent, per team and in total, with satisfaction as a bar per score. */
export function InboxReportView() {
  const period = useReportPeriod();
  const [report] = createResource(
    () => ({ from: period.from(), to: period.to() }),
    (input) => api.inbox.report.query(input),
  );
  const row = (line: Line, total = false) => {
    const f = line.figures;
    return (
      <tr data-row={line.key} classList={{ total }}>
        <th scope="row">{line.name}</th>
        <td>{f.opened}</td>
        <td>{f.resolved}</td>
        <td data-metric="first-median">{duration(f.firstResponseMinutes.median)}</td>
        <td>{duration(f.firstResponseMinutes.p90)}</td>
        <td>{duration(f.resolutionMinutes.median)}</td>
        <td>{duration(f.resolutionMinutes.p90)}</td>
        <td>{f.slaBreaches}</td>
        <td data-metric="csat">
          {f.csat.average === null ? '—' : `${f.csat.average.toFixed(1)} (${f.csat.count})`}
        </td>
      </tr>
    );
  };
  const head = (who: string) => (
    <thead>
      <tr>
        <th>{who}</th>
        <th>{t('inboxReport.opened')}</th>
        <th>{t('inboxReport.resolved')}</th>
        <th>{t('inboxReport.firstMedian')}</th>
        <th>{t('inboxReport.firstP90')}</th>
        <th>{t('inboxReport.resolutionMedian')}</th>
        <th>{t('inboxReport.resolutionP90')}</th>
        <th>{t('inboxReport.breaches')}</th>
        <th>{t('inboxReport.csat')}</th>
      </tr>
    </thead>
  );
  return (
    <div class="stack">
      <div class="row report-filters">
        <PeriodFields />
        <Show when={report.state !== 'errored' && report()}>
          {(r) => (
            <button
              type="button"
              class="button secondary"
              data-testid="inbox-csv"
              onClick={() => download(r())}
            >
              {t('inboxReport.csv')}
            </button>
          )}
        </Show>
      </div>
      <Show when={report.state === 'errored'}>
        <Notice kind="error">{problemText(toProblem(report.error as unknown))}</Notice>
      </Show>
      <Show when={report.state !== 'errored' && report()}>
        {(r) => (
          <>
            <p class="muted">
              {r().businessHours ? t('inboxReport.businessHours') : t('inboxReport.allHours')}
            </p>
            <div class="table-scroll">
              <table class="table" data-testid="inbox-report">
                {head(t('inboxSettings.agent'))}
                <tbody>
                  <For each={agentLines(r())}>{(line) => row(line)}</For>
                  {row({ key: 'total', name: t('inboxReport.total'), figures: r().total }, true)}
                </tbody>
              </table>
            </div>
            <Show when={r().teams.length > 0}>
              <div class="table-scroll">
                <table class="table" data-testid="inbox-team-report">
                  {head(t('inboxTeams.team'))}
                  <tbody>
                    <For each={teamLines(r())}>{(line) => row(line)}</For>
                  </tbody>
                </table>
              </div>
            </Show>
            <h3>{t('inboxReport.csatDistribution')}</h3>
            <CsatChart distribution={r().total.csat.distribution} />
          </>
        )}
      </Show>
    </div>
  );
}
