import { describe, expect, it } from 'vitest';
import { abDecisionText } from './ab-decision-text.ts';

const variants = [
  { key: 'A', sent: 500, rate: 0.206 },
  { key: 'B', sent: 500, rate: 0.383 },
];

describe('abDecisionText', () => {
  it('says who won on which rates and how sure, from the numbers', () => {
    expect(
      abDecisionText({
        winner: 'B',
        metric: 'opens',
        variants,
        confidence: 1,
        significant: true,
        decidedBy: 'automatic',
      }),
    ).toEqual([
      {
        key: 'ab.won.opens',
        params: { leader: 'B', rate: '38.3%', other: 'A', otherRate: '20.6%', confidence: '100.0%' },
      },
    ]);
  });

  it('says when the difference may be chance, a tie, no test, and a choice made by hand', () => {
    const led = abDecisionText({
      winner: 'B',
      metric: 'clicks',
      variants,
      confidence: 0.8,
      decidedBy: 'automatic',
    });
    expect(led[0]!.key).toBe('ab.led.clicks');
    const tied = abDecisionText({
      winner: 'A',
      metric: 'opens',
      variants: [variants[0]!, { ...variants[1]!, rate: 0.206 }],
      confidence: 0.5,
      decidedBy: 'automatic',
    });
    expect(tied[0]).toEqual({ key: 'ab.tied.opens', params: { rate: '20.6%', winner: 'A' } });
    expect(abDecisionText({ winner: 'A', variants: [], confidence: 0, decidedBy: 'automatic' })[0]!.key).toBe(
      'ab.noTestMessages',
    );
    expect(
      abDecisionText({ winner: 'A', metric: 'opens', variants, confidence: 1, decidedBy: 'manual' }).map(
        (l) => l.key,
      ),
    ).toEqual(['ab.chosenByHand', 'ab.won.opens']);
  });
});
