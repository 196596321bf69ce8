import { For, Show, type ParentProps } from 'solid-js';
import { A, Navigate, useNavigate } from '@solidjs/router';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { session, signOut } from '../auth/session.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { NotificationBell } from './notification-bell.tsx';

const NAV: { href: string; label: MessageKey }[] = [
  { href: '/contacts', label: 'nav.contacts' },
  { href: '/segments', label: 'nav.segments' },
  { href: '/templates', label: 'nav.templates' },
  { href: '/campaigns', label: 'nav.campaigns' },
  { href: '/journeys', label: 'nav.journeys' },
  { href: '/inbox', label: 'nav.inbox' },
  { href: '/reports', label: 'nav.reports' },
  { href: '/settings', label: 'nav.settings' },
  { href: '/sandbox', label: 'nav.sandbox' },
];

/** The signed-in frame: navigation, workspace, user, language; signed-out visitors go to the sign-in page. */
export function AppShell(props: ParentProps) {
  const navigate = useNavigate();
  return (
    <Show when={!session.loading} fallback={<div class="boot">{t('common.loading')}</div>}>
      <Show when={session()} fallback={<Navigate href="/sign-in" />}>
        {(me) => (
          <div class="shell">
            <aside class="sidebar">
              <div class="brand">
                <img src="/favicon.svg" alt="" width="24" height="24" />
                <span>{t('app.name')}</span>
              </div>
              <div class="workspace-name" data-testid="workspace-name">
                {me().workspace.name}
              </div>
              <nav aria-label="Main">
                <For each={NAV}>
                  {(item) => (
                    <A href={item.href} class="nav-link" activeClass="active">
                      {t(item.label)}
                    </A>
                  )}
                </For>
              </nav>
            </aside>
            <div class="main">
              <header class="topbar">
                <span class="user" data-testid="current-user">
                  {me().user.name} · {t('shell.role', { role: t(`role.${me().role}`) })}
                </span>
                <NotificationBell />
                <LanguageSwitch />
                <button
                  type="button"
                  class="button secondary"
                  onClick={() => void signOut().then(() => navigate('/sign-in'))}
                >
                  {t('shell.signOut')}
                </button>
              </header>
              <main>{props.children}</main>
            </div>
          </div>
        )}
      </Show>
    </Show>
  );
}
