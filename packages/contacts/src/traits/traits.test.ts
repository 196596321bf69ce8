import { describe, expect, it } from 'vitest';
import { coerceAttribute, inferAttributeType, isValidAttributeKey } from './attribute-types.ts';
import { applyTraits, mergeTraits } from './last-write-wins.ts';
import { furthestStage } from './lifecycle.ts';

describe('attribute types', () => {
  it('infers a type from the first value seen', () => {
    expect(inferAttributeType(3)).toBe('number');
    expect(inferAttributeType(true)).toBe('boolean');
    expect(inferAttributeType(['a'])).toBe('list');
    expect(inferAttributeType('2026-02-30')).toBe('date'); // Date.parse is lenient; the value is kept as sent
    expect(inferAttributeType('1988-04-12')).toBe('date');
    expect(inferAttributeType('Berlin')).toBe('text');
    expect(inferAttributeType({ nested: 1 })).toBeNull();
  });

  it('coerces CSV-style strings and refuses what does not fit, with a reason', () => {
    expect(coerceAttribute('number', '42.5')).toEqual({ ok: true, value: 42.5 });
    expect(coerceAttribute('number', 'forty')).toEqual({ ok: false, message: 'must be a number' });
    expect(coerceAttribute('boolean', 'Yes')).toEqual({ ok: true, value: true });
    expect(coerceAttribute('boolean', 'maybe').ok).toBe(false);
    expect(coerceAttribute('date', '2026-11-26T09:30:00Z')).toEqual({
      ok: true,
      value: '2026-11-26T09:30:00Z',
    });
    expect(coerceAttribute('date', '26.11.2026').ok).toBe(false);
    expect(coerceAttribute('list', 'vip; newsletter;vip')).toEqual({
      ok: true,
      value: ['vip', 'newsletter'],
    });
    expect(coerceAttribute('text', 'x'.repeat(2001)).ok).toBe(false);
    expect(coerceAttribute('text', null)).toEqual({ ok: true, value: null });
  });

  it('accepts attribute keys that are safe identifiers only', () => {
    expect(isValidAttributeKey('plan_tier')).toBe(true);
    for (const bad of ['', '1st', 'a-b', 'a b', "x'; drop table contacts; --", 'é'])
      expect(isValidAttributeKey(bad)).toBe(false);
  });
});

describe('last-write-wins traits', () => {
  const t = (iso: string) => new Date(iso);
  it('ignores a write older than the value it would replace', () => {
    const a = applyTraits(
      { values: {}, writtenAt: {} },
      { plan: 'pro', city: 'Berlin' },
      t('2026-11-02T00:00:00Z'),
    );
    const b = applyTraits(a, { plan: 'free', city: 'Hamburg' }, t('2026-11-01T00:00:00Z'));
    expect(b.values).toEqual({ plan: 'pro', city: 'Berlin' });
    const c = applyTraits(b, { plan: 'enterprise' }, t('2026-11-03T00:00:00Z'));
    expect(c.values).toEqual({ plan: 'enterprise', city: 'Berlin' });
  });

  it('merges two contacts key by key, newest write winning', () => {
    const survivor = {
      values: { plan: 'pro', city: 'Berlin' },
      writtenAt: { plan: '2026-11-05T00:00:00.000Z', city: '2026-10-01T00:00:00.000Z' },
    };
    const absorbed = {
      values: { city: 'Shanghai', vip: true },
      writtenAt: { city: '2026-11-01T00:00:00.000Z', vip: '2026-09-01T00:00:00.000Z' },
    };
    expect(mergeTraits(survivor, absorbed).values).toEqual({ plan: 'pro', city: 'Shanghai', vip: true });
  });

  it('keeps the furthest lifecycle stage', () => {
    expect(furthestStage('lead', 'customer')).toBe('customer');
    expect(furthestStage('mql', 'subscriber')).toBe('mql');
  });
});
