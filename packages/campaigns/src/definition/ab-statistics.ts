/**
 * Bayesian and planning statistics for A/B tests on a rate (opens, clicks, conversions per message sent), beside the
 * frequentist confidence in ab-decision.ts. Pure; each variant is `successes` out of `sent`.
 */
import { normalCdf } from './ab-decision.ts';

export interface Proportion {
  sent: number;
  successes: number;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 significant digits. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/**
 * The probability that variant b's true rate is higher than a's, with a uniform Beta(1, 1) prior on each: the exact
 * sum over b's successes (Evan Miller's closed form). Exact up to 20,000 successes; beyond that the posteriors are
 * normal enough to compare as normals.
 */
export function probabilityToBeat(b: Proportion, a: Proportion): number {
  const [alphaA, betaA] = [a.successes + 1, a.sent - a.successes + 1];
  const [alphaB, betaB] = [b.successes + 1, b.sent - b.successes + 1];
  if (alphaB - 1 > 20_000) {
    const mean = (al: number, be: number) => al / (al + be);
    const variance = (al: number, be: number) => (al * be) / ((al + be) ** 2 * (al + be + 1));
    const z =
      (mean(alphaB, betaB) - mean(alphaA, betaA)) /
      Math.sqrt(variance(alphaA, betaA) + variance(alphaB, betaB));
    return normalCdf(z);
  }
  let total = 0;
  const fixed = logBeta(alphaA, betaA);
  for (let i = 0; i < alphaB; i++)
    total += Math.exp(
      logBeta(alphaA + i, betaA + betaB) - Math.log(betaB + i) - logBeta(1 + i, betaB) - fixed,
    );
  return Math.min(1, Math.max(0, total));
}

/** Relative change of b's rate over a's (0.25 = 25 % better), or null when a's rate is 0. */
export function uplift(b: Proportion, a: Proportion): number | null {
  const rateA = a.sent ? a.successes / a.sent : 0;
  const rateB = b.sent ? b.successes / b.sent : 0;
  return rateA > 0 ? rateB / rateA - 1 : null;
}

/**
 * Recipients each variant needs for a two-sided test at 95 % confidence with 80 % power to tell rate `a` from rate
 * `b` (the standard two-proportion formula); null when the rates are equal (no size would do).
 */
export function sampleSizePerVariant(rateA: number, rateB: number): number | null {
  if (rateA === rateB) return null;
  const zAlpha = 1.959963984540054;
  const zPower = 0.8416212335729143;
  const mean = (rateA + rateB) / 2;
  const n =
    (zAlpha * Math.sqrt(2 * mean * (1 - mean)) +
      zPower * Math.sqrt(rateA * (1 - rateA) + rateB * (1 - rateB))) **
      2 /
    (rateA - rateB) ** 2;
  return Math.ceil(n);
}
