import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { channelLabel } from './conversation-list.tsx';

/**
 * The contact beside the conversation: who they are, what they agreed to, their score and stage, and their other
 * conversations; tags are added here, everything else is one click away on the full profile.
 */
export function ContactPanel(props: { contactId: string; onOpen(id: string): void }) {
  const [contact, { refetch }] = createResource(
    () => props.contactId,
    (id) => api.contacts.get.query({ id }),
  );
  const [consents] = createResource(
    () => props.contactId,
    (id) => api.contacts.consents.query({ id }),
  );
  const [others] = createResource(
    () => props.contactId,
    (contactId) => api.inbox.forContact.query({ contactId }),
  );
  const [tag, setTag] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  async function addTag(e: Event) {
    e.preventDefault();
    const current = contact();
    if (!current || !tag().trim()) return;
    try {
      await api.contacts.update.mutate({ id: current.id, tags: [...current.tags, tag().trim()] });
      setTag('');
      await refetch();
    } catch (err) {
      setError(problemText(toProblem(err)));
    }
  }
  return (
    <aside class="inbox-contact" aria-label={t('inbox.contact')} data-testid="contact-panel">
      <Show when={contact()}>
        {(c) => (
          <>
            <h3 dir="auto">
              {[c().firstName, c().lastName].filter(Boolean).join(' ') || c().email || c().phone}
            </h3>
            <dl class="facts">
              <Show when={c().email}>
                <dt>{t('inbox.channel.email')}</dt>
                <dd>{c().email}</dd>
              </Show>
              <Show when={c().phone}>
                <dt>{t('inbox.channel.sms')}</dt>
                <dd>{c().phone}</dd>
              </Show>
              <Show when={c().wechatId}>
                <dt>{t('inbox.channel.wechat')}</dt>
                <dd>{c().wechatId}</dd>
              </Show>
              <dt>{t('inbox.lifecycle')}</dt>
              <dd>{c().lifecycleStage}</dd>
              <dt>{t('inbox.leadScore')}</dt>
              <dd>{c().leadScore}</dd>
            </dl>
            <Show when={(consents()?.current ?? []).length > 0}>
              <h4>{t('inbox.consent')}</h4>
              <ul class="plain-list">
                <For each={consents()?.current}>
                  {(k) => (
                    <li>
                      {channelLabel(k.channel)}
                      {k.topic ? ` · ${k.topic}` : ''}:{' '}
                      <strong>{t(`inbox.consent.${k.status}` as MessageKey)}</strong>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h4>{t('inbox.tags')}</h4>
            <p>
              <For each={c().tags}>{(tagName) => <span class="chip">{tagName}</span>}</For>
            </p>
            <form class="inline-form" onSubmit={addTag}>
              <input
                value={tag()}
                placeholder={t('inbox.addTag')}
                aria-label={t('inbox.addTag')}
                onInput={(e) => setTag(e.currentTarget.value)}
              />
              <button type="submit" class="button secondary">
                +
              </button>
            </form>
            <Show when={error()}>
              <p class="inline-error">{error()}</p>
            </Show>
            <Show when={(others() ?? []).length > 1}>
              <h4>{t('inbox.otherConversations')}</h4>
              <ul class="plain-list">
                <For each={others()}>
                  {(o) => (
                    <li>
                      <button type="button" class="button link" onClick={() => props.onOpen(o.id)}>
                        {channelLabel(o.channel)} · {t(`inbox.status.${o.status}` as MessageKey)} ·{' '}
                        {formatDate(o.lastMessageAt)}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <p>
              <A href={`/contacts/${c().id}`}>{t('inbox.fullProfile')}</A>
            </p>
          </>
        )}
      </Show>
    </aside>
  );
}
