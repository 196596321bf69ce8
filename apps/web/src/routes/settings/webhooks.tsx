import { createResource, createSignal, Index, onCleanup, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { WebhookEndpointForm } from '../../features/webhooks/webhook-endpoint-form.tsx';
import { WebhookEndpointCard } from '../../features/webhooks/webhook-endpoint-card.tsx';

const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

function verify(secret, rawBody, header) {
  const { t, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest();
  const given = Buffer.from(v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}`;

/** Settings → Webhooks: endpoints, their secrets (shown once), tests, the delivery log and how to verify. */
export default function WebhooksPage() {
  const [endpoints, { refetch }] = createResource(() => api.webhooks.list.query());
  // Waiting counts and last deliveries change as the worker delivers; look again while the page is open.
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refetch();
  }, 5000);
  onCleanup(() => clearInterval(timer));
  const [secret, setSecret] = createSignal<string | null>(null);
  const showSecret = (value: string) => {
    setSecret(value);
    void refetch();
  };
  return (
    <div class="stack">
      <p class="muted">{t('webhooks.intro')}</p>
      <Show when={secret()}>
        {(value) => (
          <Notice kind="success">
            {t('webhooks.secretOnce')}
            <code class="secret" data-testid="new-webhook-secret">
              {value()}
            </code>
          </Notice>
        )}
      </Show>
      <WebhookEndpointForm onCreated={showSecret} />
      <Show
        when={(endpoints.latest ?? []).length > 0}
        fallback={
          <Show when={!endpoints.loading}>
            <p class="muted">{t('webhooks.none')}</p>
          </Show>
        }
      >
        {/* By position, so a refreshed list updates each card in place and keeps its open log. */}
        <Index each={endpoints.latest}>
          {(endpoint) => (
            <WebhookEndpointCard
              endpoint={endpoint()}
              onChanged={() => void refetch()}
              onSecret={showSecret}
            />
          )}
        </Index>
      </Show>
      <details class="card">
        <summary>{t('webhooks.verifyTitle')}</summary>
        <p class="muted">{t('webhooks.verifyIntro')}</p>
        <pre class="code-block">{VERIFY_SNIPPET}</pre>
      </details>
    </div>
  );
}
