import { describe, expect, it } from 'vitest';
import { logGamma, probabilityToBeat, sampleSizePerVariant, uplift } from './ab-statistics.ts';

describe('A/B statistics', () => {
  it('lnΓ matches factorials', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('probability to beat matches hand-integrated Beta posteriors', () => {
    // b ~ Beta(2, 1), a ~ Beta(1, 1): P(b > a) = E[b] = 2/3.
    expect(probabilityToBeat({ sent: 1, successes: 1 }, { sent: 0, successes: 0 })).toBeCloseTo(2 / 3, 10);
    // b ~ Beta(2, 1), a ~ Beta(1, 2): ∫ 2x (2x − x²) dx = 5/6.
    expect(probabilityToBeat({ sent: 1, successes: 1 }, { sent: 1, successes: 0 })).toBeCloseTo(5 / 6, 10);
    // Equal data: a coin toss; and the two directions add up to one.
    expect(probabilityToBeat({ sent: 400, successes: 90 }, { sent: 400, successes: 90 })).toBeCloseTo(0.5, 9);
    const ab = probabilityToBeat({ sent: 1000, successes: 130 }, { sent: 1000, successes: 100 });
    const ba = probabilityToBeat({ sent: 1000, successes: 100 }, { sent: 1000, successes: 130 });
    expect(ab + ba).toBeCloseTo(1, 9);
    expect(ab).toBeGreaterThan(0.97);
    expect(ab).toBeLessThan(0.99);
  });

  it('large tests compare normal posteriors, agreeing with the exact sum near the switch', () => {
    const exact = probabilityToBeat(
      { sent: 100_000, successes: 19_900 },
      { sent: 100_000, successes: 19_700 },
    );
    const approximate = probabilityToBeat(
      { sent: 101_000, successes: 20_099 },
      { sent: 101_000, successes: 19_897 },
    );
    expect(exact).toBeGreaterThan(0.8);
    expect(approximate).toBeCloseTo(exact, 1);
  });

  it('uplift is the relative change over the control', () => {
    expect(uplift({ sent: 100, successes: 12 }, { sent: 100, successes: 10 })).toBeCloseTo(0.2, 12);
    expect(uplift({ sent: 100, successes: 12 }, { sent: 100, successes: 0 })).toBeNull();
  });

  it('sample size: 10 % against 12 % needs about 3,841 per variant (95 % confidence, 80 % power)', () => {
    expect(sampleSizePerVariant(0.1, 0.12)).toBe(3841);
    expect(sampleSizePerVariant(0.2, 0.2)).toBeNull();
  });
});
