import { createSignal, Show } from 'solid-js';
import { t } from '../i18n/i18n.ts';
import { session } from '../features/auth/session.ts';
import { AttributionView } from '../features/reports/attribution-view.tsx';
import { ConversionDefinitions } from '../features/reports/conversion-definitions.tsx';

/** /reports: attribution across channels, campaigns and journeys, and what counts as a conversion. */
export default function ReportsPage() {
  const canEdit = () => ['owner', 'admin', 'marketer'].includes(session()?.role ?? '');
  // Re-mounts the report when the definitions change, so its conversion list follows.
  const [generation, setGeneration] = createSignal(0);
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('reports.title')}</h1>
      </div>
      <h2>{t('reports.attribution')}</h2>
      <Show when={generation() + 1} keyed>
        <AttributionView />
      </Show>
      <ConversionDefinitions canEdit={canEdit()} onChange={() => setGeneration(generation() + 1)} />
    </section>
  );
}
