/** Failed attempts allowed inside the window before sign-in is refused, per email and per client address. */
export const SIGN_IN_LIMITS = { windowSeconds: 15 * 60, perEmail: 5, perIp: 30 } as const;

export interface RecentFailures {
  forEmail: number;
  forIp: number;
  /** When the oldest failure that still counts happened. */
  oldestAt: Date | null;
}

/** Returns the seconds to wait, or 0 when another attempt is allowed. */
export function signInRetryAfter(failures: RecentFailures, now: Date, limits = SIGN_IN_LIMITS): number {
  if (failures.forEmail < limits.perEmail && failures.forIp < limits.perIp) return 0;
  const oldest = failures.oldestAt?.getTime() ?? now.getTime();
  return Math.max(1, Math.ceil((oldest + limits.windowSeconds * 1000 - now.getTime()) / 1000));
}
