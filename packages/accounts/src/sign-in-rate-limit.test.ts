import { describe, expect, it } from 'vitest';
import { signInRetryAfter } from './sign-in-rate-limit.ts';

const now = new Date('2026-11-26T12:00:00Z');

describe('sign-in rate limit', () => {
  it('allows attempts under both limits', () => {
    expect(signInRetryAfter({ forEmail: 4, forIp: 29, oldestAt: now }, now)).toBe(0);
  });
  it('blocks the fifth failure for one email until the window passes', () => {
    const oldest = new Date(now.getTime() - 5 * 60 * 1000);
    expect(signInRetryAfter({ forEmail: 5, forIp: 5, oldestAt: oldest }, now)).toBe(600);
  });
  it('blocks an address spraying many emails', () => {
    expect(signInRetryAfter({ forEmail: 1, forIp: 30, oldestAt: now }, now)).toBe(900);
  });
});
