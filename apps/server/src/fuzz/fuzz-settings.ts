import type fc from 'fast-check';

/**
 * One seed for the whole suite (FUZZ_SEED to replay a failure, FUZZ_RUNS to go deeper): fast-check prints the seed,
 * the path and the shrunk counterexample whenever a property fails, so a red run can be replayed exactly.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS_SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);

export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)), endOnFailure: false };
}

/** Percent-encodes bytes as a URL would carry them, keeping % sequences the fuzzer wrote as they are. */
export function urlPart(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
  // A URL carries bytes: a lone surrogate goes as UTF-8's replacement bytes, as a browser would send it.
  return percentEncodeBytes(Buffer.from(text, 'utf8'), '%');
}

/** Raw bytes in a URL: unreserved ASCII as is, everything else %XX (so invalid UTF-8 reaches the server as sent). */
export function percentEncodeBytes(bytes: Uint8Array, keep = ''): string {
  let out = '';
  for (const byte of bytes)
    out +=
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) || keep.includes(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}
