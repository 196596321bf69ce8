import { createSignal, Show } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { t } from '../i18n/i18n.ts';
import { Tabs } from '../ui/tabs.tsx';
import { AttributionView } from '../features/reports/attribution-view.tsx';
import { OverviewView } from '../features/reports/overview-view.tsx';
import { ConversionDefinitions } from '../features/reports/conversion-definitions.tsx';
import { InboxReportView } from '../features/reports/inbox-report-view.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

type ReportTab = 'channels' | 'attribution' | 'inbox';

/** /reports: the channels' numbers, attribution with ROI, and what counts as a conversion; the tab is in the URL. */
export default function ReportsPage() {
  const [params, setParams] = useSearchParams<{ tab?: string }>();
  // Agents read the inbox's report only; the marketing reports are for marketing and analysts.
  const marketing = () => may('reports.read');
  const tab = (): ReportTab =>
    params.tab === 'inbox' || !marketing()
      ? 'inbox'
      : params.tab === 'attribution'
        ? 'attribution'
        : 'channels';
  const canEdit = () => may('reports.configure');
  // Re-mounts the attribution report when the definitions change, so its conversion list follows.
  const [generation, setGeneration] = createSignal(0);
  usePageTitle(() => t('reports.title'));
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('reports.title')}</h1>
      </div>
      <Tabs<ReportTab>
        tabs={[
          ...(marketing()
            ? [
                { id: 'channels' as const, label: t('reports.overview') },
                { id: 'attribution' as const, label: t('reports.attribution') },
              ]
            : []),
          { id: 'inbox', label: t('reports.inbox') },
        ]}
        active={tab()}
        onSelect={(id) => setParams({ tab: id })}
      />
      <Show when={tab() === 'inbox'}>
        <InboxReportView />
      </Show>
      <Show when={tab() === 'channels'}>
        <OverviewView />
      </Show>
      <Show when={tab() === 'attribution'}>
        <Show when={generation() + 1} keyed>
          <AttributionView />
        </Show>
        <ConversionDefinitions canEdit={canEdit()} onChange={() => setGeneration(generation() + 1)} />
      </Show>
    </section>
  );
}
