import { describe, expect, it } from 'vitest';
import {
  attributeKeyFor,
  columnKey,
  formatTarget,
  mappingProblems,
  parseTarget,
  proposeMapping,
  type ColumnTarget,
} from './import-mapping.ts';

describe('import mapping', () => {
  it('parses and formats every kind of target, and names what is wrong with a bad one', () => {
    for (const text of ['email', 'tags', 'ignore', 'attribute:plan', 'attribute:seats:number'])
      expect(formatTarget(parseTarget(text) as ColumnTarget)).toBe(text);
    expect(parseTarget('attribute:9lives')).toEqual({ error: expect.stringContaining('"9lives"') as string });
    expect(parseTarget('attribute:plan:money')).toEqual({
      error: expect.stringContaining('"money"') as string,
    });
    expect(parseTarget('mail')).toEqual({
      error: expect.stringContaining('"mail" is not a target') as string,
    });
  });

  it('proposes fields from common and Chinese header names, attributes for the rest, one column per field', () => {
    const header = [
      'E-Mail',
      'Mobile Number',
      'First Name',
      'surname',
      '微信号',
      'Plan Tier',
      'email',
      '???',
    ];
    expect(proposeMapping(header).map(formatTarget)).toEqual([
      'email',
      'phone',
      'firstName',
      'lastName',
      'wechatId',
      'attribute:plan_tier',
      'ignore',
      'ignore',
    ]);
  });

  it('knows German export headers too', () => {
    expect(proposeMapping(['E-Mail-Adresse', 'Handy', 'Vorname', 'Nachname']).map(formatTarget)).toEqual([
      'email',
      'phone',
      'firstName',
      'lastName',
    ]);
  });

  it('prefers what the workspace chose before for the same column name', () => {
    const remembered = new Map<string, ColumnTarget>([[columnKey('Plan Tier'), { kind: 'ignore' }]]);
    expect(proposeMapping(['plan_tier', 'Email'], remembered).map(formatTarget)).toEqual(['ignore', 'email']);
  });

  it('refuses a mapping with no identity column or a field mapped twice', () => {
    expect(mappingProblems(['Name'], [{ kind: 'field', field: 'firstName' }]).mapping).toMatch(
      /at least one/,
    );
    const twice = mappingProblems(
      ['a', 'b'],
      [
        { kind: 'field', field: 'email' },
        { kind: 'field', field: 'email' },
      ],
    );
    expect(twice['mapping.b']).toBe('email is already mapped from column "a"');
  });

  it('derives attribute names from headers', () => {
    expect(attributeKeyFor(' Plan Tier ')).toBe('plan_tier');
    expect(attributeKeyFor('2024 spend')).toBeNull();
  });
});
