/**
 * Failed sign-ins allowed inside the window. Per account and client address: an attacker guessing from one place
 * is stopped after five, yet cannot lock the real user (signing in from elsewhere) out. Per address: one place
 * spraying many accounts. Per account, from anywhere: a slower cap on guessing spread over many addresses.
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perAccountAndIp: 5,
  perIp: 30,
  perAccount: 50,
} as const;

/**
 * For each scope, when the failure that fills its limit happened (the limit-th newest inside the window), or null
 * while the scope is under its limit.
 */
export interface LimitFillingFailures {
  accountAndIp: Date | null;
  ip: Date | null;
  account: Date | null;
}

/** Seconds until every full scope has room for another attempt again; 0 when an attempt is allowed now. */
export function signInRetryAfter(
  filling: LimitFillingFailures,
  now: Date,
  limits: { windowSeconds: number } = SIGN_IN_LIMITS,
): number {
  const full = [filling.accountAndIp, filling.ip, filling.account].filter((at): at is Date => at !== null);
  if (!full.length) return 0;
  const freedAt = Math.max(...full.map((at) => at.getTime() + limits.windowSeconds * 1000));
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}
