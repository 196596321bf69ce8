import { describe, expect, it } from 'vitest';
import { emptyRules, isUnfinished, newCondition, type SegmentRules } from './rule-model.ts';

const group = (...conditions: SegmentRules['conditions']): SegmentRules => ({
  kind: 'group',
  match: 'all',
  conditions,
});

describe('isUnfinished', () => {
  it('waits for the blanks a new condition starts with', () => {
    expect(isUnfinished(emptyRules())).toBe(false);
    expect(isUnfinished(group(newCondition('tag')))).toBe(true);
    expect(isUnfinished(group(newCondition('segment')))).toBe(true);
    expect(isUnfinished(group(newCondition('attribute', 'plan')))).toBe(true);
    expect(isUnfinished(group({ kind: 'tag', op: 'has', value: 'vip' }))).toBe(false);
  });

  it('needs no value where the operator compares with none, and looks inside nested groups', () => {
    expect(isUnfinished(group({ kind: 'attribute', key: 'plan', op: 'exists', value: '' }))).toBe(false);
    expect(isUnfinished(group(newCondition('lifecycle'), newCondition('event')))).toBe(false);
    const nested = group(newCondition('lifecycle'), {
      kind: 'group',
      match: 'any',
      conditions: [{ kind: 'event', op: 'did', name: ' ', atLeast: 1, withinDays: 30, where: [] }],
    } as unknown as SegmentRules['conditions'][number]);
    expect(isUnfinished(nested)).toBe(true);
  });

  it('waits for an event’s property filter to have a property and a value', () => {
    const viewed = (where: { key: string; value: string }[]) =>
      group({ kind: 'event', op: 'did', name: 'product_viewed', atLeast: 1, withinDays: 30, where });
    expect(isUnfinished(viewed([{ key: '', value: '' }]))).toBe(true);
    expect(isUnfinished(viewed([{ key: 'sku', value: ' ' }]))).toBe(true);
    expect(isUnfinished(viewed([{ key: 'sku', value: 'SB-PRO' }]))).toBe(false);
  });
});
