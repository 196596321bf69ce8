import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { eventTypeLabel } from '../webhooks/webhook-event-groups.ts';
import { signatureMatches } from './signature-check.ts';

type Received = Awaited<ReturnType<typeof api.sandbox.webhooks.query>>[number];

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** Whether each request's signature matches the pasted secret; recomputed when either changes. */
function SignatureState(props: { request: Received; secret: string }) {
  const [valid, setValid] = createSignal<boolean | null>(null);
  createEffect(() => {
    const secret = props.secret.trim();
    const header = props.request.headers['x-switchboard-signature'] ?? '';
    if (!secret) return setValid(null);
    void signatureMatches(secret, props.request.body, header).then(setValid);
  });
  return (
    <Show when={valid() !== null}>
      <span
        class="badge"
        classList={{ success: valid() === true, danger: valid() === false }}
        data-testid="signature-state"
      >
        {valid() ? t('sandbox.signatureValid') : t('sandbox.signatureInvalid')}
      </span>
    </Show>
  );
}

/** The sandbox's pretend CRM: what Switchboard's webhooks delivered to it, with a signature check. */
export function WebhookInbox(props: { refreshKey: number }) {
  const [received] = createResource(
    () => props.refreshKey,
    () => api.sandbox.webhooks.query(),
  );
  const [receiver] = createResource(() => api.sandbox.webhookReceiver.query());
  const [secret, setSecret] = createSignal('');
  return (
    <div class="stack" data-testid="sandbox-webhooks">
      <p class="muted">
        {t('sandbox.webhooksIntro')} <code data-testid="sandbox-receiver-url">{receiver()?.url ?? ''}</code>
      </p>
      <label class="field">
        <span class="field-label">{t('sandbox.webhookSecret')}</span>
        <input
          data-testid="sandbox-webhook-secret"
          autocomplete="off"
          placeholder="whsec_…"
          value={secret()}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />
      </label>
      <Show
        when={(received.latest ?? []).length > 0}
        fallback={<p class="muted">{t('sandbox.noWebhooks')}</p>}
      >
        <For each={received.latest}>
          {(request) => (
            <details class="card" data-testid="sandbox-webhook">
              <summary class="row space-between">
                <span>
                  <strong>{eventTypeLabel(request.headers['x-switchboard-event-type'] ?? '')}</strong>{' '}
                  <span class="muted">{formatDate(request.receivedAt)}</span>
                </span>
                <SignatureState request={request} secret={secret()} />
              </summary>
              <pre class="code-block">
                {Object.entries(request.headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('\n')}
              </pre>
              <pre class="code-block">{pretty(request.body)}</pre>
            </details>
          )}
        </For>
      </Show>
    </div>
  );
}
