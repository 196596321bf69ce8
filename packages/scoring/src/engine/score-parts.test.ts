import { describe, expect, it } from 'vitest';
import { roundToTotal } from './score-parts.ts';

describe('roundToTotal', () => {
  it('rounds parts so they add up to the rounded total', () => {
    expect(roundToTotal([40, 1.26, 20])).toEqual([40, 1, 20]);
    // Three fading rules at 0.4 each: the score is 1, so one of them shows it.
    expect(roundToTotal([0.4, 0.4, 0.4])).toEqual([1, 0, 0]);
    expect(roundToTotal([2.6, 2.6]).reduce((a, b) => a + b)).toBe(5);
    expect(roundToTotal([-5, 12.5])).toEqual([-5, 13]);
    expect(roundToTotal([])).toEqual([]);
  });
});
