import { createResource, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { t } from '../i18n/i18n.ts';
import { api } from '../lib/trpc.ts';
import { CampaignEditor } from '../features/campaigns/campaign-editor.tsx';
import { CampaignReportView } from '../features/campaigns/campaign-report-view.tsx';
import { fromCampaign } from '../features/campaigns/campaign-form-model.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { Notice } from '../ui/notice.tsx';
import { may } from '../features/auth/permissions.ts';

/** /campaigns/new and /campaigns/:id: the editor while it is a draft, the live report once it is sent. */
export default function CampaignPage() {
  const params = useParams<{ id: string }>();
  const isNew = () => params.id === 'new';
  const [campaign] = createResource(
    () => (isNew() ? undefined : params.id),
    (id) => api.campaigns.get.query({ id }),
  );
  usePageTitle(() => (isNew() ? t('campaigns.new') : campaign()?.name));
  return (
    <section class="page">
      <div class="page-header">
        <div class="row">
          <A href="/campaigns">{t('campaigns.title')}</A>
          <h1>{isNew() ? t('campaigns.new') : (campaign()?.name ?? '')}</h1>
        </div>
      </div>
      <Show when={isNew()}>
        <Show
          when={may('campaigns.send')}
          fallback={<Notice kind="info">{t('campaigns.newSendersOnly')}</Notice>}
        >
          <CampaignEditor id={null} initial={null} />
        </Show>
      </Show>
      <Show when={!isNew() && campaign()}>
        {(c) => (
          <Show when={c().status === 'draft'} fallback={<CampaignReportView id={c().id} />}>
            <CampaignEditor id={c().id} initial={fromCampaign(c())} />
          </Show>
        )}
      </Show>
    </section>
  );
}
