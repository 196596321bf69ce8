/**
 * How many emails a new sending domain may send on its n-th day (day 0 = the day warm-up started). Mailbox providers
 * judge a new domain by its first weeks, so volume roughly doubles every two days from a small start and is
 * unlimited after six weeks.
 */
const RAMP = [50, 100, 200, 400, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 20_000];
const DAYS_PER_STEP = 3;

export function warmupDailyLimit(warmupStartedAt: Date | null, now: Date): number | null {
  if (!warmupStartedAt) return null;
  const day = Math.floor((now.getTime() - warmupStartedAt.getTime()) / 86_400_000);
  if (day < 0) return RAMP[0] ?? null;
  const step = Math.floor(day / DAYS_PER_STEP);
  return step < RAMP.length ? (RAMP[step] ?? null) : null;
}
