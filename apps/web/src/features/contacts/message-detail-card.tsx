import { createEffect, createResource, createSignal, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { CHANNEL_TEXT, gateReason, MessageEvents, statusClass, statusLabel } from './messages-card.tsx';

type Message = Awaited<ReturnType<typeof api.messages.get.query>>;

/** Where a message came from, linked when it is a campaign or journey. */
function MessageSource(props: { source: Message['source']; name: string | null }) {
  return (
    <Show
      when={props.source.id && (props.source.kind === 'campaign' || props.source.kind === 'journey')}
      fallback={t(`messages.source.${props.source.kind as 'api'}`)}
    >
      {t(props.source.kind === 'campaign' ? 'timeline.campaign' : 'timeline.journey')}:{' '}
      <A href={`/${props.source.kind === 'campaign' ? 'campaigns' : 'journeys'}/${props.source.id}`}>
        {props.name ?? t('messages.openSource')}
      </A>
    </Show>
  );
}

/**
 * One message we sent the contact, opened from a timeline line (`?message=<id>` on the contact's page, so it is a
 * link to share): to whom, from what, its status and every event that happened to it.
 */
export function MessageDetailCard(props: { contactId: string }) {
  const [params, setParams] = useSearchParams<{ message?: string }>();
  const [message] = createResource(
    () => params.message,
    (id) => api.messages.get.query({ id }),
  );
  const [card, setCard] = createSignal<HTMLDivElement>();
  createEffect(() => {
    if (message.state === 'ready') card()?.scrollIntoView({ block: 'nearest' });
  });
  return (
    <Show when={params.message}>
      <div class="card stack" data-testid="message-detail" ref={setCard}>
        <div class="row">
          <h2 class="grow">{t('messages.detail')}</h2>
          <button type="button" class="button link" onClick={() => setParams({ message: undefined })}>
            {t('messages.closeDetail')}
          </button>
        </div>
        <Show when={message.state === 'errored'}>
          <Notice kind="error">{problemText(toProblem(message.error as unknown))}</Notice>
        </Show>
        <Show when={message.state !== 'errored' && message()}>
          {(m) => (
            <Show
              when={m().contactId === props.contactId}
              fallback={<Notice kind="info">{t('messages.otherContact')}</Notice>}
            >
              <p>
                <strong>{t(CHANNEL_TEXT[m().channel])}</strong>{' '}
                <span dir="auto" data-testid="message-detail-subject">
                  {m().subject ?? ''}
                </span>{' '}
                <span class={statusClass(m().status)} data-testid="message-detail-status">
                  {statusLabel(m().status)}
                </span>
              </p>
              <dl class="facts">
                <dt>{t('messages.to')}</dt>
                <dd dir="auto">{m().to ?? '—'}</dd>
                <dt>{t('messages.from')}</dt>
                <dd data-testid="message-detail-source">
                  <MessageSource source={m().source} name={m().sourceName} />
                </dd>
                <dt>{t('messages.createdAt')}</dt>
                <dd>{formatDate(m().createdAt)}</dd>
                <Show when={m().sentAt}>
                  <dt>{t('messages.sentAt')}</dt>
                  <dd>{formatDate(m().sentAt)}</dd>
                </Show>
                <Show when={m().deliveredAt}>
                  <dt>{t('messages.deliveredAt')}</dt>
                  <dd>{formatDate(m().deliveredAt)}</dd>
                </Show>
                <Show when={(m().gate as { rule?: string } | null)?.rule}>
                  {(rule) => (
                    <>
                      <dt>{t('messages.gate')}</dt>
                      <dd>{gateReason(rule())}</dd>
                    </>
                  )}
                </Show>
                <Show when={m().error && m().status !== 'suppressed'}>
                  <dt>{t('campaigns.reason')}</dt>
                  <dd dir="auto">
                    <Show when={m().errorCode}>
                      <code class="badge">{m().errorCode}</code>{' '}
                    </Show>
                    {m().error}
                  </dd>
                </Show>
              </dl>
              <h3>{t('messages.events')}</h3>
              <MessageEvents id={m().id} />
            </Show>
          )}
        </Show>
      </div>
    </Show>
  );
}
