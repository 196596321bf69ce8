import { describe, expect, it } from 'vitest';
import { list } from './sql.ts';

describe('array literal parameters', () => {
  it('quote every element and escape quotes and backslashes', () => {
    expect(list(['a', 'b c'])).toBe('{"a","b c"}');
    expect(list(['say "hi"', 'back\\slash', null, '{x,y}'])).toBe(
      '{"say \\"hi\\"","back\\\\slash",NULL,"{x,y}"}',
    );
    expect(list([])).toBe('{}');
  });
});
