import { describe, expect, it } from 'vitest';
import { inputSelecting, ruleApplies } from './input-access.ts';

describe('permissions selected by a procedure’s input', () => {
  it('matches a value at a path, or the presence of a path', () => {
    const input = { target: { filter: { tag: 'vip' } }, action: { kind: 'addToList', listName: 'x' } };
    expect(ruleApplies({ when: 'action.kind=addToList' }, input)).toBe(true);
    expect(ruleApplies({ when: 'action.kind=tag' }, input)).toBe(false);
    expect(ruleApplies({ when: 'target.filter' }, input)).toBe(true);
    expect(ruleApplies({ when: 'target.filter' }, { target: { ids: [] } })).toBe(false);
    expect(ruleApplies({ when: 'purpose=marketing' }, { purpose: 'marketing' })).toBe(true);
  });

  it('never follows inherited properties or non-objects', () => {
    expect(ruleApplies({ when: 'target.constructor' }, { target: {} })).toBe(false);
    expect(ruleApplies({ when: 'action.kind=x' }, { action: 'kind' })).toBe(false);
    expect(ruleApplies({ when: 'a' }, null)).toBe(false);
  });

  it('builds the smallest input a rule applies to', () => {
    for (const when of ['action.kind=addToList', 'target.filter', 'purpose=marketing'])
      expect(ruleApplies({ when }, inputSelecting({ when })), when).toBe(true);
  });
});
