import { createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { Notice } from '../../ui/notice.tsx';
import { eventTypeLabel } from './webhook-event-groups.ts';
import { WebhookDeliveryLog } from './webhook-delivery-log.tsx';

type Endpoint = Awaited<ReturnType<typeof api.webhooks.list.query>>[number];

/** One endpoint: its state, what it receives, its actions, and its delivery log. */
export function WebhookEndpointCard(props: {
  endpoint: Endpoint;
  onChanged: () => void;
  onSecret: (secret: string) => void;
}) {
  const [showLog, setShowLog] = createSignal(false);
  const [logKey, setLogKey] = createSignal(0);
  const [note, setNote] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const endpointId = () => props.endpoint.id;

  async function act(action: () => Promise<unknown>, after?: () => void) {
    setError(null);
    setNote(null);
    try {
      await action();
      after?.();
      props.onChanged();
    } catch (err) {
      setError(problemText(toProblem(err)));
    }
  }

  return (
    <section class="card stack" data-testid="webhook-endpoint" data-enabled={String(props.endpoint.enabled)}>
      <div class="row space-between">
        <div class="stack tight">
          <code class="webhook-url">{props.endpoint.url}</code>
          <Show when={props.endpoint.description}>
            <span class="muted" translate="no">
              {props.endpoint.description}
            </span>
          </Show>
        </div>
        <span
          class="badge"
          data-testid="webhook-state"
          classList={{
            success: props.endpoint.enabled && !props.endpoint.failingSince,
            danger: !props.endpoint.enabled,
          }}
        >
          {props.endpoint.enabled ? t('webhooks.active') : t('webhooks.disabled')}
        </span>
      </div>
      <Show when={props.endpoint.disabledReason}>{(reason) => <Notice kind="error">{reason()}</Notice>}</Show>
      <Show when={props.endpoint.enabled && props.endpoint.failingSince}>
        {(since) => <Notice kind="info">{t('webhooks.failingSince', { time: formatDate(since()) })}</Notice>}
      </Show>
      <p class="muted">
        <For each={props.endpoint.eventTypes}>
          {(type, index) => (
            <>
              {index() > 0 ? ' · ' : ''}
              <span title={type}>{eventTypeLabel(type)}</span>
            </>
          )}
        </For>
      </p>
      <p class="muted">
        {t('webhooks.secretHint')}: <code>{props.endpoint.secretHint}</code>
        {' · '}
        {t('webhooks.pending', { count: props.endpoint.pending })}
        {' · '}
        {t('webhooks.lastDelivery')}:{' '}
        <Show when={props.endpoint.lastDelivery} fallback={t('webhooks.never')}>
          {(last) => (
            <span data-testid="webhook-last">
              {t(`webhooks.status.${last().status}` as MessageKey)}
              {last().responseStatus !== null ? ` (${last().responseStatus})` : ''} · {formatDate(last().at)}
            </span>
          )}
        </Show>
      </p>
      <div class="row">
        <button
          type="button"
          class="button secondary"
          data-testid="webhook-test"
          disabled={!props.endpoint.enabled}
          onClick={() =>
            void act(
              () => api.webhooks.sendTest.mutate({ endpointId: endpointId() }),
              () => {
                setNote(t('webhooks.testQueued'));
                setShowLog(true);
                setLogKey((n) => n + 1);
              },
            )
          }
        >
          {t('webhooks.sendTest')}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="webhook-toggle"
          onClick={() =>
            void act(() =>
              api.webhooks.update.mutate({ endpointId: endpointId(), enabled: !props.endpoint.enabled }),
            )
          }
        >
          {props.endpoint.enabled ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="webhook-rotate"
          onClick={() => {
            if (!confirm(t('webhooks.rotateConfirm'))) return;
            void act(async () =>
              props.onSecret((await api.webhooks.rotateSecret.mutate({ endpointId: endpointId() })).secret),
            );
          }}
        >
          {t('webhooks.rotate')}
        </button>
        <button
          type="button"
          class="button danger"
          data-testid="webhook-delete"
          onClick={() => {
            if (confirm(t('webhooks.deleteConfirm')))
              void act(() => api.webhooks.remove.mutate({ endpointId: endpointId() }));
          }}
        >
          {t('webhooks.delete')}
        </button>
        <button
          type="button"
          class="button link"
          data-testid="webhook-log-toggle"
          aria-expanded={showLog()}
          onClick={() => setShowLog((v) => !v)}
        >
          {showLog() ? t('webhooks.hideLog') : t('webhooks.showLog')}
        </button>
      </div>
      <Show when={note()}>
        {(n) => (
          <p class="muted" role="status">
            {n()}
          </p>
        )}
      </Show>
      <InlineError message={error()} />
      <Show when={showLog()}>
        <WebhookDeliveryLog endpointId={endpointId()} refreshKey={logKey()} />
      </Show>
    </section>
  );
}
