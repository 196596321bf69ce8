import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { Notice } from '../../ui/notice.tsx';
import { smsLength } from './sms-length.ts';
import { may } from '../auth/permissions.ts';

type Channel = 'email' | 'sms' | 'wechat';
const IN_FLIGHT = new Set(['queued', 'sending', 'deferred']);
const BAD = new Set(['suppressed', 'failed', 'bounced', 'complained', 'unsubscribed']);
const GOOD = new Set(['opened', 'clicked', 'replied']);

export const statusClass = (status: string | null) =>
  status && BAD.has(status) ? 'badge danger' : status && GOOD.has(status) ? 'badge success' : 'badge';

const RULE_TEXT: Record<string, MessageKey> = {
  consent_channel: 'messages.rule.consent_channel',
  consent_topic: 'messages.rule.consent_topic',
  consent_missing: 'messages.rule.consent_missing',
  frequency_cap: 'messages.rule.frequency_cap',
  quiet_hours: 'messages.rule.quiet_hours',
  warmup: 'messages.rule.warmup',
  suppressed_bounce: 'messages.rule.suppressed_bounce',
  suppressed_complaint: 'messages.rule.suppressed_complaint',
  suppressed_unsubscribe: 'messages.rule.suppressed_unsubscribe',
  suppressed_erasure: 'messages.rule.suppressed_erasure',
  do_not_contact: 'messages.rule.do_not_contact',
  no_address: 'messages.rule.no_address',
};
export const CHANNEL_TEXT: Record<Channel, MessageKey> = {
  email: 'messages.channel.email',
  sms: 'messages.channel.sms',
  wechat: 'messages.channel.wechat',
};

/** Why the gate held a message back, in words; a rule without words shows as it is. */
export const gateReason = (rule: string) => (RULE_TEXT[rule] ? t(RULE_TEXT[rule]) : rule);

const STATUSES = new Set([...IN_FLIGHT, ...BAD, ...GOOD, 'sent', 'delivered']);
/** Statuses and event kinds share one vocabulary; one the web app does not know yet shows as the server sent it. */
export const statusLabel = (status: string) =>
  STATUSES.has(status) ? t(`messages.status.${status}` as MessageKey) : status;

export function MessageEvents(props: { id: string }) {
  const [detail] = createResource(
    () => props.id,
    (id) => api.messages.get.query({ id }),
  );
  return (
    <Show when={detail()}>
      {(m) => (
        <ul class="plain-list message-events">
          <For each={m().events}>
            {(e) => (
              <li>
                <span class="badge">{statusLabel(e.kind)}</span> {formatDate(e.at)}
                <Show when={e.machine}>
                  {' '}
                  <small class="muted">{t('messages.machine')}</small>
                </Show>
                <Show when={e.url}>
                  {' '}
                  <small>{e.url}</small>
                </Show>
              </li>
            )}
          </For>
        </ul>
      )}
    </Show>
  );
}

/** Messages to and from the contact, and sending one by hand through the same gate as campaigns. */
export function MessagesCard(props: {
  contactId: string;
  addresses: { email: string | null; phone: string | null; wechatId: string | null };
}) {
  const [messages, { refetch }] = createResource(
    () => props.contactId,
    (contactId) => api.messages.forContact.query({ contactId }),
  );
  const channels = (): Channel[] =>
    (
      [
        ['email', props.addresses.email],
        ['sms', props.addresses.phone],
        ['wechat', props.addresses.wechatId],
      ] as const
    )
      .filter(([, address]) => address)
      .map(([channel]) => channel);
  const maySend = () => may('messages.send');
  const mayMarket = () => may('messages.sendMarketing');
  const [channel, setChannel] = createSignal<Channel>('email');
  const [purpose, setPurpose] = createSignal<'transactional' | 'marketing'>('transactional');
  const [subject, setSubject] = createSignal('');
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [sentNotice, setSentNotice] = createSignal(false);
  const [expanded, setExpanded] = createSignal<string | null>(null);

  createEffect(() => {
    const available = channels();
    if (available.length && !available.includes(channel())) setChannel(available[0]!);
  });
  // While anything is on its way, look again every two seconds (`latest` keeps the list on screen while refetching).
  createEffect(() => {
    if (!(messages.latest ?? []).some((m) => m.status && IN_FLIGHT.has(m.status))) return;
    const timer = setInterval(() => void refetch(), 2000);
    onCleanup(() => clearInterval(timer));
  });

  async function send(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    setSentNotice(false);
    try {
      await api.messages.send.mutate({
        contactId: props.contactId,
        channel: channel(),
        purpose: purpose(),
        text: text(),
        ...(channel() === 'email' ? { subject: subject() } : {}),
      });
      setText('');
      setSubject('');
      setSentNotice(true);
      await refetch();
    } catch (err) {
      setError(problemText(toProblem(err)));
    }
  }

  const length = () => smsLength(text());

  return (
    <div class="card" data-testid="messages-card">
      <h2>{t('messages.title')}</h2>
      <Show when={maySend() && channels().length === 0}>
        <p class="muted">{t('messages.noAddress')}</p>
      </Show>
      <Show when={maySend() && channels().length > 0}>
        <form class="stack" data-testid="send-message-form" onSubmit={(e) => void send(e)}>
          <div class="row">
            <select
              data-testid="message-channel"
              aria-label={t('messages.channel')}
              value={channel()}
              onChange={(e) => setChannel(e.currentTarget.value as Channel)}
            >
              <For each={channels()}>{(c) => <option value={c}>{t(CHANNEL_TEXT[c])}</option>}</For>
            </select>
            <select
              data-testid="message-purpose"
              aria-label={t('messages.purpose')}
              value={purpose()}
              onChange={(e) => setPurpose(e.currentTarget.value as 'transactional' | 'marketing')}
            >
              <option value="transactional">{t('messages.transactional')}</option>
              <Show when={mayMarket()}>
                <option value="marketing">{t('messages.marketing')}</option>
              </Show>
            </select>
          </div>
          <Show when={channel() === 'email'}>
            <input
              data-testid="message-subject"
              placeholder={t('messages.subject')}
              aria-label={t('messages.subject')}
              required
              value={subject()}
              onInput={(e) => setSubject(e.currentTarget.value)}
            />
          </Show>
          <textarea
            data-testid="message-text"
            rows="4"
            required
            aria-label={t('messages.text')}
            placeholder={t('messages.text')}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <small class="muted" data-testid="message-length">
            {channel() === 'sms'
              ? t('messages.smsLength', {
                  chars: length().units,
                  segments: length().segments,
                  encoding: length().encoding,
                })
              : t('messages.chars', { chars: text().length })}
          </small>
          <button class="button" type="submit" data-testid="message-send">
            {t('messages.send')}
          </button>
        </form>
      </Show>
      <InlineError message={error()} />
      <Show when={sentNotice()}>
        <Notice kind="success">{t('messages.queued')}</Notice>
      </Show>
      <ul class="plain-list messages">
        <For each={messages.latest} fallback={<li class="muted">{t('messages.none')}</li>}>
          {(m) => (
            <li data-testid="message-row" data-status={m.status ?? 'received'} data-direction={m.direction}>
              <button
                type="button"
                class="button link message-summary"
                onClick={() => setExpanded((id) => (id === m.id ? null : m.id))}
              >
                <span
                  role="img"
                  aria-label={t(`messages.direction.${m.direction}`)}
                  title={t(`messages.direction.${m.direction}`)}
                >
                  {m.direction === 'inbound' ? '←' : '→'}
                </span>{' '}
                <strong>{t(CHANNEL_TEXT[m.channel])}</strong> {m.subject ?? m.preview}
              </button>{' '}
              <Show
                when={m.direction === 'outbound'}
                fallback={
                  <span class="badge">
                    {m.keyword ? t(`inbox.keyword.${m.keyword}` as MessageKey) : t('messages.received')}
                  </span>
                }
              >
                <span class={statusClass(m.status)}>{m.status ? statusLabel(m.status) : ''}</span>
              </Show>{' '}
              <small class="muted">{formatDate(m.at)}</small>
              <Show when={m.gateRule}>
                {(rule) => (
                  <div>
                    <small class="muted">{gateReason(rule())}</small>
                  </div>
                )}
              </Show>
              <Show when={m.error && m.status !== 'suppressed'}>
                <div>
                  <small class="muted">{m.error}</small>
                </div>
              </Show>
              <Show when={expanded() === m.id && m.direction === 'outbound'}>
                <MessageEvents id={m.id} />
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
