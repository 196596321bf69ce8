import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';
import { instantOfLocal, localParts } from '@switchboard/messaging';
import type { JourneyTrigger } from '../definition/journey-graph.ts';
import { admitContacts, type EnrolCandidate } from '../engine/enrolment.ts';
import type { JourneyTemporal } from '../engine/start-instances.ts';
import type { TriggeredJourney } from './live-journeys.ts';

type DateTrigger = Extract<JourneyTrigger, { kind: 'date' }>;

const DAY_MS = 86_400_000;
/** How late a date entry may still happen (the worker was down): a day, then the occasion has passed. */
export const DATE_CATCH_UP_MS = DAY_MS;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A stored date attribute as a calendar day, or null when it is not a real date. */
export function calendarDay(raw: unknown): { year: number; month: number; day: number } | null {
  if (typeof raw !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/**
 * When a contact with this date attribute is due to enter: the date (this year's anniversary when yearly; 29 February
 * falls on 1 March in other years) plus the offset, at the trigger's local time in the contact's zone. Returns the
 * occasion (its day, which names the trigger so it enrols once) when it is due within the catch-up window.
 */
export function dueOccasion(
  raw: unknown,
  trigger: DateTrigger,
  timeZone: string,
  now: Date,
): { occasion: string; due: Date } | null {
  const date = calendarDay(raw);
  if (!date) return null;
  const localYear = localParts(now, timeZone).year;
  const years = trigger.yearly ? [localYear - 1, localYear, localYear + 1] : [date.year];
  for (const year of years) {
    const base = Date.UTC(year, date.month - 1, date.day) + trigger.offsetDays * DAY_MS;
    const target = new Date(base);
    const due = instantOfLocal(
      target.getUTCFullYear(),
      target.getUTCMonth() + 1,
      target.getUTCDate(),
      trigger.at,
      timeZone,
    );
    if (due.getTime() <= now.getTime() && now.getTime() - due.getTime() < DATE_CATCH_UP_MS)
      return { occasion: isoDay(base), due };
  }
  return null;
}

/** The days (YYYY-MM-DD, or MM-DD when yearly) a stored date can have to be due around now, for the SQL filter. */
function candidateDays(trigger: DateTrigger, now: Date): string[] {
  const days = new Set<string>();
  for (let shift = -2; shift <= 1; shift++) {
    const day = isoDay(now.getTime() + (shift - trigger.offsetDays) * DAY_MS);
    days.add(trigger.yearly ? day.slice(5) : day);
  }
  // A 29 February birthday is celebrated on 1 March in other years.
  if (trigger.yearly && days.has('03-01')) days.add('02-29');
  return [...days];
}

/**
 * Enrols the contacts whose date has come (birthdays, renewals) into each live date-triggered journey. Runs every
 * few minutes; the occasion's day names the trigger, so running twice, or on two workers, enrols once.
 */
export async function enrolDueDates(
  em: EntityManager,
  journeys: TriggeredJourney[],
  temporal: JourneyTemporal,
  now = new Date(),
): Promise<number> {
  let enrolled = 0;
  for (const journey of journeys) {
    if (journey.trigger.kind !== 'date') continue;
    const trigger = journey.trigger;
    const rows = await sql<{ id: string; raw: string; zone: string }>(
      em,
      `select c.id, c.attributes->>? as raw,
         coalesce(c.timezone, (select p.default_timezone from messaging_policies p where p.workspace_id = c.workspace_id), 'UTC') as zone
       from contacts c
       where c.workspace_id = ? and substring(c.attributes->>? from ${trigger.yearly ? 6 : 1} for ${trigger.yearly ? 5 : 10}) = any(${TEXT_LIST})`,
      [trigger.attribute, journey.workspaceId, trigger.attribute, list(candidateDays(trigger, now))],
    );
    const candidates: EnrolCandidate[] = [];
    for (const row of rows) {
      let due: ReturnType<typeof dueOccasion>;
      try {
        due = dueOccasion(row.raw, trigger, row.zone, now);
      } catch {
        // A contact's time zone the runtime does not know: UTC rather than never.
        due = dueOccasion(row.raw, trigger, 'UTC', now);
      }
      if (due)
        candidates.push({
          contactId: row.id,
          key: '',
          triggerRef: `date:${due.occasion}:${row.id}`,
          triggerData: { [trigger.attribute]: row.raw, occasion: due.occasion },
        });
    }
    for (let i = 0; i < candidates.length; i += 1000) {
      const admitted = await admitContacts(em, journey, candidates.slice(i, i + 1000));
      await temporal.start(admitted);
      enrolled += admitted.length;
    }
  }
  return enrolled;
}
