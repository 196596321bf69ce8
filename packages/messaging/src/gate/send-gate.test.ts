import { describe, expect, it } from 'vitest';
import { decideSend, type GateFacts } from './send-gate.ts';
import { warmupDailyLimit } from './warmup-ramp.ts';

const base: GateFacts = {
  channel: 'sms',
  purpose: 'marketing',
  topic: '',
  now: new Date('2026-11-26T15:00:00Z'), // 10:00 in New York
  hasAddress: true,
  doNotContact: false,
  channelConsent: 'opted_in',
  topicConsent: 'none',
  requireOptIn: false,
  suppressions: [],
  recentMarketingCount: 0,
  frequencyCap: { count: 3, days: 7 },
  quietHours: { start: '21:00', end: '08:00' },
  timeZone: 'America/New_York',
  warmupRemainingToday: null,
};

const rule = (facts: Partial<GateFacts>) => {
  const decision = decideSend({ ...base, ...facts });
  return decision.outcome === 'send' ? 'send' : `${decision.outcome}:${decision.rule}`;
};

describe('the send gate', () => {
  it('lets an opted-in contact through in the daytime', () => expect(rule({})).toBe('send'));

  it('suppresses on opt-out, topic opt-out, unsubscribe, do-not-contact and missing addresses', () => {
    expect(rule({ channelConsent: 'opted_out' })).toBe('suppress:consent_channel');
    expect(rule({ topic: 'news', topicConsent: 'opted_out' })).toBe('suppress:consent_topic');
    expect(rule({ suppressions: ['unsubscribe'] })).toBe('suppress:suppressed_unsubscribe');
    expect(rule({ doNotContact: true })).toBe('suppress:do_not_contact');
    expect(rule({ hasAddress: false })).toBe('suppress:no_address');
    expect(rule({ requireOptIn: true, channelConsent: 'pending' })).toBe('suppress:consent_missing');
  });

  it('transactional messages skip consent and caps but never hard bounces, complaints or erasure', () => {
    const tx = { purpose: 'transactional' as const };
    expect(rule({ ...tx, channelConsent: 'opted_out', recentMarketingCount: 9 })).toBe('send');
    expect(rule({ ...tx, suppressions: ['unsubscribe'] })).toBe('send');
    expect(rule({ ...tx, suppressions: ['bounce'] })).toBe('suppress:suppressed_bounce');
    expect(rule({ ...tx, suppressions: ['complaint'] })).toBe('suppress:suppressed_complaint');
    expect(rule({ ...tx, suppressions: ['erasure'] })).toBe('suppress:suppressed_erasure');
  });

  it('names the strongest of several suppression reasons, whatever order they were recorded in', () => {
    const tx = { purpose: 'transactional' as const };
    expect(rule({ ...tx, suppressions: ['unsubscribe', 'bounce', 'erasure'] })).toBe(
      'suppress:suppressed_erasure',
    );
    expect(rule({ ...tx, suppressions: ['unsubscribe', 'bounce', 'complaint'] })).toBe(
      'suppress:suppressed_complaint',
    );
    expect(rule({ suppressions: ['unsubscribe', 'bounce'] })).toBe('suppress:suppressed_bounce');
  });

  it('holds the frequency cap', () => {
    expect(rule({ recentMarketingCount: 2 })).toBe('send');
    expect(rule({ recentMarketingCount: 3 })).toBe('suppress:frequency_cap');
    expect(rule({ recentMarketingCount: 30, frequencyCap: { count: 0, days: 7 } })).toBe('send');
  });

  it('defers SMS and chat in quiet hours until they end locally, but never email', () => {
    const night = new Date('2026-11-27T03:30:00Z'); // 22:30 in New York
    const decision = decideSend({ ...base, now: night });
    expect(decision.outcome).toBe('defer');
    expect(decision.outcome === 'defer' && decision.until.toISOString()).toBe('2026-11-27T13:00:00.000Z');
    expect(rule({ now: night, channel: 'wechat' })).toBe('defer:quiet_hours');
    expect(rule({ now: night, channel: 'email' })).toBe('send');
    expect(rule({ now: night, purpose: 'transactional' })).toBe('send');
  });

  it('defers to tomorrow when the warm-up allowance is used up', () => {
    const decision = decideSend({ ...base, channel: 'email', warmupRemainingToday: 0 });
    expect(decision.outcome === 'defer' && decision.until.toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('ramps warm-up from 50 a day to unlimited', () => {
    const start = new Date('2026-11-01T00:00:00Z');
    expect(warmupDailyLimit(start, new Date('2026-11-01T12:00:00Z'))).toBe(50);
    expect(warmupDailyLimit(start, new Date('2026-11-04T12:00:00Z'))).toBe(100);
    expect(warmupDailyLimit(start, new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(warmupDailyLimit(null, new Date())).toBeNull();
  });
});
