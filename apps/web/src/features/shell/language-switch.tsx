import { For } from 'solid-js';
import { LOCALES, locale, setLocale, t, type Locale } from '../../i18n/i18n.ts';

export function LanguageSwitch() {
  return (
    <label class="language-switch">
      <span class="sr-only">{t('shell.language')}</span>
      <select
        aria-label={t('shell.language')}
        value={locale()}
        onChange={(e) => setLocale(e.currentTarget.value as Locale)}
      >
        <For each={Object.entries(LOCALES)}>{([code, name]) => <option value={code}>{name}</option>}</For>
      </select>
    </label>
  );
}
