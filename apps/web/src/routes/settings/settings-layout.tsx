import { For, Show, type ParentProps } from 'solid-js';
import { A, useLocation } from '@solidjs/router';
import { t } from '../../i18n/i18n.ts';
import { SETTINGS_TABS, visibleSettingsTabs } from '../../features/settings/settings-tabs.ts';
import { Notice } from '../../ui/notice.tsx';
import { usePageTitle } from '../../ui/page-title.ts';

export default function SettingsLayout(props: ParentProps) {
  const location = useLocation();
  // The tab open names the page: "Webhooks · Settings", not "Settings" on every tab.
  const tab = () => SETTINGS_TABS.find((s) => location.pathname.startsWith(s.href));
  usePageTitle(() => {
    const open = tab();
    return open ? `${t(open.label)} · ${t('settings.title')}` : t('settings.title');
  });
  return (
    <section class="page">
      <h1>{t('settings.title')}</h1>
      <Show
        when={visibleSettingsTabs().length > 0}
        fallback={<Notice kind="error">{t('settings.forbidden')}</Notice>}
      >
        <nav class="subnav" aria-label={t('settings.title')}>
          <For each={visibleSettingsTabs()}>
            {(tab) => (
              <A href={tab.href} activeClass="active">
                {t(tab.label)}
              </A>
            )}
          </For>
        </nav>
        {props.children}
      </Show>
    </section>
  );
}
