import { For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { abDecisionText, type StoredDecision } from './ab-decision-text.ts';
import { percent } from './format.ts';

interface Variant {
  key: string;
  templateName: string;
  subject?: string;
  fromName?: string;
  delayHours?: number;
}

const signedPercent = (value: number | null) =>
  value === null ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : ''}${percent(Math.abs(value))}`;

/** The A/B test: each variant's rate on the winning metric, the decision and why, and the manual override. */
export function AbResults(props: {
  campaign: {
    variants: Variant[];
    winner: string | null;
    decision: StoredDecision | null;
    abTest: { metric: string; windowMinutes: number } | null;
  };
  variants: {
    key: string;
    sent: number;
    successes: number;
    rate: number;
    uplift: number | null;
    probabilityToBeatControl: number | null;
  }[];
  sampleSizeHint: { perVariant: number; leader: string; runnerUp: string } | null;
  canChoose: boolean;
  onChoose: (variant: string) => void;
}) {
  const stats = (key: string) => props.variants.find((v) => v.key === key);
  const best = () => Math.max(0.0001, ...props.variants.map((v) => v.rate));
  return (
    <div class="card stack" data-testid="ab-results">
      <h2>{t('campaigns.abResults')}</h2>
      <table class="table">
        <thead>
          <tr>
            <th>{t('campaigns.variant')}</th>
            <th>{t('campaigns.variantChanges')}</th>
            <th>{t('campaigns.sent')}</th>
            <th>
              {t(
                `campaigns.metric.${(props.campaign.abTest?.metric ?? 'opens') as 'opens' | 'clicks' | 'conversions'}`,
              )}
            </th>
            <th class="num">{t('campaigns.uplift')}</th>
            <th class="num" title={t('campaigns.probabilityHelp')}>
              {t('campaigns.probabilityToBeat')}
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={props.campaign.variants}>
            {(variant) => (
              <tr data-testid={`ab-variant-${variant.key}`}>
                <th>
                  {variant.key}
                  <Show when={props.campaign.winner === variant.key}>
                    {' '}
                    <span class="badge status-sent" data-testid="ab-winner">
                      {t('campaigns.winner')}
                    </span>
                  </Show>
                </th>
                <td>
                  {variant.subject ??
                    variant.fromName ??
                    (variant.delayHours !== undefined ? `+${variant.delayHours} h` : variant.templateName)}
                </td>
                <td>{stats(variant.key)?.sent ?? 0}</td>
                <td>
                  <div class="rate-bar" title={percent(stats(variant.key)?.rate ?? 0)}>
                    <span style={{ width: `${((stats(variant.key)?.rate ?? 0) / best()) * 100}%` }} />
                  </div>
                  {percent(stats(variant.key)?.rate ?? 0)} ({stats(variant.key)?.successes ?? 0})
                </td>
                <td class="num" data-testid="uplift">
                  {signedPercent(stats(variant.key)?.uplift ?? null)}
                </td>
                <td class="num" data-testid="probability-to-beat">
                  {stats(variant.key)?.probabilityToBeatControl == null
                    ? '—'
                    : percent(stats(variant.key)!.probabilityToBeatControl)}
                </td>
                <td>
                  <Show when={props.canChoose}>
                    <button
                      type="button"
                      class="button secondary small"
                      data-testid={`choose-${variant.key}`}
                      onClick={() => props.onChoose(variant.key)}
                    >
                      {t('campaigns.sendThisOne')}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.sampleSizeHint}>
        {(hint) => (
          <p class="muted" data-testid="sample-size-hint">
            {t('campaigns.sampleSizeHint', {
              leader: hint().leader,
              runnerUp: hint().runnerUp,
              n: hint().perVariant.toLocaleString(),
            })}
          </p>
        )}
      </Show>
      <Show
        when={props.campaign.decision}
        fallback={
          <p class="muted">
            {t('campaigns.abWaiting', { minutes: props.campaign.abTest?.windowMinutes ?? 0 })}
          </p>
        }
      >
        {(decision) => (
          <p data-testid="ab-decision">
            <strong>
              {decision().decidedBy === 'manual'
                ? t('campaigns.decidedManually')
                : t('campaigns.decidedAutomatically')}
            </strong>{' '}
            {abDecisionText(decision())
              .map((line) => t(line.key, line.params))
              .join(' ')}
          </p>
        )}
      </Show>
    </div>
  );
}
