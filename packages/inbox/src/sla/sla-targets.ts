import { addBusinessMinutes, type BusinessHours } from './business-time.ts';

export type SlaKind = 'first_response' | 'next_response' | 'resolution';

export interface SlaPolicy {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: BusinessHours | null;
}

export interface SlaState {
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  openedAt: Date;
  /** The contact's oldest unanswered message, if any. */
  waitingSince: Date | null;
  firstResponseAt: Date | null;
}

/**
 * The nearest deadline a conversation has to meet, or null: an answer is owed while the contact waits (the first
 * one, or the next one after that), and a resolution while it is open or pending. Snoozed and resolved
 * conversations owe nothing until they reopen.
 */
export function nextSlaDeadline(state: SlaState, policy: SlaPolicy): { kind: SlaKind; dueAt: Date } | null {
  if (state.status === 'snoozed' || state.status === 'resolved') return null;
  const deadlines: { kind: SlaKind; dueAt: Date }[] = [];
  if (state.waitingSince) {
    const first = state.firstResponseAt === null;
    const minutes = first ? policy.firstResponseMinutes : policy.nextResponseMinutes;
    if (minutes !== null)
      deadlines.push({
        kind: first ? 'first_response' : 'next_response',
        dueAt: addBusinessMinutes(state.waitingSince, minutes, policy.businessHours),
      });
  }
  if (policy.resolutionMinutes !== null)
    deadlines.push({
      kind: 'resolution',
      dueAt: addBusinessMinutes(state.openedAt, policy.resolutionMinutes, policy.businessHours),
    });
  return deadlines.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
}

/** When to warn before a deadline: a fifth of the time allowed, at most an hour, at least a minute ahead. */
export function warningTime(from: Date, dueAt: Date): Date {
  const span = dueAt.getTime() - from.getTime();
  const ahead = Math.min(3_600_000, Math.max(60_000, span / 5));
  return new Date(dueAt.getTime() - ahead);
}
