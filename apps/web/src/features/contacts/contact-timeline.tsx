import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

type Entry = Awaited<ReturnType<typeof api.contacts.timeline.query>>[number];

function summary(entry: Entry): string {
  const p = entry.properties;
  if (Array.isArray(p.items))
    return (p.items as { name?: string; quantity?: number }[])
      .map((i) => `${i.quantity ?? 1}× ${i.name ?? '?'}`)
      .join(', ');
  if (typeof p.path === 'string') return p.path;
  if (typeof p.name === 'string') return p.name;
  const keys = Object.keys(p);
  return keys.length ? JSON.stringify(p).slice(0, 140) : '';
}

/** Everything that happened to a contact, newest first; new events appear without a reload. */
export function ContactTimeline(props: { contactId: string }) {
  const [older, setOlder] = createSignal<Entry[]>([]);
  const [latest, { refetch }] = createResource(
    () => props.contactId,
    (id) => api.contacts.timeline.query({ id, limit: 50 }),
  );
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refetch();
  }, 5000);
  onCleanup(() => clearInterval(timer));

  const entries = () => [...(latest() ?? []), ...older()];
  async function loadOlder() {
    const last = entries().at(-1);
    if (!last) return;
    const page = await api.contacts.timeline.query({
      id: props.contactId,
      before: last.occurredAt,
      limit: 50,
    });
    setOlder((rows) => [...rows, ...page]);
  }

  return (
    <Show when={entries().length > 0} fallback={<p class="muted">{t('contacts.noEvents')}</p>}>
      <ol class="timeline" data-testid="contact-timeline">
        <For each={entries()}>
          {(e) => (
            <li>
              <span class="event-name">{e.name}</span>
              <span class="muted">{formatDate(e.occurredAt)}</span>
              <Show when={e.revenue !== null}>
                <span class="revenue">
                  {e.revenue?.toLocaleString(undefined, { style: 'currency', currency: e.currency ?? 'EUR' })}
                </span>
              </Show>
              <div class="event-detail">{summary(e)}</div>
            </li>
          )}
        </For>
      </ol>
      <Show when={(latest() ?? []).length === 50}>
        <button type="button" class="button secondary" onClick={() => void loadOlder()}>
          {t('contacts.olderEvents')}
        </button>
      </Show>
    </Show>
  );
}
