import { createResource, createSignal, For, Show } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { locale, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { PeriodFields } from './period-fields.tsx';
import { CsvLink } from './csv-link.tsx';
import { useReportPeriod } from './report-period.ts';
import { SentSeriesChart } from './sent-series-chart.tsx';
import { overviewRates, pointsChange, RATES, type OverviewCounts } from './overview-rates.ts';

const CHANNEL_ORDER = ['email', 'sms', 'wechat', 'all'];
/** Sources without an id of their own: one row each. */
const SOURCE_KINDS = ['api', 'test', 'reply', 'system', 'conversation', 'campaign', 'journey'] as const;

/**
 * What every channel's messages did in the period, beside the period before: counts and rates per channel, a daily
 * chart and the funnel from delivered to converted.
 */
export function OverviewView() {
  const period = useReportPeriod();
  const [params, setParams] = useSearchParams<{ granularity?: string }>();
  const granularity = (): 'day' | 'week' => (params.granularity === 'week' ? 'week' : 'day');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [overview] = createResource(
    () => ({ from: period.from(), to: period.to(), granularity: granularity() }),
    async (input) => {
      setProblem(null);
      try {
        return await api.analytics.overview.query(input);
      } catch (error) {
        setProblem(problemText(toProblem(error)));
        return undefined;
      }
    },
  );
  // The funnel's last step reads the raw tables: it comes on its own, after the rollup figures.
  const [funnelEnd] = createResource(
    () => ({ from: period.from(), to: period.to() }),
    (input) => api.analytics.funnel.query(input).catch(() => ({ clickedThenConverted: null })),
  );
  const number = (n: number) => n.toLocaleString(locale());
  const percent = (rate: number | null) =>
    rate === null
      ? '—'
      : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const csvHref = (table: 'channels' | 'sources' | 'series') =>
    `/exports/overview.csv?${new URLSearchParams({ from: period.from(), to: period.to(), granularity: granularity(), table })}`;
  const sourceName = (key: string) =>
    (SOURCE_KINDS as readonly string[]).includes(key)
      ? t(`reports.source.${key as (typeof SOURCE_KINDS)[number]}`)
      : (overview()?.labels[key] ?? key);
  const sources = () =>
    Object.entries(overview()?.sources ?? {})
      .map(([key, counts]) => ({ key, counts }))
      .sort((a, b) => b.counts.sent - a.counts.sent);
  const channelName = (channel: string) =>
    channel === 'all' ? t('reports.allChannels') : t(`messages.channel.${channel}` as MessageKey);
  const channels = () =>
    CHANNEL_ORDER.filter((c) => overview()?.channels[c]).map((c) => ({
      channel: c,
      ...overview()!.channels[c]!,
    }));
  const change = (now: number | null, before: number | null) => {
    const pp = pointsChange(now, before);
    if (pp === null || Math.abs(pp) < 0.05) return '';
    return `${pp > 0 ? '▲' : '▼'} ${Math.abs(pp).toLocaleString(locale(), { maximumFractionDigits: 1 })} pp`;
  };
  const sentChange = (now: number, before: number) => {
    if (before === 0) return '';
    const ratio = (now - before) / before;
    return `${ratio >= 0 ? '▲' : '▼'} ${percent(Math.abs(ratio))}`;
  };
  const funnel = () => {
    const all: OverviewCounts | undefined = overview()?.channels.all?.current;
    if (!all) return [];
    const converted = funnelEnd.latest?.clickedThenConverted;
    return [
      { key: 'delivered', label: t('reports.funnel.delivered'), value: all.delivered },
      { key: 'opened', label: t('reports.funnel.opened'), value: all.humanOpens },
      { key: 'clicked', label: t('reports.funnel.clicked'), value: all.uniqueClicks },
      ...(converted != null
        ? [{ key: 'converted', label: t('reports.funnel.converted'), value: converted }]
        : []),
    ];
  };

  return (
    <div class="stack" data-testid="channel-overview">
      <div class="row wrap filters">
        <PeriodFields />
        <label class="field">
          <span class="field-label">{t('reports.granularity')}</span>
          <select
            data-testid="granularity"
            value={granularity()}
            onChange={(e) =>
              setParams({ granularity: e.currentTarget.value === 'week' ? 'week' : undefined })
            }
          >
            <option value="day">{t('reports.granularity.day')}</option>
            <option value="week">{t('reports.granularity.week')}</option>
          </select>
        </label>
      </div>
      <Show when={problem()}>{(p) => <Notice kind="error">{p()}</Notice>}</Show>
      <Show when={overview()} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(o) => (
          <>
            <Show when={channels().length > 0} fallback={<p class="muted">{t('reports.noMessages')}</p>}>
              <div class="table-scroll">
                <table class="table" data-testid="overview-table">
                  <thead>
                    <tr>
                      <th>{t('messages.channel')}</th>
                      <th class="num">{t('reports.sent')}</th>
                      <For each={RATES}>{(rate) => <th class="num">{t(`reports.rate.${rate}`)}</th>}</For>
                      <th class="num">{t('reports.machineOpens')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={channels()}>
                      {(row) => {
                        const now = overviewRates(row.current);
                        const before = overviewRates(row.previous);
                        return (
                          <tr data-channel={row.channel} classList={{ total: row.channel === 'all' }}>
                            <td>{channelName(row.channel)}</td>
                            <td class="num" data-metric="sent">
                              {number(row.current.sent)}
                              <small class="change">{sentChange(row.current.sent, row.previous.sent)}</small>
                            </td>
                            <For each={RATES}>
                              {(rate) => (
                                <td class="num" data-metric={rate}>
                                  {percent(now[rate])}
                                  <small class="change">{change(now[rate], before[rate])}</small>
                                </td>
                              )}
                            </For>
                            <td class="num" data-metric="machineOpens">
                              {number(row.current.machineOpens)}
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              </div>
              <p class="muted small" data-testid="rate-definitions">
                {t('reports.rateDefinitions')}
              </p>
              <p class="muted small" data-testid="report-time-zone">
                {t('reports.timeZoneNote', { zone: o().timeZone })}
              </p>
              <CsvLink href={csvHref('channels')} testId="channels-csv" />
            </Show>
            <h3>{t(granularity() === 'week' ? 'reports.weekly' : 'reports.daily')}</h3>
            <SentSeriesChart
              label={t(granularity() === 'week' ? 'reports.weekly' : 'reports.daily')}
              buckets={o().series}
            />
            <CsvLink href={csvHref('series')} testId="series-csv" />
            <Show when={sources().length > 0}>
              <h3>{t('reports.bySource')}</h3>
              <div class="table-scroll">
                <table class="table" data-testid="sources-table">
                  <thead>
                    <tr>
                      <th>{t('reports.source')}</th>
                      <th class="num">{t('reports.sent')}</th>
                      <For each={RATES}>{(rate) => <th class="num">{t(`reports.rate.${rate}`)}</th>}</For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={sources()}>
                      {(row) => {
                        const rates = overviewRates(row.counts);
                        return (
                          <tr data-source={row.key}>
                            {/* A campaign's or journey's name is its owner's words; API sends and the like are ours. */}
                            <td
                              translate={
                                (SOURCE_KINDS as readonly string[]).includes(row.key) ? undefined : 'no'
                              }
                            >
                              {sourceName(row.key)}
                            </td>
                            <td class="num" data-metric="sent">
                              {number(row.counts.sent)}
                            </td>
                            <For each={RATES}>
                              {(rate) => (
                                <td class="num" data-metric={rate}>
                                  {percent(rates[rate])}
                                </td>
                              )}
                            </For>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              </div>
              <CsvLink href={csvHref('sources')} testId="sources-csv" />
            </Show>
            <h3>{t('reports.funnel')}</h3>
            <ol class="funnel" data-testid="funnel">
              <For each={funnel()}>
                {(step, i) => {
                  const first = () => funnel()[0]?.value ?? 0;
                  const share = () => (first() > 0 ? step.value / first() : 0);
                  return (
                    <li data-step={step.key}>
                      <span class="funnel-bar" style={{ width: `${Math.max(2, share() * 100)}%` }} />
                      <span class="funnel-label">
                        {step.label}: <strong>{number(step.value)}</strong>
                        {i() > 0 ? ` · ${percent(share())}` : ''}
                      </span>
                    </li>
                  );
                }}
              </For>
            </ol>
          </>
        )}
      </Show>
    </div>
  );
}
