/** Waits after the 1st, 2nd… failed attempt; the last one repeats until the delivery is RETRY_FOR_MS old. */
const BACKOFF_MS = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
];

/** How long a delivery keeps being retried before it is marked failed: three days, as the big providers do. */
export const RETRY_FOR_MS = 3 * 24 * 3_600_000;

/**
 * When to try again after `attempts` failed attempts, or null when the delivery has run out of time. A random
 * ±10 % spreads the retries of a burst that failed together, so a recovering receiver is not hit all at once.
 */
export function nextAttemptAt(
  createdAt: Date,
  attempts: number,
  now: Date,
  options: { retryForMs?: number; random?: () => number } = {},
): Date | null {
  const retryForMs = options.retryForMs ?? RETRY_FOR_MS;
  const base = BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
  const jitter = 1 + ((options.random ?? Math.random)() * 0.2 - 0.1);
  const next = new Date(now.getTime() + Math.round(base * jitter));
  const deadline = createdAt.getTime() + retryForMs;
  if (now.getTime() >= deadline) return null;
  return next.getTime() > deadline ? new Date(deadline) : next;
}
