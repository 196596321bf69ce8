import type { MessageKey } from '../../i18n/en.ts';

export interface StoredDecision {
  winner: string;
  metric?: string;
  variants?: { key: string; sent: number; rate: number }[];
  confidence: number;
  significant?: boolean;
  decidedBy: string;
}

/**
 * Why a variant won, from the decision's numbers rather than the sentence the server stored in English: the
 * leader's and runner-up's rates, the confidence, and whether the difference may be chance.
 */
export function abDecisionText(
  decision: StoredDecision,
): { key: MessageKey; params: Record<string, string | number> }[] {
  const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
  const variants = decision.variants ?? [];
  const metric = decision.metric ?? 'opens';
  const lines: { key: MessageKey; params: Record<string, string | number> }[] = [];
  if (decision.decidedBy === 'manual')
    lines.push({ key: 'ab.chosenByHand', params: { winner: decision.winner } });
  const ranked = [...variants].sort((a, b) => b.rate - a.rate);
  const [leader, runnerUp] = ranked;
  if (!leader || !runnerUp || variants.every((v) => v.sent === 0)) {
    lines.push({ key: 'ab.noTestMessages', params: { winner: decision.winner } });
  } else if (leader.rate === runnerUp.rate) {
    lines.push({
      key: `ab.tied.${metric as 'opens'}`,
      params: { rate: percent(leader.rate), winner: decision.winner },
    });
  } else {
    const significant = decision.significant ?? decision.confidence >= 0.95;
    lines.push({
      key: significant ? `ab.won.${metric as 'opens'}` : `ab.led.${metric as 'opens'}`,
      params: {
        leader: leader.key,
        rate: percent(leader.rate),
        other: runnerUp.key,
        otherRate: percent(runnerUp.rate),
        confidence: percent(decision.confidence),
      },
    });
  }
  return lines;
}
