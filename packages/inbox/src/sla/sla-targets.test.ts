import { describe, expect, it } from 'vitest';
import { nextSlaDeadline, warningTime } from './sla-targets.ts';

const policy = {
  firstResponseMinutes: 30,
  nextResponseMinutes: 60,
  resolutionMinutes: 24 * 60,
  businessHours: null,
};
const at = (iso: string) => new Date(iso);

describe('nextSlaDeadline', () => {
  it('owes a first response, then the next one, and a resolution throughout', () => {
    const opened = at('2026-12-07T09:00:00Z');
    expect(
      nextSlaDeadline(
        { status: 'open', openedAt: opened, waitingSince: opened, firstResponseAt: null },
        policy,
      ),
    ).toEqual({ kind: 'first_response', dueAt: at('2026-12-07T09:30:00Z') });
    expect(
      nextSlaDeadline(
        {
          status: 'open',
          openedAt: opened,
          waitingSince: at('2026-12-07T12:00:00Z'),
          firstResponseAt: at('2026-12-07T09:10:00Z'),
        },
        policy,
      ),
    ).toEqual({ kind: 'next_response', dueAt: at('2026-12-07T13:00:00Z') });
    expect(
      nextSlaDeadline(
        { status: 'pending', openedAt: opened, waitingSince: null, firstResponseAt: opened },
        policy,
      ),
    ).toEqual({ kind: 'resolution', dueAt: at('2026-12-08T09:00:00Z') });
  });

  it('owes nothing while snoozed or resolved, or without targets', () => {
    const state = { openedAt: at('2026-12-07T09:00:00Z'), waitingSince: null, firstResponseAt: null };
    expect(nextSlaDeadline({ ...state, status: 'snoozed' }, policy)).toBeNull();
    expect(nextSlaDeadline({ ...state, status: 'resolved' }, policy)).toBeNull();
    expect(
      nextSlaDeadline(
        { ...state, status: 'open' },
        {
          firstResponseMinutes: null,
          nextResponseMinutes: null,
          resolutionMinutes: null,
          businessHours: null,
        },
      ),
    ).toBeNull();
  });
});

describe('warningTime', () => {
  it('warns a fifth ahead, between a minute and an hour', () => {
    const from = at('2026-12-07T09:00:00Z');
    expect(warningTime(from, at('2026-12-07T09:30:00Z')).toISOString()).toBe('2026-12-07T09:24:00.000Z');
    expect(warningTime(from, at('2026-12-07T09:02:00Z')).toISOString()).toBe('2026-12-07T09:01:00.000Z');
    expect(warningTime(from, at('2026-12-09T09:00:00Z')).toISOString()).toBe('2026-12-09T08:00:00.000Z');
  });
});
