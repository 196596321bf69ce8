import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { displayName } from '../contacts/stage-label.ts';

/** A static list: no rules, just the contacts put on it (by import or bulk action). */
export function StaticListView(props: { id: string; name: string; memberCount: number }) {
  const [members] = createResource(
    () => props.id,
    (id) => api.segments.members.query({ id, limit: 100 }),
  );
  return (
    <div class="stack">
      <div class="page-header">
        <h1>{props.name}</h1>
        <a class="button secondary" href={`/exports/contacts.csv?segment=${props.id}`} download="">
          {t('common.exportCsv')}
        </a>
      </div>
      <p class="muted" data-testid="list-count">
        {t('segments.staticListCount', { count: props.memberCount.toLocaleString() })}
      </p>
      <table class="table">
        <thead>
          <tr>
            <th>{t('contacts.name')}</th>
            <th>{t('contacts.email')}</th>
            <th>{t('segments.added')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={members()}>
            {(m) => (
              <tr>
                <td>
                  <A href={`/contacts/${m.id}`}>{displayName(m)}</A>
                </td>
                <td>{m.email ?? '—'}</td>
                <td>{formatDate(m.enteredAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={members() && props.memberCount > (members()?.length ?? 0)}>
        <p class="muted">{t('segments.moreInExport')}</p>
      </Show>
    </div>
  );
}
