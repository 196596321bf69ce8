import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { ChangeCursor } from '@switchboard/segments';
import type { AudienceRefreshActivities } from '../activities/audience-refresh-activities.ts';

export interface AudienceRefreshInput {
  /** Cursors of the last passes, oldest first; each pass re-reads from the oldest so late commits are not missed. */
  cursors?: ChangeCursor[];
  /** Pause between passes (ms). */
  intervalMs?: number;
  /** How often every segment is recomputed in full (ms), for conditions that change as time passes. */
  fullEveryMs?: number;
  sinceFullMs?: number;
}

const { audienceCursor, refreshAudience } = proxyActivities<AudienceRefreshActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const PASSES_PER_RUN = 500;

/**
 * The one long-running loop that keeps scores, hand-offs and dynamic segments current: every couple of seconds it
 * handles the contacts that changed, and every few minutes it recomputes everything. It continues as new to keep its
 * history short.
 */
export async function audienceRefreshWorkflow(input: AudienceRefreshInput = {}): Promise<void> {
  const intervalMs = input.intervalMs ?? 2000;
  const fullEveryMs = input.fullEveryMs ?? 5 * 60_000;
  let cursors = input.cursors ?? [await audienceCursor()];
  // A fresh loop (no cursors yet) starts with a full pass, so new deployments and the demo are current at once.
  let sinceFullMs = input.sinceFullMs ?? (input.cursors ? 0 : fullEveryMs);
  for (let pass = 0; pass < PASSES_PER_RUN; pass++) {
    const recomputeAll = sinceFullMs >= fullEveryMs;
    const { next } = await refreshAudience({ since: cursors[0]!, recomputeAll });
    sinceFullMs = recomputeAll ? 0 : sinceFullMs + intervalMs;
    cursors = [...cursors, next].slice(-3);
    await sleep(intervalMs);
  }
  await continueAsNew<typeof audienceRefreshWorkflow>({ ...input, cursors, sinceFullMs });
}
