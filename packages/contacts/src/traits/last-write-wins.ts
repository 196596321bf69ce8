import type { AttributeValue } from './attribute-types.ts';

/** Attribute values with the time each was last written, so merges and late events resolve deterministically. */
export interface TimestampedTraits {
  values: Record<string, AttributeValue>;
  /** ISO timestamps per key. */
  writtenAt: Record<string, string>;
}

/**
 * Applies `incoming` written at `at`: a key changes only if this write is not older than the one it replaces, so an
 * identify call replayed late cannot undo a newer change.
 */
export function applyTraits(
  current: TimestampedTraits,
  incoming: Record<string, AttributeValue>,
  at: Date,
): TimestampedTraits {
  const values = { ...current.values };
  const writtenAt = { ...current.writtenAt };
  const stamp = at.toISOString();
  for (const [key, value] of Object.entries(incoming)) {
    const previous = writtenAt[key];
    if (previous !== undefined && previous > stamp) continue;
    values[key] = value;
    writtenAt[key] = stamp;
  }
  return { values, writtenAt };
}

/** Merges two contacts' traits key by key, keeping the most recently written value (ties keep `survivor`'s). */
export function mergeTraits(survivor: TimestampedTraits, absorbed: TimestampedTraits): TimestampedTraits {
  const values = { ...survivor.values };
  const writtenAt = { ...survivor.writtenAt };
  for (const [key, value] of Object.entries(absorbed.values)) {
    const theirs = absorbed.writtenAt[key] ?? '';
    const ours = writtenAt[key];
    if (ours === undefined || theirs > ours) {
      values[key] = value;
      writtenAt[key] = theirs;
    }
  }
  return { values, writtenAt };
}
