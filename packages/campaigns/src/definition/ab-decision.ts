export type WinnerMetric = 'opens' | 'clicks' | 'conversions';

export interface VariantResult {
  key: string;
  /** Messages that reached the provider. */
  sent: number;
  /** Recipients who did the metric's action (human opens only; unique per message). */
  successes: number;
}

export interface VariantStatistics extends VariantResult {
  rate: number;
}

export interface AbDecision {
  winner: string;
  metric: WinnerMetric;
  variants: VariantStatistics[];
  /** How sure we are the winner beats the runner-up (one-sided two-proportion z-test), 0–1. */
  confidence: number;
  significant: boolean;
  reason: string;
  decidedBy: 'automatic' | 'manual';
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error < 1.5e-7): enough for a confidence shown in percent. */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** One-sided confidence that proportion a beats proportion b. */
export function confidenceThatBeats(a: VariantResult, b: VariantResult): number {
  if (a.sent === 0 || b.sent === 0) return 0;
  const pa = a.successes / a.sent;
  const pb = b.successes / b.sent;
  const pooled = (a.successes + b.successes) / (a.sent + b.sent);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.sent + 1 / b.sent));
  if (se === 0) return pa > pb ? 1 : 0.5;
  return normalCdf((pa - pb) / se);
}

const METRIC_WORDS: Record<WinnerMetric, string> = {
  opens: 'human opens',
  clicks: 'clicks',
  conversions: 'conversions',
};
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/**
 * Picks the variant with the best rate. Below 95% confidence it still picks the leader (the rest must get something)
 * but says the difference may be chance; a tie goes to the first variant, the control.
 */
export function decideWinner(results: VariantResult[], metric: WinnerMetric): AbDecision {
  const variants = results.map((r) => ({ ...r, rate: r.sent ? r.successes / r.sent : 0 }));
  const ranked = [...variants].sort((a, b) => b.rate - a.rate || results.indexOf(a) - results.indexOf(b));
  const best = ranked[0]!;
  const runnerUp = ranked[1];
  const words = METRIC_WORDS[metric];
  if (!runnerUp || variants.every((v) => v.sent === 0))
    return {
      winner: best.key,
      metric,
      variants,
      confidence: 0,
      significant: false,
      reason: `No test messages were sent; variant ${best.key} goes to the rest`,
      decidedBy: 'automatic',
    };
  if (best.rate === runnerUp.rate)
    return {
      winner: results[0]!.key,
      metric,
      variants,
      confidence: 0.5,
      significant: false,
      reason: `All variants tied on ${words} (${percent(best.rate)}); the first variant, ${results[0]!.key}, goes to the rest`,
      decidedBy: 'automatic',
    };
  const confidence = confidenceThatBeats(best, runnerUp);
  const significant = confidence >= 0.95;
  const comparison = `${percent(best.rate)} ${words} against ${percent(runnerUp.rate)} for ${runnerUp.key}`;
  return {
    winner: best.key,
    metric,
    variants,
    confidence,
    significant,
    reason: significant
      ? `${best.key} won with ${comparison} (${percent(confidence)} confidence)`
      : `${best.key} led with ${comparison}, but at ${percent(confidence)} confidence the difference may be chance`,
    decidedBy: 'automatic',
  };
}
