import { describe, expect, it } from 'vitest';
import { ThroughputLimiter } from './throughput-limiter.ts';

describe('provider throughput limits', () => {
  it('lets a burst through, then spaces sends at the provider’s rate', () => {
    let now = 0;
    const limiter = new ThroughputLimiter(2, 2, () => now);
    expect([limiter.reserve(), limiter.reserve()]).toEqual([0, 0]);
    expect(limiter.reserve()).toBe(500);
    expect(limiter.reserve()).toBe(1000);
    now = 1000;
    expect(limiter.reserve()).toBe(500);
  });

  it('never holds anything back when the rate is 0 (no limit)', () => {
    const limiter = new ThroughputLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.reserve()).toBe(0);
  });
});
