import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from './retry-on-deadlock.ts';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryOnDeadlock', () => {
  it('runs a transaction again when PostgreSQL broke a deadlock with it, and returns its result', async () => {
    let runs = 0;
    const result = await retryOnDeadlock(async () => {
      runs++;
      if (runs < 3) throw runs === 1 ? deadlock() : new Error('wrapped', { cause: deadlock() });
      return 'saved';
    });
    expect(result).toBe('saved');
    expect(runs).toBe(3);
  });

  it('lets any other error through at once, and a deadlock after the last try', async () => {
    let runs = 0;
    await expect(
      retryOnDeadlock(async () => {
        runs++;
        throw Object.assign(new Error('unique violation'), { code: '23505' });
      }),
    ).rejects.toThrow('unique violation');
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      retryOnDeadlock(async () => {
        runs++;
        throw deadlock();
      }, 3),
    ).rejects.toThrow('deadlock detected');
    expect(runs).toBe(3);
  });
});
