import { createResource, For } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

export default function AuditPage() {
  const [entries] = createResource(() => api.audit.list.query({ limit: 100 }));
  return (
    <table class="table" data-testid="audit-table">
      <thead>
        <tr>
          <th>{t('audit.when')}</th>
          <th>{t('audit.who')}</th>
          <th>{t('audit.action')}</th>
          <th>{t('audit.details')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={entries()}>
          {(e) => (
            <tr>
              <td>{formatDate(e.createdAt)}</td>
              <td>{e.actor}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td class="details">{JSON.stringify(e.details)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
