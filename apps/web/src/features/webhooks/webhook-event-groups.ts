import { en, type MessageKey } from '../../i18n/en.ts';
import { t } from '../../i18n/i18n.ts';

export const EVENT_GROUPS = ['message', 'contact', 'consent', 'segment', 'journey', 'conversion'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

/** Event types by the group their name starts with ("message.clicked" → message), in the server's order. */
export function groupEventTypes(types: readonly string[]): { group: EventGroup; types: string[] }[] {
  return EVENT_GROUPS.map((group) => ({
    group,
    types: types.filter((type) => type.split('.')[0] === group),
  })).filter((entry) => entry.types.length > 0);
}

/** A type's name for people; a type this version of the app does not know is shown as it is sent. */
export function eventTypeLabel(type: string): string {
  const key = `webhooks.type.${type}`;
  return key in en ? t(key as MessageKey) : type;
}
