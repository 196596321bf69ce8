import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { locale, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { CreditBars } from './credit-bars.tsx';
import { PeriodFields } from './period-fields.tsx';
import { CsvLink } from './csv-link.tsx';
import { FixedCostField } from './fixed-cost-field.tsx';
import { useReportPeriod } from './report-period.ts';
import { may } from '../auth/permissions.ts';
import { NamedOptions } from '../../ui/named-options.tsx';

export const MODELS = ['first', 'last', 'linear', 'time-decay', 'position', 'markov'] as const;
type Model = (typeof MODELS)[number];
const BYS = ['channel', 'source', 'step'] as const;
type By = (typeof BYS)[number];

/**
 * The attribution report: conversions of a period credited by six models, per channel, campaign/journey or step.
 * Every filter lives in the URL, so a report is a link to send a colleague.
 */
export function AttributionView() {
  const [params, setParams] = useSearchParams<{
    conversion?: string;
    by?: string;
    model?: string;
    halfLife?: string;
  }>();
  const { from, to } = useReportPeriod();
  const by = (): By => ((BYS as readonly string[]).includes(params.by ?? '') ? (params.by as By) : 'channel');
  const model = (): Model =>
    (MODELS as readonly string[]).includes(params.model ?? '') ? (params.model as Model) : 'markov';
  const halfLife = () => (Number(params.halfLife) > 0 ? Number(params.halfLife) : undefined);

  const [definitions] = createResource(() => api.analytics.conversions.query());
  // Mirrors the server's reports.configure: analysts read, marketers and admins set costs.
  const canEdit = () => may('reports.configure');
  const [problem, setProblem] = createSignal<string | null>(null);
  const query = () => ({
    ...(params.conversion ? { conversionId: params.conversion } : {}),
    from: from(),
    to: to(),
    by: by(),
    ...(halfLife() ? { halfLifeHours: halfLife()! } : {}),
  });
  const [report, { refetch }] = createResource(query, async (input) => {
    setProblem(null);
    try {
      return await api.analytics.attribution.query(input);
    } catch (error) {
      setProblem(problemText(toProblem(error)));
      return undefined;
    }
  });

  const money = (value: number) =>
    new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency: report()?.definition.currency ?? 'USD',
      maximumFractionDigits: 2,
    }).format(value);
  const labelOf = (key: string) => {
    if (key === 'direct') return t('reports.directKey');
    if (['email', 'sms', 'wechat'].includes(key)) return t(`messages.channel.${key}` as MessageKey);
    return report()?.labels[key] ?? key;
  };
  const keys = createMemo(() => {
    const r = report();
    if (!r) return [];
    const chosen = r.models[model()] ?? {};
    return Object.keys(chosen).sort((a, b) => (chosen[b] ?? 0) - (chosen[a] ?? 0));
  });
  // Everything with a credit or a cost: a campaign that earned nothing still cost something.
  const roiKeys = createMemo(() => {
    const r = report();
    if (!r) return [];
    return [...new Set([...keys(), ...Object.keys(r.costs.byKey)])].filter((k) => k !== 'direct');
  });
  const roiText = (roi: number) =>
    new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(roi);
  const csvHref = (table: 'credits' | 'roi' | 'paths' = 'credits') => {
    const q = new URLSearchParams({ from: from(), to: to(), by: by(), table });
    if (params.conversion) q.set('conversion', params.conversion);
    if (halfLife()) q.set('halfLife', String(halfLife()));
    return `/exports/attribution.csv?${q}`;
  };

  return (
    <div class="stack" data-testid="attribution-report">
      <p class="muted">{t('reports.attributionIntro')}</p>
      <div class="row wrap filters">
        <label class="field">
          <span class="field-label">{t('reports.conversion')}</span>
          <select
            data-testid="conversion-select"
            value={params.conversion ?? ''}
            onChange={(e) => setParams({ conversion: e.currentTarget.value || undefined })}
          >
            <NamedOptions items={definitions() ?? []} />
          </select>
        </label>
        <PeriodFields />
        <label class="field">
          <span class="field-label">{t('reports.by')}</span>
          <select
            data-testid="credit-by"
            value={by()}
            onChange={(e) => setParams({ by: e.currentTarget.value })}
          >
            <For each={BYS}>{(b) => <option value={b}>{t(`reports.by.${b}`)}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t('reports.halfLife')}</span>
          <input
            type="number"
            min="1"
            step="1"
            placeholder="168"
            value={halfLife() ?? ''}
            onChange={(e) => setParams({ halfLife: e.currentTarget.value || undefined })}
          />
        </label>
      </div>
      <Show when={problem()}>{(p) => <Notice kind="error">{p()}</Notice>}</Show>
      <Show when={report()} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(r) => (
          <>
            <div class="stats">
              <div class="stat" data-testid="stat-conversions">
                <span class="stat-value">{r().conversions.toLocaleString(locale())}</span>
                <span class="stat-label">{t('reports.conversions')}</span>
              </div>
              <div class="stat" data-testid="stat-value">
                <span class="stat-value">{money(r().convertedValue)}</span>
                <span class="stat-label">{t('reports.value')}</span>
              </div>
              <div class="stat" data-testid="stat-direct">
                <span class="stat-value">{r().direct.toLocaleString(locale())}</span>
                <span class="stat-label">{t('reports.direct', { days: r().definition.lookbackDays })}</span>
              </div>
              <div class="stat">
                <span class="stat-value">{r().unconvertedPaths.toLocaleString(locale())}</span>
                <span class="stat-label">{t('reports.unconverted')}</span>
              </div>
            </div>
            <Show when={keys().length > 0} fallback={<p class="muted">{t('reports.none')}</p>}>
              <div class="tabs" role="tablist" aria-label={t('reports.model')}>
                <For each={MODELS}>
                  {(m) => (
                    <button
                      type="button"
                      role="tab"
                      aria-selected={model() === m}
                      classList={{ tab: true, active: model() === m }}
                      data-testid={`model-${m}`}
                      onClick={() => setParams({ model: m })}
                    >
                      {t(`reports.model.${m}`)}
                    </button>
                  )}
                </For>
              </div>
              <p class="muted" data-testid="model-help">
                {t(`reports.modelHelp.${model()}`)}
              </p>
              <CreditBars
                label={t('reports.chartLabel', {
                  model: t(`reports.model.${model()}`),
                  by: t(`reports.by.${by()}`),
                })}
                axisTitle={t('reports.creditAxis', { currency: r().definition.currency })}
                format={money}
                bars={keys().map((key) => ({
                  key,
                  label: labelOf(key),
                  value: r().models[model()]?.[key] ?? 0,
                }))}
              />
              <div class="table-scroll">
                <table class="table" data-testid="attribution-table">
                  <thead>
                    <tr>
                      <th>{t('reports.credited')}</th>
                      <For each={MODELS}>
                        {(m) => (
                          <th class="num" classList={{ highlighted: model() === m }}>
                            {t(`reports.model.${m}`)}
                          </th>
                        )}
                      </For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={keys()}>
                      {(key) => (
                        <tr data-key={key}>
                          <td>{labelOf(key)}</td>
                          <For each={MODELS}>
                            {(m) => (
                              <td class="num" data-model={m} classList={{ highlighted: model() === m }}>
                                {money(r().models[m]?.[key] ?? 0)}
                              </td>
                            )}
                          </For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <h3>{t('reports.paths')}</h3>
              <div class="table-scroll">
                <table class="table" data-testid="top-paths">
                  <thead>
                    <tr>
                      <th>{t('reports.path')}</th>
                      <th class="num">{t('reports.conversions')}</th>
                      <th class="num">{t('reports.value')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={r().topPaths}>
                      {(path) => (
                        <tr>
                          <td class="path">{path.keys.map(labelOf).join(' → ')}</td>
                          <td class="num">{path.conversions.toLocaleString(locale())}</td>
                          <td class="num">{money(path.value)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <CsvLink href={csvHref('paths')} testId="paths-csv" />
              <h3>{t('reports.roi')}</h3>
              <Show
                when={r().costs.comparable}
                fallback={
                  <Notice kind="info">
                    {t('reports.costCurrency', {
                      costs: r().costs.currency,
                      values: r().definition.currency,
                    })}
                  </Notice>
                }
              >
                <p class="muted" data-testid="roi-formula">
                  {t('reports.roiFormula', { model: t(`reports.model.${model()}`) })}
                </p>
                <div class="table-scroll">
                  <table class="table" data-testid="roi-table">
                    <thead>
                      <tr>
                        <th>{t('reports.credited')}</th>
                        <Show when={by() === 'source'}>
                          <th class="num">{t('reports.fixedCost')}</th>
                        </Show>
                        <th class="num">{t('reports.cost')}</th>
                        <th class="num">{t('reports.revenue')}</th>
                        <th class="num">{t('reports.roiValue')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={roiKeys()}>
                        {(key) => {
                          const cost = () => r().costs.byKey[key] ?? 0;
                          const revenue = () => r().models[model()]?.[key] ?? 0;
                          return (
                            <tr data-key={key}>
                              <td>{labelOf(key)}</td>
                              <Show when={by() === 'source'}>
                                <td class="num">
                                  <FixedCostField
                                    costKey={key}
                                    value={r().costs.fixedByKey[key] ?? null}
                                    currency={r().costs.currency}
                                    canEdit={canEdit()}
                                    onSaved={() => void refetch()}
                                  />
                                </td>
                              </Show>
                              <td class="num">{money(cost())}</td>
                              <td class="num">{money(revenue())}</td>
                              <td class="num" data-testid="roi">
                                {cost() > 0 ? roiText((revenue() - cost()) / cost()) : '—'}
                              </td>
                            </tr>
                          );
                        }}
                      </For>
                    </tbody>
                  </table>
                </div>
                <CsvLink href={csvHref('roi')} testId="roi-csv" />
              </Show>
              <div class="row">
                <a class="button secondary" href={csvHref()} download="" data-testid="attribution-csv">
                  {t('reports.exportCsv')}
                </a>
              </div>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
