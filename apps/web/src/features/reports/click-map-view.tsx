import { createResource, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

/**
 * The email as sent with each link's human clicks and share drawn on it. The HTML is the workspace's own template;
 * it is shown in a sandboxed frame (no scripts, no same-origin) all the same.
 */
export function ClickMapView(props: {
  source: { campaignId: string } | { journeyId: string; nodeId: string };
}) {
  const [map] = createResource(
    () => props.source,
    (source) => api.analytics.clickMap.query(source),
  );
  return (
    <Show when={map()}>
      {(m) => (
        <div class="card stack" data-testid="click-map">
          <h2>{t('reports.clickMap')}</h2>
          <p class="muted">{t('reports.clickMapIntro', { clicks: m().totalClicks.toLocaleString() })}</p>
          <iframe
            class="email-frame click-map-frame"
            title={t('reports.clickMap')}
            sandbox=""
            srcdoc={m().html}
            data-testid="click-map-frame"
          />
        </div>
      )}
    </Show>
  );
}
