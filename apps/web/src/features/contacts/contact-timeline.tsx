import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { A } from '@solidjs/router';
import { api } from '../../lib/trpc.ts';
import { stageLabel } from './stage-label.ts';
import { describeEvent } from './timeline-sentence.ts';

type Entry = Awaited<ReturnType<typeof api.contacts.timeline.query>>[number];

/** The sentence's values in the reader's language: channel and lifecycle names are words, not keys. */
function localParams(params: Record<string, string | number>) {
  const local = { ...params };
  if (typeof params.channel === 'string') local.channel = t(`messages.channel.${params.channel as 'email'}`);
  for (const stage of ['from', 'to'] as const)
    if (typeof params[stage] === 'string') local[stage] = stageLabel(params[stage]);
  if (typeof params.points === 'number')
    local.points = params.points > 0 ? `+${params.points}` : params.points;
  return local;
}

function TimelineLine(props: { entry: Entry; contactId: string }) {
  const sentence = () => describeEvent(props.entry);
  return (
    <>
      <span class="event-name" data-event={props.entry.name}>
        {t(sentence().key, localParams(sentence().params))}
      </span>
      <Show when={props.entry.origin}>
        {(origin) => (
          <span class="event-origin">
            {t(origin().kind === 'campaign' ? 'timeline.campaign' : 'timeline.journey')}:{' '}
            <A href={`/${origin().kind === 'campaign' ? 'campaigns' : 'journeys'}/${origin().id}`}>
              {origin().name}
            </A>
          </span>
        )}
      </Show>
      <Show when={sentence().messageId}>
        {(id) => (
          <>
            {' '}
            <A
              class="event-message"
              href={`/contacts/${props.contactId}?message=${id()}`}
              data-testid="timeline-message-link"
            >
              {t('timeline.viewMessage')}
            </A>
          </>
        )}
      </Show>
      <Show when={sentence().detail}>
        <div class="event-detail" dir="auto">
          {sentence().detail}
        </div>
      </Show>
      <Show when={sentence().facts.length > 0}>
        <dl class="event-facts">
          <For each={sentence().facts}>
            {([key, value]) => (
              <>
                <dt>{key}</dt>
                <dd dir="auto">{value}</dd>
              </>
            )}
          </For>
        </dl>
      </Show>
    </>
  );
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
              <TimelineLine entry={e} contactId={props.contactId} />
              <span class="muted">{formatDate(e.occurredAt)}</span>
              <Show when={e.revenue !== null}>
                <span class="revenue">
                  {e.revenue?.toLocaleString(undefined, { style: 'currency', currency: e.currency ?? 'EUR' })}
                </span>
              </Show>
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
