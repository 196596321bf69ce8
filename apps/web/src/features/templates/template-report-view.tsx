import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { locale, t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { PeriodFields } from '../reports/period-fields.tsx';
import { CsvLink } from '../reports/csv-link.tsx';
import { useReportPeriod } from '../reports/report-period.ts';
import { SentSeriesChart } from '../reports/sent-series-chart.tsx';
import { overviewRates, RATES, type OverviewCounts } from '../reports/overview-rates.ts';

const OWN_SOURCES = ['api', 'test', 'reply', 'system', 'conversation'] as const;

/** Where a use's row links: the campaign, or the journey whose step sent it. */
const useHref = (key: string) => {
  const [kind, id] = key.split(':');
  return kind === 'campaign' ? `/campaigns/${id}` : kind === 'journey' ? `/journeys/${id}` : null;
};

/**
 * A template's report: what its messages did in the period whoever sent them — the totals with their rates, a daily
 * chart, every campaign and journey step that used it, and each published version — with the same definitions
 * (and the same period in the URL) as the Reports page.
 */
export function TemplateReportView(props: { templateId: string }) {
  const period = useReportPeriod();
  const [problem, setProblem] = createSignal<string | null>(null);
  const [report] = createResource(
    () => ({ templateId: props.templateId, from: period.from(), to: period.to() }),
    async (input) => {
      setProblem(null);
      try {
        return await api.analytics.template.query(input);
      } catch (error) {
        setProblem(problemText(toProblem(error)));
        return undefined;
      }
    },
  );
  const number = (n: number) => n.toLocaleString(locale());
  const percent = (rate: number | null) =>
    rate === null
      ? '—'
      : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const csvHref = (table: 'uses' | 'versions' | 'series') =>
    `/exports/template.csv?${new URLSearchParams({ template: props.templateId, from: period.from(), to: period.to(), table })}`;
  const useName = (key: string, label: string) =>
    (OWN_SOURCES as readonly string[]).includes(key)
      ? t(`reports.source.${key as (typeof OWN_SOURCES)[number]}`)
      : label;
  const rateCells = (counts: OverviewCounts) => {
    const rates = overviewRates(counts);
    return (
      <For each={RATES}>
        {(rate) => (
          <td class="num" data-metric={rate}>
            {percent(rates[rate])}
          </td>
        )}
      </For>
    );
  };
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        <th class="num">{t('reports.sent')}</th>
        <For each={RATES}>{(rate) => <th class="num">{t(`reports.rate.${rate}`)}</th>}</For>
      </tr>
    </thead>
  );
  return (
    <div class="stack" data-testid="template-report">
      <div class="row wrap">
        <PeriodFields />
      </div>
      <Show when={problem()}>{(p) => <Notice kind="error">{p()}</Notice>}</Show>
      <Show when={report()} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(r) => (
          <Show
            when={r().totals.sent > 0}
            fallback={<p class="muted">{t('templates.report.nothingSent')}</p>}
          >
            <div class="stats">
              <div class="stat" data-testid="template-sent">
                <span class="stat-label">{t('reports.sent')}</span>
                <span class="stat-value">{number(r().totals.sent)}</span>
              </div>
              <For each={RATES.slice(0, 4)}>
                {(rate) => (
                  <div class="stat" data-testid={`template-rate-${rate}`}>
                    <span class="stat-label">{t(`reports.rate.${rate}`)}</span>
                    <span class="stat-value">{percent(overviewRates(r().totals)[rate])}</span>
                  </div>
                )}
              </For>
            </div>
            <p class="muted small">{t('templates.report.rateDefinitions')}</p>
            <p class="muted small" data-testid="report-time-zone">
              {t('reports.timeZoneNote', { zone: r().timeZone })}
            </p>
            <h3>{t('reports.daily')}</h3>
            <SentSeriesChart label={t('reports.daily')} buckets={r().series} />
            <CsvLink href={csvHref('series')} testId="template-series-csv" />
            <h3>{t('templates.report.uses')}</h3>
            <div class="table-scroll">
              <table class="table" data-testid="template-uses">
                {head(t('reports.source'))}
                <tbody>
                  <For each={r().uses}>
                    {(use) => (
                      <tr data-source={use.key}>
                        <td
                          translate={(OWN_SOURCES as readonly string[]).includes(use.key) ? undefined : 'no'}
                        >
                          <Show when={useHref(use.key)} fallback={useName(use.key, use.label)}>
                            {(href) => <A href={href()}>{useName(use.key, use.label)}</A>}
                          </Show>
                        </td>
                        <td class="num" data-metric="sent">
                          {number(use.counts.sent)}
                        </td>
                        {rateCells(use.counts)}
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <CsvLink href={csvHref('uses')} testId="template-uses-csv" />
            <h3>{t('templates.report.versions')}</h3>
            <div class="table-scroll">
              <table class="table" data-testid="template-versions">
                {head(t('templates.report.version'))}
                <tbody>
                  <For each={r().versions}>
                    {(v) => (
                      <tr data-version={v.version}>
                        <td>{t('templates.version', { version: v.version })}</td>
                        <td class="num" data-metric="sent">
                          {number(v.counts.sent)}
                        </td>
                        {rateCells(v.counts)}
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <CsvLink href={csvHref('versions')} testId="template-versions-csv" />
          </Show>
        )}
      </Show>
    </div>
  );
}
