import { purgeExpiredAccountData } from '@switchboard/accounts';
import { settleContactRedirects } from '@switchboard/contacts';
import type { Database } from '@switchboard/db';

/** Deletes what has outlived its purpose; runs from the hourly housekeeping schedule. */
export function createHousekeepingActivities(deps: { db: Database; clock?: () => Date }) {
  return {
    async purgeExpired(): Promise<{ sessions: number; signInAttempts: number; invites: number }> {
      return purgeExpiredAccountData(deps.db.fork(), deps.clock?.() ?? new Date());
    },
    /** Events that raced a merge or an erasure follow the contact's redirect (see contact-redirects.ts). */
    async settleContactRedirects(): Promise<{ repointed: number; deleted: number }> {
      return settleContactRedirects(deps.db.fork());
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;
