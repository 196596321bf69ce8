/**
 * What the attribution models read: one contact's touches before a conversion (or before nothing, for a path that
 * did not convert). A touch is named by a key — a channel, a campaign, a journey step or a template, whatever the
 * report credits — so one set of models serves every breakdown.
 */
export interface Touch {
  key: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface ConversionPath {
  /** In time order, none after the conversion. */
  touches: Touch[];
  conversion: { at: number; value: number } | null;
  /**
   * How many contacts followed exactly this path (paths that did not convert arrive grouped by their sequence of
   * keys, with the times of one of them); 1 when absent.
   */
  count?: number;
}

/** Credit per key, in the unit of the conversions' value; over a set of paths the credits sum to the converted value. */
export type Credits = Record<string, number>;

/** The key a conversion without any touch in its window is credited to. */
export const DIRECT = 'direct';

export function addCredit(credits: Credits, key: string, amount: number): void {
  credits[key] = (credits[key] ?? 0) + amount;
}

/** The touches of a converted path, or a single direct touch at the conversion when it had none. */
export function touchesOrDirect(path: ConversionPath & { conversion: { at: number } }): Touch[] {
  return path.touches.length > 0 ? path.touches : [{ key: DIRECT, at: path.conversion.at }];
}

/**
 * Paths seen only as counts of their steps: `count` times a path went from `from` (null: its start) to `to` (null:
 * it ended without a conversion). Enough for the Markov model, which reads nothing else of a path.
 */
export interface Transition {
  from: string | null;
  to: string | null;
  count: number;
}
