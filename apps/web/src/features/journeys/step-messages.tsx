import { createSignal, For, Show } from 'solid-js';
import { locale, t } from '../../i18n/i18n.ts';
import { overviewRates, type OverviewCounts, type Rate } from '../reports/overview-rates.ts';
import { ClickMapView } from '../reports/click-map-view.tsx';

const SHOWN: { rate: Rate; count: keyof OverviewCounts }[] = [
  { rate: 'delivery', count: 'delivered' },
  { rate: 'open', count: 'humanOpens' },
  { rate: 'click', count: 'uniqueClicks' },
  { rate: 'reply', count: 'replied' },
  { rate: 'unsubscribe', count: 'unsubscribed' },
  { rate: 'bounce', count: 'bounced' },
];

/**
 * What a send step's messages did over the builder's period: sent, then each outcome as a count and a share of
 * sent (the Reports page's definitions), and for an email step its click map, opened in place.
 */
export function StepMessages(props: {
  journeyId: string;
  nodeId: string;
  messages: OverviewCounts & { channel: string };
  canSeeClickMap: boolean;
}) {
  const [showMap, setShowMap] = createSignal(false);
  const rates = () => overviewRates(props.messages);
  const percent = new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div class="stack" data-testid="step-messages">
      <h3>{t('journeys.stepMessages')}</h3>
      <dl class="journey-panel-counts">
        <dt>{t('reports.sent')}</dt>
        <dd data-testid="step-sent">{props.messages.sent.toLocaleString(locale())}</dd>
        <For each={SHOWN}>
          {(shown) => (
            <>
              <dt>{t(`reports.rate.${shown.rate}`)}</dt>
              <dd data-rate={shown.rate}>
                {props.messages[shown.count].toLocaleString(locale())}
                <Show when={rates()[shown.rate] !== null}>
                  {' '}
                  <span class="muted">({percent.format(rates()[shown.rate]!)})</span>
                </Show>
              </dd>
            </>
          )}
        </For>
      </dl>
      <Show when={props.canSeeClickMap && props.messages.channel === 'email' && props.messages.sent > 0}>
        <button
          type="button"
          class="button secondary"
          aria-expanded={showMap()}
          data-testid="step-click-map"
          onClick={() => setShowMap((shown) => !shown)}
        >
          {showMap() ? t('journeys.hideClickMap') : t('journeys.showClickMap')}
        </button>
        <Show when={showMap()}>
          <ClickMapView source={{ journeyId: props.journeyId, nodeId: props.nodeId }} />
        </Show>
      </Show>
    </div>
  );
}
