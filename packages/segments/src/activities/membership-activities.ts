import type { Database } from '@switchboard/db';
import {
  changedContacts,
  currentCursor,
  recomputeWorkspace,
  refreshMembershipFor,
  workspacesToRecompute,
  type ChangeCursor,
} from '../membership/segment-membership.ts';

/** Keeps dynamic segment membership current; one pass per call, driven by the membership workflow. */
export function createMembershipActivities(deps: { db: Database }) {
  return {
    membershipCursor: () => currentCursor(deps.db.fork()),

    /** Checks contacts changed since `since` and populates new or edited segments; returns the cursor reached. */
    async refreshMemberships(input: { since: ChangeCursor; recomputeAll: boolean }) {
      const em = deps.db.fork();
      let entered = 0;
      let exited = 0;
      for (const workspaceId of await workspacesToRecompute(em, input.recomputeAll)) {
        const changes = await em.transactional((tx) =>
          recomputeWorkspace(tx, workspaceId, input.recomputeAll),
        );
        entered += changes.entered;
        exited += changes.exited;
      }
      const { byWorkspace, next } = await changedContacts(em, input.since);
      for (const [workspaceId, contactIds] of byWorkspace) {
        const changes = await em.transactional((tx) => refreshMembershipFor(tx, workspaceId, contactIds));
        entered += changes.entered;
        exited += changes.exited;
      }
      return { next, entered, exited };
    },
  };
}

export type MembershipActivities = ReturnType<typeof createMembershipActivities>;
