import { describe, expect, it } from 'vitest';
import { attribute } from './attribution-models.ts';
import { markov, TouchChain } from './markov-attribution.ts';
import type { ConversionPath } from './conversion-path.ts';

const DAY = 86_400_000;
const T = Date.parse('2026-11-30T12:00:00Z');
const path = (keys: [string, number][], value: number | null): ConversionPath => ({
  touches: keys.map(([key, daysBefore]) => ({ key, at: T - daysBefore * DAY })),
  conversion: value === null ? null : { at: T, value },
});

/**
 * By hand: P1 email(14 d before) → sms(7 d before) → converts 100; P2 email → no conversion; P3 sms → converts 50.
 * Chain: start→email 2/3, start→sms 1/3, email→sms 1/2, email→null 1/2, sms→conversion 1.
 * P(conversion) = 2/3·1/2 + 1/3 = 2/3; without email 1/3 (effect 1/2); without sms 0 (effect 1).
 */
const paths = [
  path(
    [
      ['email', 14],
      ['sms', 7],
    ],
    100,
  ),
  path([['email', 3]], null),
  path([['sms', 1]], 50),
];

describe('attribution models on hand-computed paths', () => {
  const credits = attribute(paths);

  it('first and last touch give everything to one end of each converted path', () => {
    expect(credits.first).toEqual({ email: 100, sms: 50 });
    expect(credits.last).toEqual({ email: 0, sms: 150 });
  });

  it('linear shares equally; position-based gives two touches 50/50', () => {
    expect(credits.linear).toEqual({ email: 50, sms: 100 });
    expect(credits.position).toEqual({ email: 50, sms: 100 });
  });

  it('time decay halves a touch’s weight per half-life of age (7 days by default)', () => {
    // P1: weights 2^-2 and 2^-1 → shares 1/3 and 2/3 of 100; P3 all to sms.
    expect(credits['time-decay']!.email).toBeCloseTo(100 / 3, 9);
    expect(credits['time-decay']!.sms).toBeCloseTo(200 / 3 + 50, 9);
    const halfDay = attribute(paths, { models: ['time-decay'], halfLifeHours: 7 * 24 * 2 });
    // A 14-day half-life: weights 2^-1 and 2^-0.5.
    const a = 2 ** -1;
    const b = 2 ** -0.5;
    expect(halfDay['time-decay']!.email).toBeCloseTo((100 * a) / (a + b), 9);
  });

  it('Markov credits by removal effect, normalised to the converted value', () => {
    const chain = new TouchChain(paths);
    expect(chain.conversionProbability()).toBeCloseTo(2 / 3, 12);
    expect(chain.conversionProbability('email')).toBeCloseTo(1 / 3, 12);
    expect(chain.conversionProbability('sms')).toBeCloseTo(0, 12);
    // Effects 1/2 and 1 → shares 1/3 and 2/3 of 150.
    expect(credits.markov!.email).toBeCloseTo(50, 9);
    expect(credits.markov!.sms).toBeCloseTo(100, 9);
  });

  it('every model’s credits sum to the converted value', () => {
    for (const [model, c] of Object.entries(credits))
      expect(
        Object.values(c).reduce((a, b) => a + b, 0),
        model,
      ).toBeCloseTo(150, 9);
  });
});

describe('attribution edge cases', () => {
  it('position-based: 40 % first, 40 % last, 20 % shared by the middle; one touch takes all', () => {
    const four = attribute(
      [
        path(
          [
            ['a', 4],
            ['b', 3],
            ['c', 2],
            ['d', 1],
          ],
          100,
        ),
        path([['e', 1]], 10),
      ],
      { models: ['position'] },
    );
    expect(four.position!.a).toBeCloseTo(40, 12);
    expect(four.position!.b).toBeCloseTo(10, 12);
    expect(four.position!.c).toBeCloseTo(10, 12);
    expect(four.position!.d).toBeCloseTo(40, 12);
    expect(four.position!.e).toBe(10);
  });

  it('a repeated channel counts once per touch in linear and keeps its self-transition in the chain', () => {
    const repeated = [
      path(
        [
          ['email', 3],
          ['email', 2],
          ['sms', 1],
        ],
        30,
      ),
      path([['sms', 1]], null),
    ];
    expect(attribute(repeated, { models: ['linear'] }).linear).toEqual({ email: 20, sms: 10 });
    // start→email 1/2, start→sms 1/2, email→email 1/2, email→sms 1/2, sms→conversion 1/2, sms→null 1/2:
    // P = 1/2; without email 1/4 (effect 1/2); without sms 0 (effect 1) → 10 and 20.
    const chain = new TouchChain(repeated);
    expect(chain.conversionProbability()).toBeCloseTo(0.5, 12);
    expect(chain.conversionProbability('email')).toBeCloseTo(0.25, 12);
    const m = markov(repeated);
    expect(m.email).toBeCloseTo(10, 9);
    expect(m.sms).toBeCloseTo(20, 9);
  });

  it('a conversion without a touch is direct in every model', () => {
    const { markov: chain, ...rules } = attribute([path([], 20), path([['email', 1]], 10)]);
    for (const c of Object.values(rules)) expect(c).toEqual({ email: 10, direct: 20 });
    // Markov credits by conversion probability, not by each path's value: removing either loses half the
    // conversions, so each earns half of the 30.
    expect(chain!.direct).toBeCloseTo(15, 9);
    expect(chain!.email).toBeCloseTo(15, 9);
  });

  it('nothing converted: every touched key is listed with 0', () => {
    const credits = attribute([path([['sms', 1]], null)]);
    for (const c of Object.values(credits)) expect(c).toEqual({ sms: 0 });
  });

  it('a touch at the conversion instant has full weight in time decay', () => {
    const credits = attribute([path([['chat', 0]], 5)], { models: ['time-decay'], halfLifeHours: 1 });
    expect(credits['time-decay']).toEqual({ chat: 5 });
  });

  it('paths that did not convert may come grouped: a path counted 3 times weighs as three paths', () => {
    const spread = [
      ...paths,
      path([['email', 2]], null),
      path([['email', 1]], null),
      path([['sms', 2]], null),
    ];
    const grouped = [...paths, { ...path([['email', 2]], null), count: 2 }, path([['sms', 2]], null)];
    expect(markov(grouped)).toEqual(markov(spread));
    expect(markov(grouped)).not.toEqual(markov(paths));
  });

  it('paths that did not convert may come as transition counts: the same chain, the same credits', () => {
    const unconverted = [
      path(
        [
          ['email', 5],
          ['email', 4],
          ['sms', 2],
        ],
        null,
      ),
      path([['email', 2]], null),
      path([['sms', 1]], null),
    ];
    const converted = paths.filter((p) => p.conversion);
    // email→email once, email→sms once; starts: email 2, sms 1; ends: sms 2, email 1.
    const transitions = [
      { from: null, to: 'email', count: 2 },
      { from: null, to: 'sms', count: 1 },
      { from: 'email', to: 'email', count: 1 },
      { from: 'email', to: 'sms', count: 1 },
      { from: 'email', to: null, count: 1 },
      { from: 'sms', to: null, count: 2 },
    ];
    const whole = markov([...converted, ...unconverted]);
    const counted = markov(converted, transitions);
    for (const key of Object.keys(whole)) expect(counted[key]).toBeCloseTo(whole[key]!, 12);
    expect(Object.keys(counted).sort()).toEqual(['email', 'sms']);
    expect(attribute(converted, { unconverted: transitions }).markov).toEqual(counted);
  });
});
