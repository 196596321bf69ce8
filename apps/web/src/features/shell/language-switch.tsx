import { For } from 'solid-js';
import { LOCALES, locale, setLocale, t, type Locale } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { session } from '../auth/session.ts';

/** The interface's language, remembered for the person too: on other devices, and in Switchboard's emails to them. */
function choose(next: Locale) {
  setLocale(next);
  if (session()) void api.auth.setLocale.mutate({ locale: next }).catch(() => undefined);
}

export function LanguageSwitch() {
  return (
    <label class="language-switch">
      <span class="sr-only">{t('shell.language')}</span>
      <select
        aria-label={t('shell.language')}
        value={locale()}
        onChange={(e) => choose(e.currentTarget.value as Locale)}
      >
        <For each={Object.entries(LOCALES)}>{([code, name]) => <option value={code}>{name}</option>}</For>
      </select>
    </label>
  );
}
