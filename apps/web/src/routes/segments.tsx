import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../i18n/i18n.ts';
import { api } from '../lib/trpc.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

export default function SegmentsPage() {
  const [segments] = createResource(() => api.segments.list.query());
  usePageTitle(() => t('segments.title'));
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('segments.title')}</h1>
        <Show when={may('segments.write')}>
          <A class="button" href="/segments/new">
            {t('segments.new')}
          </A>
        </Show>
      </div>
      <Show when={(segments() ?? []).length > 0} fallback={<p class="muted">{t('segments.none')}</p>}>
        <table class="table" data-testid="segments-table">
          <thead>
            <tr>
              <th>{t('segments.name')}</th>
              <th>{t('segments.kind')}</th>
              <th>{t('segments.members')}</th>
              <th>{t('segments.updated')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={segments()}>
              {(s) => (
                <tr>
                  <td>
                    <A href={`/segments/${s.id}`}>{s.name}</A>
                  </td>
                  <td>{s.kind === 'static' ? t('segments.staticList') : t('segments.dynamic')}</td>
                  <td>{s.memberCount.toLocaleString()}</td>
                  <td>{formatDate(s.updatedAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
