import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { channelLabel } from './conversation-list.tsx';
import { displayName } from '../contacts/stage-label.ts';
import { ConsentSwitches, ContactActions, ContactHistory } from './contact-panel-sections.tsx';

/**
 * The contact beside the conversation (the 360° view an agent needs): who they are, what they agreed to (with a
 * switch), their score and stage, tags, the campaigns and journeys that wrote to them, their journeys and deals, their
 * other conversations, and actions: enrol in a journey, hand off to sales.
 */
export function ContactPanel(props: { contactId: string; conversationId: string; onOpen(id: string): void }) {
  const [contact, { refetch }] = createResource(
    () => props.contactId,
    (id) => api.contacts.get.query({ id }),
  );
  const [others] = createResource(
    () => props.contactId,
    (contactId) => api.inbox.forContact.query({ contactId }),
  );
  // A resource keeps its last value while the next loads: until the contact loaded is the one asked for, the panel
  // shows nothing rather than the previous conversation's contact (whose consent switch an agent could flip).
  const shown = () => {
    const loaded = contact();
    return loaded && loaded.id === props.contactId ? loaded : undefined;
  };
  const [tag, setTag] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  async function addTag(e: Event) {
    e.preventDefault();
    const current = shown();
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
    <aside
      class="inbox-contact"
      aria-label={t('inbox.contact')}
      aria-busy={shown() ? 'false' : 'true'}
      data-testid="contact-panel"
    >
      <Show when={shown()}>
        {(c) => (
          <>
            <h3 dir="auto">{displayName(c())}</h3>
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
            <ConsentSwitches
              contactId={c().id}
              channels={[
                ...(c().email ? (['email'] as const) : []),
                ...(c().phone ? (['sms'] as const) : []),
                ...(c().wechatId ? (['wechat'] as const) : []),
              ]}
            />
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
            <ContactActions conversationId={props.conversationId} />
            <ContactHistory contactId={c().id} />
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
