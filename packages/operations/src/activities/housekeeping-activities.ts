import { purgeExpiredAccountData } from '@switchboard/accounts';
import { prepareAttributionChains, refreshMessageRollups } from '@switchboard/analytics';
import { settleContactRedirects } from '@switchboard/contacts';
import type { Database } from '@switchboard/db';
import { purgeOldInboxEvents } from '@switchboard/inbox';

/** Deletes what has outlived its purpose; runs from the hourly housekeeping schedule. */
export function createHousekeepingActivities(deps: { db: Database; clock?: () => Date }) {
  return {
    async purgeExpired(): Promise<{
      sessions: number;
      signInAttempts: number;
      invites: number;
      inboxEvents: number;
    }> {
      const accounts = await purgeExpiredAccountData(deps.db.fork(), deps.clock?.() ?? new Date());
      // The inbox's change feed only serves screens that reconnect; a day is far longer than any reconnect.
      return { ...accounts, inboxEvents: await purgeOldInboxEvents(deps.db.fork()) };
    },
    /** Events that raced a merge or an erasure follow the contact's redirect (see contact-redirects.ts). */
    async settleContactRedirects(): Promise<{ repointed: number; deleted: number }> {
      return settleContactRedirects(deps.db.fork());
    },
    /** Rebuilds the report rollups' stale hours, so a report rarely has more than a minute of writes to fold in. */
    async refreshReportRollups(): Promise<number> {
      const hours = await refreshMessageRollups(deps.db.fork());
      // Chains new reports will read are built here, in the background, not in someone's first page load.
      await prepareAttributionChains(deps.db.fork());
      return hours;
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;
