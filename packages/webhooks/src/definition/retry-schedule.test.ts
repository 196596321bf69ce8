import { describe, expect, it } from 'vitest';
import { nextAttemptAt, RETRY_FOR_MS } from './retry-schedule.ts';

const created = new Date('2026-12-01T00:00:00Z');
const noJitter = { random: () => 0.5 };

describe('webhook retry schedule', () => {
  it('backs off from 30 seconds to 12 hours', () => {
    const after = (attempts: number) =>
      (nextAttemptAt(created, attempts, created, noJitter)!.getTime() - created.getTime()) / 1000;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(after)).toEqual([
      30, 120, 600, 1800, 3600, 10800, 21600, 43200, 43200, 43200,
    ]);
  });

  it('spreads retries by at most a tenth either way', () => {
    const at = (r: number) =>
      nextAttemptAt(created, 1, created, { random: () => r })!.getTime() - created.getTime();
    expect(at(0)).toBe(27_000);
    expect(at(0.999999)).toBeCloseTo(33_000, -1);
  });

  it('stops after three days, and never schedules past the deadline', () => {
    const late = new Date(created.getTime() + RETRY_FOR_MS - 60_000);
    expect(nextAttemptAt(created, 12, late, noJitter)!.getTime()).toBe(created.getTime() + RETRY_FOR_MS);
    expect(nextAttemptAt(created, 13, new Date(created.getTime() + RETRY_FOR_MS), noJitter)).toBeNull();
    expect(nextAttemptAt(created, 2, new Date(created.getTime() + 5000), { retryForMs: 1000 })).toBeNull();
  });
});
