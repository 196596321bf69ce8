import { describe, expect, it } from 'vitest';
import { labelEvery, niceTicks } from './chart-scale.ts';

describe('niceTicks', () => {
  it('steps in round numbers up to a round maximum that holds the largest value', () => {
    expect(niceTicks(87)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(1_577)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    for (const max of [1, 7, 13, 99, 101, 999, 12_345]) {
      const ticks = niceTicks(max);
      expect(ticks.at(-1)!, String(max)).toBeGreaterThanOrEqual(max);
      expect(ticks.at(-1)!, String(max)).toBeLessThan(max * 2.6);
    }
  });
});

describe('labelEvery', () => {
  it('labels every bar when there is room, and spaces them out when there is not', () => {
    expect(labelEvery(7, 640)).toBe(1);
    expect(labelEvery(90, 640)).toBe(9);
    expect(labelEvery(0, 640)).toBe(1);
  });
});
