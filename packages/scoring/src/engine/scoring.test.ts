import { describe, expect, it } from 'vitest';
import { stageEarned } from './lifecycle-advance.ts';
import { pickOwner, type AssignmentRuleView } from './pick-owner.ts';

describe('stageEarned', () => {
  const thresholds = { mql: 50, sql: 100 };
  it('moves forward to the furthest stage the score reaches', () => {
    expect(stageEarned('subscriber', 49, thresholds)).toBeNull();
    expect(stageEarned('subscriber', 50, thresholds)).toBe('mql');
    expect(stageEarned('lead', 120, thresholds)).toBe('sql');
  });
  it('never moves a contact back', () => {
    expect(stageEarned('customer', 60, thresholds)).toBeNull();
    expect(stageEarned('sql', 55, thresholds)).toBeNull();
  });
});

describe('pickOwner', () => {
  const rule = (over: Partial<AssignmentRuleView>): AssignmentRuleView => ({
    id: 'r',
    name: 'r',
    position: 0,
    stage: 'mql',
    attributeKey: null,
    attributeValue: null,
    userIds: ['u1', 'u2', 'u3'],
    nextIndex: 0,
    ...over,
  });

  it('hands out round-robin from the rule’s cursor', () => {
    const contact = { lifecycleStage: 'mql' as const, attributes: {} };
    expect(pickOwner([rule({ nextIndex: 0 })], contact)?.userId).toBe('u1');
    expect(pickOwner([rule({ nextIndex: 4 })], contact)?.userId).toBe('u2');
  });

  it('takes the first rule by position whose stage and attribute match', () => {
    const eu = rule({
      id: 'eu',
      position: 1,
      attributeKey: 'region',
      attributeValue: 'EU',
      userIds: ['eva'],
    });
    const everyone = rule({ id: 'all', position: 2, userIds: ['sam'] });
    const sqlOnly = rule({ id: 'sql', position: 0, stage: 'sql', userIds: ['sal'] });
    const rules = [everyone, sqlOnly, eu];
    expect(pickOwner(rules, { lifecycleStage: 'mql', attributes: { region: 'eu' } })?.rule.id).toBe('eu');
    expect(pickOwner(rules, { lifecycleStage: 'mql', attributes: { region: 'APAC' } })?.rule.id).toBe('all');
    expect(pickOwner(rules, { lifecycleStage: 'sql', attributes: {} })?.rule.id).toBe('sql');
    expect(pickOwner(rules, { lifecycleStage: 'lead', attributes: {} })).toBeNull();
  });

  it('skips rules whose users have all left', () => {
    expect(pickOwner([rule({ userIds: [] })], { lifecycleStage: 'mql', attributes: {} })).toBeNull();
  });
});
