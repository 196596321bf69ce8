import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { channelLabel } from './conversation-list.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

type Channel = 'email' | 'sms' | 'wechat';
type ConsentStatus = 'opted_in' | 'opted_out' | 'pending';

/**
 * What the contact agreed to per channel they have, with a switch the agent flips when the contact asks (recorded
 * with who did it, as any change made in the app).
 */
export function ConsentSwitches(props: { contactId: string; channels: Channel[] }) {
  const [consents, { mutate }] = createResource(
    () => props.contactId,
    async (id) => ({ contactId: id, ...(await api.contacts.consents.query({ id })) }),
  );
  // Until the consent shown is this contact's (the panel may still hold the previous one's before the new load
  // starts), nothing can be flipped: a switch must never act on what another contact agreed to.
  const current = () => {
    const loaded = consents();
    return loaded && loaded.contactId === props.contactId ? loaded : undefined;
  };
  const ready = () => !consents.loading && current() !== undefined;
  const [error, setError] = createSignal<string | null>(null);
  const statusOf = (channel: Channel): ConsentStatus | null =>
    (current()?.current.find((k) => k.channel === channel && !k.topic)?.status ??
      null) as ConsentStatus | null;
  async function flip(channel: Channel) {
    setError(null);
    try {
      const contactId = props.contactId;
      const changed = await api.contacts.setConsent.mutate({
        id: contactId,
        channel,
        status: statusOf(channel) === 'opted_in' ? 'opted_out' : 'opted_in',
        note: 'changed from the inbox at the contact’s request',
      });
      mutate({ contactId, ...changed });
    } catch (e) {
      setError(problemText(toProblem(e)));
    }
  }
  return (
    <>
      <h4>{t('inbox.consent')}</h4>
      <ul
        class="plain-list consent-switches"
        data-testid="consent-switches"
        aria-busy={ready() ? 'false' : 'true'}
      >
        <For each={props.channels}>
          {(channel) => (
            <li data-channel={channel}>
              {channelLabel(channel)}:{' '}
              <strong>{t(`inbox.consent.${statusOf(channel) ?? 'none'}` as MessageKey)}</strong>{' '}
              <button
                type="button"
                class="button link"
                disabled={!ready()}
                onClick={() => void flip(channel)}
              >
                {statusOf(channel) === 'opted_in' ? t('inbox.consentOptOut') : t('inbox.consentOptIn')}
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={error()}>
        <p class="inline-error">{error()}</p>
      </Show>
    </>
  );
}

/** The campaigns and journeys that last wrote to the contact, what they did with them, and their deals. */
export function ContactHistory(props: { contactId: string }) {
  const [sends] = createResource(
    () => props.contactId,
    (contactId) => api.inbox.recentSends.query({ contactId }),
  );
  const [journeys] = createResource(
    () => props.contactId,
    (contactId) => api.journeys.ofContact.query({ contactId }),
  );
  const [deals] = createResource(
    () => props.contactId,
    (contactId) => api.crm.deals.query({ contactId }),
  );
  return (
    <>
      <Show when={(sends() ?? []).length > 0}>
        <h4>{t('inbox.recentSends')}</h4>
        <ul class="plain-list" data-testid="recent-sends">
          <For each={sends()}>
            {(s) => (
              <li>
                <A href={s.kind === 'campaign' ? `/campaigns/${s.id}` : `/journeys/${s.id}`}>{s.name}</A>{' '}
                <span class="muted">
                  · {channelLabel(s.channel)} · {formatDate(s.at)}
                  {s.clicked ? ` · ${t('inbox.clicked')}` : s.opened ? ` · ${t('inbox.opened')}` : ''}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={(journeys() ?? []).length > 0}>
        <h4>{t('inbox.journeys')}</h4>
        <ul class="plain-list" data-testid="contact-journeys">
          <For each={(journeys() ?? []).slice(0, 5)}>
            {(j) => (
              <li>
                <A href={`/journeys/${j.journeyId}`}>{j.journeyName}</A>{' '}
                <span class="muted">
                  · {j.currentStep ? j.currentStep.label : t(`inbox.instance.${j.status}` as MessageKey)}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={(deals() ?? []).length > 0}>
        <h4>{t('crm.deals')}</h4>
        <ul class="plain-list" data-testid="contact-deals">
          <For each={deals()}>
            {(d) => (
              <li>
                {d.name}{' '}
                <span class="muted">
                  · {t(`crm.stage.${d.stage}` as MessageKey)} ·{' '}
                  {new Intl.NumberFormat(undefined, { style: 'currency', currency: d.currency }).format(
                    Number(d.amount),
                  )}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}

/** Enrol the contact in a live journey, or hand them to sales; the result shows here and in the history. */
export function ContactActions(props: { conversationId: string }) {
  const [journeys] = createResource(() => api.journeys.list.query());
  const live = () => (journeys() ?? []).filter((j) => j.status === 'live');
  const [journeyId, setJourneyId] = createSignal('');
  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  async function act(action: () => Promise<string>) {
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (e) {
      setError(problemText(toProblem(e)));
    }
  }
  const enrol = () =>
    act(async () => {
      const result = await api.inbox.enrol.mutate({
        conversationId: props.conversationId,
        journeyId: journeyId(),
      });
      return result.enrolled
        ? t('inbox.enrolled', { journey: result.journey })
        : t('inbox.notEnrolled', { journey: result.journey });
    });
  const handOff = () =>
    act(async () => {
      const result = await api.inbox.handOff.mutate({ conversationId: props.conversationId });
      return result.result === 'no_rule'
        ? t('inbox.handOff.noRule')
        : t(`inbox.handOff.${result.result === 'assigned' ? 'assigned' : 'notified'}`, {
            name: result.owner ?? '',
          });
    });
  return (
    <div class="stack contact-actions" data-testid="contact-actions">
      <h4>{t('inbox.actions')}</h4>
      <Show when={live().length > 0}>
        <div class="inline-form">
          <select
            aria-label={t('inbox.enrolIn')}
            data-testid="enrol-journey"
            value={journeyId()}
            onChange={(e) => setJourneyId(e.currentTarget.value)}
          >
            <option value="">{t('inbox.enrolIn')}</option>
            <NamedOptions items={live()} />
          </select>
          <button type="button" class="button secondary" disabled={!journeyId()} onClick={() => void enrol()}>
            {t('inbox.enrol')}
          </button>
        </div>
      </Show>
      <button type="button" class="button secondary" data-testid="hand-off" onClick={() => void handOff()}>
        {t('inbox.handOffToSales')}
      </button>
      <Show when={message()}>
        <p class="muted" role="status" data-testid="contact-action-result">
          {message()}
        </p>
      </Show>
      <Show when={error()}>
        <p class="inline-error">{error()}</p>
      </Show>
    </div>
  );
}
