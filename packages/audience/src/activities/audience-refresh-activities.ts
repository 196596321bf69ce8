import type { Database } from '@switchboard/db';
import { settleContactRedirects } from '@switchboard/contacts';
import type { TransactionalMailer } from '@switchboard/accounts';
import {
  changedContacts,
  currentCursor,
  recomputeWorkspace,
  refreshMembershipFor,
  workspacesToRecompute,
  type ChangeCursor,
} from '@switchboard/segments';
import {
  applyScoreChanges,
  assignOwners,
  rescore,
  sendOwedEmails,
  unassignedContacts,
  workspacesWithScoring,
  type HandOff,
} from '@switchboard/scoring';

/** How far back each pass looks for merges and erasures that events may have raced (a race lasts milliseconds). */
const RACE_WINDOW_MINUTES = 10;

export interface AudienceRefreshDeps {
  db: Database;
  /** Sends notification emails (hand-offs); null where no email is configured (the in-app notification still appears). */
  mailer: TransactionalMailer | null;
  publicUrl: string;
  log: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * One pass of keeping the audience current, for contacts that changed since a cursor: lead scores, the lifecycle
 * stages and owners scores lead to (hand-offs), and dynamic segment membership, in that order, because segments may
 * use scores and stages. Periodically everything is recomputed, for points that fade and rules about time passing.
 */
export function createAudienceRefreshActivities(deps: AudienceRefreshDeps) {
  return {
    audienceCursor: () => currentCursor(deps.db.fork()),

    async refreshAudience(input: { since: ChangeCursor; recomputeAll: boolean }) {
      const em = deps.db.fork();
      const handOffs: HandOff[] = [];
      let entered = 0;
      let exited = 0;
      if (input.recomputeAll)
        for (const workspaceId of await workspacesWithScoring(em))
          handOffs.push(
            ...(await em.transactional(async (tx) => {
              const changed = await applyScoreChanges(tx, workspaceId, await rescore(tx, workspaceId, 'all'));
              return [
                ...changed,
                ...(await assignOwners(tx, workspaceId, await unassignedContacts(tx, workspaceId))),
              ];
            })),
          );
      for (const workspaceId of await workspacesToRecompute(em, input.recomputeAll)) {
        const changes = await em.transactional((tx) =>
          recomputeWorkspace(tx, workspaceId, input.recomputeAll),
        );
        entered += changes.entered;
        exited += changes.exited;
      }
      // Events that raced a merge or erasure in the last minutes go to the survivor before segments look at them.
      await settleContactRedirects(em, RACE_WINDOW_MINUTES);
      const { byWorkspace, next } = await changedContacts(em, input.since);
      for (const [workspaceId, contactIds] of byWorkspace) {
        await em.transactional(async (tx) => {
          handOffs.push(
            ...(await applyScoreChanges(tx, workspaceId, await rescore(tx, workspaceId, contactIds))),
          );
          const changes = await refreshMembershipFor(tx, workspaceId, contactIds);
          entered += changes.entered;
          exited += changes.exited;
        });
      }
      // Hand-offs committed above owe their owner an email; so may those of a pass that crashed before sending.
      const emailed = await sendOwedEmails(em, deps.mailer, deps.publicUrl, deps.log);
      return { next, entered, exited, handOffs: handOffs.length, emailed };
    },
  };
}

export type AudienceRefreshActivities = ReturnType<typeof createAudienceRefreshActivities>;
