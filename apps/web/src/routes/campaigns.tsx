import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../i18n/i18n.ts';
import { api } from '../lib/trpc.ts';
import { percent } from '../features/campaigns/format.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

/** Every campaign with its status, schedule and key rates. */
export default function CampaignsPage() {
  const [campaigns] = createResource(() => api.campaigns.list.query());
  const canSend = () => may('campaigns.send');
  usePageTitle(() => t('campaigns.title'));
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('campaigns.title')}</h1>
        <Show when={canSend()}>
          <A class="button" href="/campaigns/new" data-testid="new-campaign">
            {t('campaigns.new')}
          </A>
        </Show>
      </div>
      <Show when={(campaigns() ?? []).length > 0} fallback={<p class="muted">{t('campaigns.none')}</p>}>
        <table class="table" data-testid="campaigns-table">
          <thead>
            <tr>
              <th>{t('campaigns.name')}</th>
              <th>{t('campaigns.status')}</th>
              <th>{t('campaigns.when')}</th>
              <th>{t('campaigns.sent')}</th>
              <th>{t('campaigns.openRate')}</th>
              <th>{t('campaigns.clickRate')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={campaigns()}>
              {(c) => (
                <tr>
                  <td>
                    <A href={`/campaigns/${c.id}`}>{c.name}</A>
                    <Show when={c.abTest}>
                      <span class="badge">A/B</span>
                    </Show>
                  </td>
                  <td>
                    <span class={`badge status-${c.status}`}>{t(`campaigns.status.${c.status}`)}</span>
                  </td>
                  <td>{formatDate(c.startedAt ?? c.scheduledAt ?? c.createdAt)}</td>
                  <td>{c.sent.toLocaleString()}</td>
                  <td>{percent(c.openRate)}</td>
                  <td>{percent(c.clickRate)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
