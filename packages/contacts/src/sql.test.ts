import { describe, expect, it } from 'vitest';
import { list, statementName } from './sql.ts';

describe('array literal parameters', () => {
  it('quote every element and escape quotes and backslashes', () => {
    expect(list(['a', 'b c'])).toBe('{"a","b c"}');
    expect(list(['say "hi"', 'back\\slash', null, '{x,y}'])).toBe(
      '{"say \\"hi\\"","back\\\\slash",NULL,"{x,y}"}',
    );
    expect(list([])).toBe('{}');
  });
});

describe('prepared statement names', () => {
  it('come from the second run of a text with parameters, the same each time', () => {
    const query = 'select ? as unit_test_probe';
    expect(statementName(query, [1])).toBeUndefined();
    const name = statementName(query, [2]);
    expect(name).toMatch(/^sb_[\w-]{24}_\d+$/);
    expect(name!.length).toBeLessThan(64);
    expect(statementName(query, [3])).toBe(name);
    expect(statementName('select ? as another_probe', [1])).toBeUndefined();
  });

  it('are never given to a text without parameters (it may hold several statements)', () => {
    const query = 'select 1 as no_parameters; select 2';
    for (let i = 0; i < 3; i++) expect(statementName(query, [])).toBeUndefined();
  });

  it('stop at a bound, keeping the names already given', () => {
    const kept = 'select ? as kept_probe';
    statementName(kept, [1]);
    const name = statementName(kept, [1]);
    const texts = Array.from({ length: 600 }, (_, i) => `select ? as generated_${i}`);
    for (const text of texts) statementName(text, [1]);
    const namedNow = texts.filter((text) => statementName(text, [1]) !== undefined);
    expect(namedNow.length).toBeGreaterThan(400);
    expect(namedNow.length).toBeLessThan(500);
    expect(statementName(kept, [1])).toBe(name);
  });
});
