import { createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { t } from '../i18n/i18n.ts';
import { api } from '../lib/trpc.ts';
import { Tabs } from '../ui/tabs.tsx';
import { Notice } from '../ui/notice.tsx';
import { EmailOutbox } from '../features/sandbox/email-outbox.tsx';
import { SmsOutbox } from '../features/sandbox/sms-outbox.tsx';
import { WechatSandbox } from '../features/sandbox/wechat-sandbox.tsx';
import { WebhookInbox } from '../features/sandbox/webhook-inbox.tsx';
import { usePageTitle } from '../ui/page-title.ts';

type Channel = 'email' | 'sms' | 'wechat' | 'webhooks';

export default function SandboxPage() {
  const [status] = createResource(() => api.sandbox.status.query().catch(() => ({ enabled: false })));
  const [channel, setChannel] = createSignal<Channel>('email');
  const [refreshKey, setRefreshKey] = createSignal(0);
  // New messages arrive from other tabs and from the worker; poll gently while the page is open.
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') setRefreshKey((k) => k + 1);
  }, 5000);
  onCleanup(() => clearInterval(timer));

  usePageTitle(() => t('sandbox.title'));
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('sandbox.title')}</h1>
        <button type="button" class="button secondary" onClick={() => setRefreshKey((k) => k + 1)}>
          {t('sandbox.refresh')}
        </button>
      </div>
      <Show
        when={status()?.enabled}
        fallback={
          <Show when={status()}>
            <Notice kind="info">{t('sandbox.off')}</Notice>
          </Show>
        }
      >
        <p class="muted">{t('sandbox.intro')}</p>
        <Tabs
          tabs={[
            { id: 'email', label: t('sandbox.emails') },
            { id: 'sms', label: t('sandbox.sms') },
            { id: 'wechat', label: t('sandbox.wechat') },
            { id: 'webhooks', label: t('sandbox.webhooks') },
          ]}
          active={channel()}
          onSelect={setChannel}
        />
        <Switch>
          <Match when={channel() === 'email'}>
            <EmailOutbox refreshKey={refreshKey()} />
          </Match>
          <Match when={channel() === 'sms'}>
            <SmsOutbox refreshKey={refreshKey()} />
          </Match>
          <Match when={channel() === 'wechat'}>
            <WechatSandbox refreshKey={refreshKey()} />
          </Match>
          <Match when={channel() === 'webhooks'}>
            <WebhookInbox refreshKey={refreshKey()} />
          </Match>
        </Switch>
      </Show>
    </section>
  );
}
