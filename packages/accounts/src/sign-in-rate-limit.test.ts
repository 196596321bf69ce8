import { describe, expect, it } from 'vitest';
import { signInRetryAfter } from './sign-in-rate-limit.ts';

const now = new Date('2026-11-26T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60 * 1000);
const none = { accountAndIp: null, ip: null, account: null };

describe('sign-in rate limit', () => {
  it('allows attempts while every scope is under its limit', () => {
    expect(signInRetryAfter(none, now)).toBe(0);
  });
  it('waits until the failure that filled the limit leaves the window', () => {
    expect(signInRetryAfter({ ...none, accountAndIp: minutesAgo(5) }, now)).toBe(600);
    expect(signInRetryAfter({ ...none, ip: now }, now)).toBe(900);
  });
  it('waits for the last of several full scopes', () => {
    expect(signInRetryAfter({ accountAndIp: minutesAgo(10), ip: null, account: minutesAgo(1) }, now)).toBe(
      840,
    );
  });
  it('never answers less than a second', () => {
    expect(signInRetryAfter({ ...none, account: minutesAgo(15) }, now)).toBe(1);
  });
});
