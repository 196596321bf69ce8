import { createEffect, createSignal, For, on, Show, type ParentProps } from 'solid-js';
import { A, Navigate, useLocation, useNavigate } from '@solidjs/router';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { session, signOut } from '../auth/session.ts';
import { may } from '../auth/permissions.ts';
import { visibleSettingsTabs } from '../settings/settings-tabs.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { NotificationBell } from './notification-bell.tsx';

/** Each page is offered to the roles that can read it (the server's permission table decides). */
const NAV: { href: string; label: MessageKey; visible: () => boolean }[] = [
  { href: '/contacts', label: 'nav.contacts', visible: () => may('contacts.read') },
  { href: '/segments', label: 'nav.segments', visible: () => may('segments.read') },
  { href: '/templates', label: 'nav.templates', visible: () => may('campaigns.read') },
  { href: '/campaigns', label: 'nav.campaigns', visible: () => may('campaigns.read') },
  { href: '/journeys', label: 'nav.journeys', visible: () => may('campaigns.read') },
  { href: '/inbox', label: 'nav.inbox', visible: () => may('inbox.read') },
  { href: '/reports', label: 'nav.reports', visible: () => may('reports.read') || may('inbox.reports') },
  { href: '/settings', label: 'nav.settings', visible: () => visibleSettingsTabs().length > 0 },
  { href: '/sandbox', label: 'nav.sandbox', visible: () => may('sandbox.use') },
];

/** The signed-in frame: navigation, workspace, user, language; signed-out visitors go to the sign-in page. */
export function AppShell(props: ParentProps) {
  const navigate = useNavigate();
  // On a phone the navigation folds behind a menu button; choosing a page folds it again.
  const [navOpen, setNavOpen] = createSignal(false);
  const location = useLocation();
  createEffect(
    on(
      () => location.pathname,
      () => setNavOpen(false),
      { defer: true },
    ),
  );
  return (
    <Show when={!session.loading} fallback={<div class="boot">{t('common.loading')}</div>}>
      <Show when={session()} fallback={<Navigate href="/sign-in" />}>
        {(me) => (
          <div class="shell" classList={{ 'nav-open': navOpen() }}>
            <aside class="sidebar">
              <div class="brand">
                <img src="/favicon.svg" alt="" width="24" height="24" />
                <span>{t('app.name')}</span>
                <button
                  type="button"
                  class="nav-toggle"
                  data-testid="nav-toggle"
                  aria-expanded={navOpen() ? 'true' : 'false'}
                  aria-controls="main-nav"
                  onClick={() => setNavOpen(!navOpen())}
                >
                  <span aria-hidden="true">☰</span> {t('shell.menu')}
                </button>
              </div>
              <div class="workspace-name" data-testid="workspace-name">
                {me().workspace.name}
              </div>
              <nav aria-label="Main" id="main-nav">
                <For each={NAV.filter((item) => item.visible())}>
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
