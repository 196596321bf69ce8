import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

/** Unread count in the top bar; opens the latest notifications (hand-offs…), refreshed every 15 seconds. */
export function NotificationBell() {
  const [open, setOpen] = createSignal(false);
  const [data, { refetch }] = createResource(() => api.notifications.mine.query());
  const timer = setInterval(() => document.visibilityState === 'visible' && void refetch(), 15_000);
  onCleanup(() => clearInterval(timer));

  async function readAll() {
    await api.notifications.markRead.mutate({ ids: 'all' });
    await refetch();
  }

  return (
    <div class="bell">
      <button
        type="button"
        class="button secondary"
        data-testid="notification-bell"
        aria-expanded={open()}
        onClick={() => setOpen(!open())}
      >
        {t('notifications.title')}
        <Show when={(data()?.unread ?? 0) > 0}>
          <span class="badge unread" data-testid="notification-count">
            {data()?.unread}
          </span>
        </Show>
      </button>
      <Show when={open()}>
        <div class="card bell-panel" role="dialog" aria-label={t('notifications.title')}>
          <Show
            when={(data()?.items ?? []).length > 0}
            fallback={<p class="muted">{t('notifications.none')}</p>}
          >
            <ul class="plain-list">
              <For each={data()?.items}>
                {(n) => (
                  <li class={n.read ? 'muted' : ''}>
                    <Show when={n.link} fallback={<strong>{n.title}</strong>}>
                      <A href={n.link!} onClick={() => setOpen(false)}>
                        <strong>{n.title}</strong>
                      </A>
                    </Show>
                    <div>{n.body}</div>
                    <small class="muted">{formatDate(n.createdAt)}</small>
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button link" onClick={() => void readAll()}>
              {t('notifications.markAllRead')}
            </button>
          </Show>
        </div>
      </Show>
    </div>
  );
}
