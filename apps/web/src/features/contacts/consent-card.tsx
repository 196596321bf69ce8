import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem, problemText } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';

type Status = 'opted_in' | 'opted_out' | 'pending';
type Channel = 'email' | 'sms' | 'wechat';

const channelName = (channel: string) => t(`messages.channel.${channel as 'email'}`);

/** Current consent per channel and topic, the history with its proof, and (for editors) a way to record a change. */
export function ConsentCard(props: { contactId: string; canEdit: boolean }) {
  const [consents, { mutate }] = createResource(
    () => props.contactId,
    (id) => api.contacts.consents.query({ id }),
  );
  const [channel, setChannel] = createSignal<Channel>('email');
  const [topic, setTopic] = createSignal('');
  const [status, setStatus] = createSignal<Status>('opted_in');
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const label = (s: string) =>
    s === 'opted_in' || s === 'opted_out' || s === 'pending' ? t(`consent.${s}`) : s;

  async function record(event: SubmitEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      mutate(
        await api.contacts.setConsent.mutate({
          id: props.contactId,
          channel: channel(),
          topic: topic(),
          status: status(),
        }),
      );
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  async function sendDoubleOptIn() {
    setProblem(null);
    try {
      mutate(await api.contacts.requestDoubleOptIn.mutate({ id: props.contactId, topic: topic() }));
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  return (
    <div class="card" data-testid="consent-card">
      <h2>{t('consent.title')}</h2>
      <Show when={(consents()?.current ?? []).length > 0} fallback={<p class="muted">{t('consent.none')}</p>}>
        <table class="table">
          <tbody>
            <For each={consents()?.current}>
              {(c) => (
                <tr>
                  <th>
                    {channelName(c.channel)}
                    <Show when={c.topic}>
                      {' · '}
                      <span translate="no">{c.topic}</span>
                    </Show>
                  </th>
                  <td class={`consent-${c.status}`}>{label(c.status)}</td>
                  <td class="muted">{formatDate(c.updatedAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <details>
          <summary>{t('consent.history')}</summary>
          <ul class="consent-history">
            <For each={consents()?.history}>
              {(h) => (
                <li>
                  {formatDate(h.occurredAt)} · {channelName(h.channel)}
                  <Show when={h.topic}>
                    /<span translate="no">{h.topic}</span>
                  </Show>{' '}
                  → {label(h.status)}{' '}
                  <span class="muted">
                    ({t(`consent.source.${h.source as 'api'}`)}
                    {typeof h.proof.ip === 'string' ? `, ${h.proof.ip}` : ''})
                  </span>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
      <Show when={props.canEdit}>
        <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
        <form class="row" onSubmit={(e) => void record(e)}>
          <select
            name="consent-channel"
            aria-label={t('consent.channel')}
            value={channel()}
            onChange={(e) => setChannel(e.currentTarget.value as Channel)}
          >
            <option value="email">{channelName('email')}</option>
            <option value="sms">{channelName('sms')}</option>
            <option value="wechat">{channelName('wechat')}</option>
          </select>
          <input
            name="consent-topic"
            placeholder={t('consent.topic')}
            value={topic()}
            onInput={(e) => setTopic(e.currentTarget.value.trim())}
          />
          <select
            name="consent-status"
            aria-label={t('consent.status')}
            value={status()}
            onChange={(e) => setStatus(e.currentTarget.value as Status)}
          >
            <option value="opted_in">{t('consent.opted_in')}</option>
            <option value="opted_out">{t('consent.opted_out')}</option>
            <option value="pending">{t('consent.pending')}</option>
          </select>
          <button class="button secondary" type="submit">
            {t('consent.set')}
          </button>
          <button
            class="button link"
            type="button"
            title={t('consent.doubleOptInHint')}
            onClick={() => void sendDoubleOptIn()}
          >
            {t('consent.sendDoubleOptIn')}
          </button>
        </form>
      </Show>
    </div>
  );
}
