import type { ConversionPath, Credits, Transition } from './conversion-path.ts';
import { markov } from './markov-attribution.ts';
import { firstTouch, lastTouch, linear, positionBased, timeDecay } from './rule-based-attribution.ts';

export const ATTRIBUTION_MODELS = ['first', 'last', 'linear', 'time-decay', 'position', 'markov'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const DEFAULT_HALF_LIFE_HOURS = 7 * 24;

export interface AttributionOptions {
  models?: readonly AttributionModel[];
  halfLifeHours?: number;
  /** Paths that did not convert, as transition counts (only the Markov model reads them). */
  unconverted?: readonly Transition[];
}

/**
 * Credits per model and key for a set of paths. Every key touched on any path is listed under every model (0 when a
 * model gives it nothing), so models can be read side by side; each model's credits sum to the converted value.
 */
export function attribute(
  paths: readonly ConversionPath[],
  options: AttributionOptions = {},
): Partial<Record<AttributionModel, Credits>> {
  const halfLifeMs = (options.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS) * 3_600_000;
  const run: Record<AttributionModel, () => Credits> = {
    first: () => firstTouch(paths),
    last: () => lastTouch(paths),
    linear: () => linear(paths),
    'time-decay': () => timeDecay(halfLifeMs)(paths),
    position: () => positionBased(paths),
    markov: () => markov(paths, options.unconverted),
  };
  const keys = new Set<string>();
  for (const path of paths) for (const touch of path.touches) keys.add(touch.key);
  for (const t of options.unconverted ?? [])
    for (const key of [t.from, t.to]) if (key !== null) keys.add(key);
  const result: Partial<Record<AttributionModel, Credits>> = {};
  for (const model of options.models ?? ATTRIBUTION_MODELS) {
    const credits = run[model]();
    const listed: Credits = Object.fromEntries([...keys].sort().map((k) => [k, 0]));
    result[model] = Object.assign(listed, credits);
  }
  return result;
}
