import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { eventTypeLabel } from './webhook-event-groups.ts';

type Page = Awaited<ReturnType<typeof api.webhooks.deliveries.query>>;
type Delivery = Page['deliveries'][number];

const REFRESH_MS = 3000;

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** One delivery opened: the request exactly as signed, the answer, and a resend. */
function DeliveryDetail(props: { deliveryId: string; onResent: () => void }) {
  const [detail] = createResource(
    () => props.deliveryId,
    (deliveryId) => api.webhooks.delivery.query({ deliveryId }),
  );
  const [note, setNote] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  async function resend() {
    setError(null);
    try {
      await api.webhooks.resend.mutate({ deliveryId: props.deliveryId });
      setNote(t('webhooks.resent'));
      props.onResent();
    } catch (err) {
      setError(problemText(toProblem(err)));
    }
  }
  return (
    <Show when={detail()}>
      {(d) => (
        <div class="webhook-detail stack" data-testid="webhook-delivery-detail">
          <div>
            <strong>{t('webhooks.request')}</strong>
            <pre class="code-block">{pretty(d().requestBody)}</pre>
          </div>
          <div>
            <strong>{t('webhooks.response')}</strong>
            <Show
              when={d().responseStatus !== null || d().error}
              fallback={<p class="muted">{t('webhooks.noResponse')}</p>}
            >
              <Show when={d().error}>
                <p class="field-error" translate="no">
                  {d().error}
                </p>
              </Show>
              <Show when={d().responseBody}>
                <pre class="code-block">{d().responseBody}</pre>
              </Show>
            </Show>
          </div>
          <div class="row">
            <button
              type="button"
              class="button secondary"
              data-testid="webhook-resend"
              onClick={() => void resend()}
            >
              {t('webhooks.resend')}
            </button>
            <Show when={note()}>
              {(n) => (
                <span class="muted" role="status">
                  {n()}
                </span>
              )}
            </Show>
          </div>
          <InlineError message={error()} />
        </div>
      )}
    </Show>
  );
}

function answerText(delivery: Delivery): string {
  if (delivery.responseStatus !== null)
    return `${delivery.responseStatus}${delivery.durationMs !== null ? ` · ${delivery.durationMs} ms` : ''}`;
  return delivery.error ? '—' : '';
}

/** The endpoint's deliveries, newest first, refreshed every few seconds while open; older pages on request. */
export function WebhookDeliveryLog(props: { endpointId: string; refreshKey: number }) {
  const [older, setOlder] = createSignal<Delivery[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const [tick, setTick] = createSignal(0);
  const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const [latest] = createResource(
    () => ({ id: props.endpointId, key: props.refreshKey, tick: tick() }),
    async ({ id }) => {
      const page = await api.webhooks.deliveries.query({ endpointId: id, limit: 20 });
      if (older().length === 0) setCursor(page.nextCursor);
      return page.deliveries;
    },
  );
  async function loadOlder() {
    const before = cursor();
    if (!before) return;
    const page = await api.webhooks.deliveries.query({ endpointId: props.endpointId, limit: 50, before });
    setOlder((list) => [...list, ...page.deliveries]);
    setCursor(page.nextCursor);
  }
  const rows = () => [...(latest.latest ?? []), ...older()];
  return (
    <div class="stack" data-testid="webhook-log">
      <Show when={rows().length > 0} fallback={<p class="muted">{t('webhooks.logEmpty')}</p>}>
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th>{t('webhooks.when')}</th>
                <th>{t('webhooks.type')}</th>
                <th>{t('webhooks.status')}</th>
                <th>{t('webhooks.attempts')}</th>
                <th>{t('webhooks.answer')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(delivery) => (
                  <>
                    <tr
                      class="clickable"
                      data-testid="webhook-delivery"
                      data-status={delivery.status}
                      aria-expanded={open() === delivery.id}
                      tabindex="0"
                      onClick={() => setOpen((id) => (id === delivery.id ? null : delivery.id))}
                      onKeyDown={(e) =>
                        e.key === 'Enter' && setOpen((id) => (id === delivery.id ? null : delivery.id))
                      }
                    >
                      <td>{formatDate(delivery.createdAt)}</td>
                      <td title={delivery.type}>{eventTypeLabel(delivery.type)}</td>
                      <td>
                        <span
                          class="badge"
                          classList={{
                            success: delivery.status === 'delivered',
                            danger: delivery.status === 'failed',
                          }}
                        >
                          {t(`webhooks.status.${delivery.status}` as MessageKey)}
                        </span>
                        <Show when={delivery.nextAttemptAt && delivery.attempts > 0}>
                          {' '}
                          <span class="muted">
                            {t('webhooks.nextAttempt', { time: formatDate(delivery.nextAttemptAt) })}
                          </span>
                        </Show>
                      </td>
                      <td>{delivery.attempts}</td>
                      <td translate="no">{answerText(delivery)}</td>
                    </tr>
                    <Show when={open() === delivery.id}>
                      <tr>
                        <td colSpan={5}>
                          <DeliveryDetail deliveryId={delivery.id} onResent={() => setTick((n) => n + 1)} />
                        </td>
                      </tr>
                    </Show>
                  </>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={cursor()}>
        <button type="button" class="button link" onClick={() => void loadOlder()}>
          {t('webhooks.older')}
        </button>
      </Show>
    </div>
  );
}
