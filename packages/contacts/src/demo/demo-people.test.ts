import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../identity/identities.ts';
import { demoEvents, demoPeople } from './demo-people.ts';

describe('demo audience generator', () => {
  it('is deterministic and produces valid, unique identities', () => {
    const people = demoPeople(2000);
    expect(demoPeople(2000)).toEqual(people);
    expect(new Set(people.map((p) => p.email)).size).toBe(2000);
    const phones = people.flatMap((p) => (p.phone ? [p.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of people.slice(0, 300)) {
      expect(normaliseEmail(p.email)).toBe(p.email);
      if (p.phone) expect(normalisePhone(p.phone)).toBe(p.phone);
    }
  });

  it('spreads events over 90 days with revenue only on orders', () => {
    const events = demoEvents(500);
    expect(events.length).toBeGreaterThan(2000);
    expect(Math.max(...events.map((e) => e.daysAgo))).toBeLessThan(90);
    expect(events.filter((e) => e.revenue !== null).every((e) => e.name === 'order_completed')).toBe(true);
    expect(events.some((e) => e.name === 'cart_abandoned')).toBe(true);
  });
});
