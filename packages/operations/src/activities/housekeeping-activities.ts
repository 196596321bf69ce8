import { purgeExpiredAccountData } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';

/** Deletes what has outlived its purpose; runs from the hourly housekeeping schedule. */
export function createHousekeepingActivities(deps: { db: Database; clock?: () => Date }) {
  return {
    async purgeExpired(): Promise<{ sessions: number; signInAttempts: number; invites: number }> {
      return purgeExpiredAccountData(deps.db.fork(), deps.clock?.() ?? new Date());
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;
