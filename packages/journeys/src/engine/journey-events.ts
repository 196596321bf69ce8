import type { JourneySettings } from '../definition/journey-graph.ts';

/** Channel events a step can wait for by a channel-free name: a reply on any channel ends a fallback. */
const ALIASES: Record<string, string[]> = {
  replied: ['email_replied', 'sms_replied', 'wechat_replied'],
  opened: ['email_opened'],
  clicked: ['email_clicked', 'sms_clicked', 'wechat_clicked'],
};

/** The stored event names a wait or goal on `name` listens to. */
export function eventNamesFor(name: string): string[] {
  return ALIASES[name] ?? [name];
}

/** Whether a stored event `stored` answers a wait or goal on `wanted` (`replied` answers to `sms_replied`…). */
export function answersTo(stored: string, wanted: string): boolean {
  return eventNamesFor(wanted).includes(stored);
}

export const SEGMENT_ENTERED = 'segment_entered';
export const SEGMENT_EXITED = 'segment_exited';

/** Events every instance of a journey listens to from entry to end: its goals, and leaving its segment. */
export function journeyWideEventNames(settings: JourneySettings): string[] {
  const names = new Set<string>();
  for (const goal of settings.goals)
    for (const name of goal.kind === 'event' ? eventNamesFor(goal.event) : [SEGMENT_ENTERED]) names.add(name);
  if (settings.exitOnLeavingSegment) names.add(SEGMENT_EXITED);
  return [...names];
}

/** Opens and clicks by machines (security scanners, Apple's proxy) are not people engaging. */
export function isMachineEngagement(name: string, properties: Record<string, unknown>): boolean {
  return (name.endsWith('_opened') || name.endsWith('_clicked')) && properties.machine === true;
}
