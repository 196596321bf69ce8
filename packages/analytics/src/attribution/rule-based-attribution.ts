import {
  addCredit,
  touchesOrDirect,
  type ConversionPath,
  type Credits,
  type Touch,
} from './conversion-path.ts';

/** How a rule shares one conversion among its touches: weights in touch order that sum to 1. */
type ShareRule = (touches: Touch[], conversionAt: number) => number[];

/** Applies a share rule to every converted path; paths that did not convert earn nobody anything. */
function creditBy(rule: ShareRule) {
  return (paths: readonly ConversionPath[]): Credits => {
    const credits: Credits = {};
    for (const path of paths) {
      if (!path.conversion) continue;
      const touches = touchesOrDirect({ ...path, conversion: path.conversion });
      const shares = rule(touches, path.conversion.at);
      touches.forEach((touch, i) => addCredit(credits, touch.key, path.conversion!.value * shares[i]!));
    }
    return credits;
  };
}

const only = (n: number, index: number) => Array.from({ length: n }, (_, i) => (i === index ? 1 : 0));

/** Everything to the first touch. */
export const firstTouch = creditBy((touches) => only(touches.length, 0));

/** Everything to the last touch before the conversion. */
export const lastTouch = creditBy((touches) => only(touches.length, touches.length - 1));

/** An equal share to every touch (a channel touched twice gets two shares). */
export const linear = creditBy((touches) => touches.map(() => 1 / touches.length));

/**
 * Each touch weighs 2^(−age / half-life), its age measured back from the conversion, and the weights are scaled to
 * sum to 1: a touch one half-life older than another earns half as much.
 */
export function timeDecay(halfLifeMs: number) {
  if (!(halfLifeMs > 0)) throw new RangeError('The half-life must be a positive duration');
  return creditBy((touches, conversionAt) => {
    const weights = touches.map((t) => 2 ** (-Math.max(0, conversionAt - t.at) / halfLifeMs));
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => w / total);
  });
}

/**
 * 40 % to the first touch, 40 % to the last, 20 % shared equally by the touches between; one touch takes 100 %,
 * two take 50 % each.
 */
export const positionBased = creditBy((touches) => {
  const n = touches.length;
  if (n === 1) return [1];
  if (n === 2) return [0.5, 0.5];
  return touches.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)));
});
