import { createSignal } from 'solid-js';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LOCALES = { en: 'English', 'zh-CN': '简体中文' } as const;
export type Locale = keyof typeof LOCALES;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const LOCALE_KEY = 'switchboard.locale';

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(LOCALE_KEY);
  if (stored && stored in LOCALES) return stored as Locale;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem(LOCALE_KEY, next);
  document.documentElement.lang = next;
}

/** Looks a message up in the current language and fills {placeholders}; reactive in Solid. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return format(dictionaries[locale()][key], params);
}

export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** The day alone ("Dec 5, 2026", "2026年12月5日"): for narrow columns; the full time goes in a tooltip. */
export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(value));
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}
