import { Show, type ParentProps } from 'solid-js';
import { A } from '@solidjs/router';
import { t } from '../../i18n/i18n.ts';
import { canConfigureAudience, isAdmin, session } from '../../features/auth/session.ts';
import { Notice } from '../../ui/notice.tsx';
import { usePageTitle } from '../../ui/page-title.ts';

export default function SettingsLayout(props: ParentProps) {
  usePageTitle(() => t('settings.title'));
  return (
    <section class="page">
      <h1>{t('settings.title')}</h1>
      <Show
        when={isAdmin(session()) || canConfigureAudience(session())}
        fallback={<Notice kind="error">{t('settings.forbidden')}</Notice>}
      >
        <nav class="subnav" aria-label={t('settings.title')}>
          <Show when={isAdmin(session())}>
            <A href="/settings/members" activeClass="active">
              {t('settings.members')}
            </A>
            <A href="/settings/api-keys" activeClass="active">
              {t('settings.apiKeys')}
            </A>
            <A href="/settings/audit" activeClass="active">
              {t('settings.audit')}
            </A>
            <A href="/settings/inbox" activeClass="active">
              {t('settings.inbox')}
            </A>
          </Show>
          {/* Marketers see the sending policy read-only: it explains why their messages wait or are held back. */}
          <A href="/settings/sending" activeClass="active">
            {t('settings.sending')}
          </A>
          <A href="/settings/fields" activeClass="active">
            {t('settings.fields')}
          </A>
          <A href="/settings/topics" activeClass="active">
            {t('settings.topics')}
          </A>
          <A href="/settings/scoring" activeClass="active">
            {t('settings.scoring')}
          </A>
        </nav>
        {props.children}
      </Show>
    </section>
  );
}
