import { describe, expect, it } from 'vitest';
import { confidenceThatBeats, decideWinner, normalCdf } from './ab-decision.ts';

describe('A/B winner decision', () => {
  it('computes the normal CDF accurately enough for percentages', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normalCdf(-1.645)).toBeCloseTo(0.05, 3);
  });

  it('picks the higher rate and calls a large difference significant', () => {
    const decision = decideWinner(
      [
        { key: 'A', sent: 1000, successes: 200 },
        { key: 'B', sent: 1000, successes: 260 },
      ],
      'opens',
    );
    expect(decision.winner).toBe('B');
    expect(decision.significant).toBe(true);
    expect(decision.confidence).toBeGreaterThan(0.99);
    expect(decision.reason).toContain('B won with 26.0% human opens against 20.0% for A');
  });

  it('still picks the leader of a small test but says it may be chance', () => {
    const decision = decideWinner(
      [
        { key: 'A', sent: 50, successes: 10 },
        { key: 'B', sent: 50, successes: 12 },
        { key: 'C', sent: 50, successes: 9 },
      ],
      'clicks',
    );
    expect(decision.winner).toBe('B');
    expect(decision.significant).toBe(false);
    expect(decision.reason).toContain('may be chance');
    expect(decision.variants.map((v) => v.rate)).toEqual([0.2, 0.24, 0.18]);
  });

  it('gives a tie to the first variant and an empty test to the first variant too', () => {
    expect(
      decideWinner(
        [
          { key: 'A', sent: 10, successes: 3 },
          { key: 'B', sent: 10, successes: 3 },
        ],
        'opens',
      ).winner,
    ).toBe('A');
    const empty = decideWinner(
      [
        { key: 'A', sent: 0, successes: 0 },
        { key: 'B', sent: 0, successes: 0 },
      ],
      'opens',
    );
    expect(empty.winner).toBe('A');
    expect(empty.reason).toContain('No test messages');
  });

  it('is symmetric: confidence that a beats b plus that b beats a is one', () => {
    const a = { key: 'A', sent: 400, successes: 50 };
    const b = { key: 'B', sent: 300, successes: 45 };
    expect(confidenceThatBeats(a, b) + confidenceThatBeats(b, a)).toBeCloseTo(1, 6);
  });
});
