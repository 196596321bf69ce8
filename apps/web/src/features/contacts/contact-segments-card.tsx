import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

/** Which segments and static lists the contact is in, and since when. */
export function ContactSegmentsCard(props: { contactId: string }) {
  const [segments] = createResource(
    () => props.contactId,
    (id) => api.contacts.segments.query({ id }),
  );
  return (
    <div class="card" data-testid="contact-segments">
      <h2>{t('contacts.segments')}</h2>
      <Show when={(segments() ?? []).length > 0} fallback={<p class="muted">{t('contacts.noSegments')}</p>}>
        <ul class="plain-list">
          <For each={segments()}>
            {(s) => (
              <li>
                <A href={`/segments/${s.id}`}>{s.name}</A>{' '}
                <span class="muted">
                  {s.kind === 'static' ? t('segments.staticList') : t('segments.dynamic')} ·{' '}
                  {t('contacts.since', { date: formatDate(s.enteredAt) })}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
