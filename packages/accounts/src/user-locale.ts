import { User, type EntityManager } from '@switchboard/db';

export const USER_LOCALES = ['en', 'zh-CN'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

/** A stored locale as one Switchboard writes in (anything else reads English). */
export const userLocale = (value: string | null | undefined): UserLocale =>
  value === 'zh-CN' || value?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

/** Remembers the language a person reads Switchboard in: the app on every device, and its emails to them. */
export async function setUserLocale(em: EntityManager, userId: string, locale: UserLocale): Promise<void> {
  await em.nativeUpdate(User, { id: userId }, { locale });
}
