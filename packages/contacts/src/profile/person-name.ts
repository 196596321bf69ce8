/**
 * How a person's name is written: Chinese, Japanese and Korean names put the family name first (王芳, 李雷), without
 * a space when both parts are written in those scripts. A name written in those scripts is family-first whatever the
 * profile's locale; a romanised one is when the contact's locale is zh, ja or ko. Pure, so the server and the browser show the same name.
 */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const FAMILY_FIRST_LOCALE = /^(zh|ja|ko)(\b|[-_])/i;

export interface NameParts {
  firstName: string | null | undefined;
  lastName: string | null | undefined;
  locale?: string | null | undefined;
}

export function personName({ firstName, lastName, locale }: NameParts): string | null {
  const given = firstName?.trim() || null;
  const family = lastName?.trim() || null;
  if (!given || !family) return given ?? family;
  const bothCjk = CJK.test(given) && CJK.test(family);
  const familyFirst = bothCjk || FAMILY_FIRST_LOCALE.test(locale ?? '');
  if (!familyFirst) return `${given} ${family}`;
  return bothCjk ? `${family}${given}` : `${family} ${given}`;
}
