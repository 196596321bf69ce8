import {
  ActivityFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CampaignActivities } from '../activities/campaign-activities.ts';

/** Ids and counters only: no addresses, names or content in the history. */
export interface CampaignWorkflowInput {
  version: 1;
  campaignId: string;
  /** Scheduled campaigns wait until then (ISO); a cancel while waiting ends it. */
  startAt?: string | null;
  batchSize?: number;
  /** Batches in flight at once (default 2). */
  parallelBatches?: number;
  /** Set when the workflow continues as new: where it had got to. */
  progress?: CampaignProgress;
}

export interface CampaignProgress {
  phase: 'test' | 'window' | 'rest' | 'done';
  next: number;
  total: number;
  testGroupSize: number;
  windowMinutes: number | null;
  sent: number;
  heldBack: number;
  paused: boolean;
  cancelled: boolean;
  winner: string | null;
}

export const pauseCampaignSignal = defineSignal('pauseCampaign');
export const resumeCampaignSignal = defineSignal('resumeCampaign');
export const cancelCampaignSignal = defineSignal('cancelCampaign');
export const chooseWinnerSignal = defineSignal<[string]>('chooseWinner');
export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');

const { prepareCampaign, decideCampaignWinner, setCampaignStatus } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});
// Batches heartbeat; a provider outage retries the batch (the ledger makes that safe) with backoff for days. They go
// to whichever worker polls first: eager dispatch would hand every batch back to the worker running this workflow,
// so added workers would never send a campaign's mail.
const { sendCampaignBatch } = proxyActivities<CampaignActivities>({
  allowEagerDispatch: false,
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '20 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Keeps each run's history small at a million recipients: ~6 events per batch. */
const BATCHES_PER_RUN = 150;

/**
 * One campaign: wait for its time, snapshot the audience, send the A/B test groups, wait the window, pick the
 * winner, send the rest — in batches, pausable and cancellable between them.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignProgress> {
  const batchSize = input.batchSize ?? 500;
  const parallelBatches = input.parallelBatches ?? 2;
  const state: CampaignProgress = input.progress ?? {
    phase: 'test',
    next: 0,
    total: 0,
    testGroupSize: 0,
    windowMinutes: null,
    sent: 0,
    heldBack: 0,
    paused: false,
    cancelled: false,
    winner: null,
  };
  let manualWinner: string | null = null;
  setHandler(pauseCampaignSignal, () => void (state.paused = true));
  setHandler(resumeCampaignSignal, () => void (state.paused = false));
  setHandler(cancelCampaignSignal, () => void (state.cancelled = true));
  setHandler(chooseWinnerSignal, (key) => void (manualWinner = key));
  setHandler(campaignProgressQuery, () => state);

  const cancel = async () => {
    await setCampaignStatus({ campaignId: input.campaignId, status: 'cancelled' });
    state.phase = 'done';
    return state;
  };

  if (!input.progress) {
    if (input.startAt) {
      const wait = new Date(input.startAt).getTime() - Date.now();
      if (wait > 0 && (await condition(() => state.cancelled, wait))) return cancel();
    }
    let prepared: Awaited<ReturnType<typeof prepareCampaign>>;
    try {
      prepared = await prepareCampaign(input.campaignId);
    } catch (error) {
      const reason = error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
      await setCampaignStatus({ campaignId: input.campaignId, status: 'failed', error: reason });
      state.phase = 'done';
      return state;
    }
    Object.assign(state, prepared, { phase: prepared.testGroupSize > 0 ? 'test' : 'rest' });
  }

  let batchesThisRun = 0;
  const sendUpTo = async (end: number): Promise<'done' | 'cancelled' | 'continue'> => {
    while (state.next < end) {
      if (state.paused) {
        await setCampaignStatus({ campaignId: input.campaignId, status: 'paused' });
        await condition(() => !state.paused || state.cancelled);
        if (!state.cancelled)
          await setCampaignStatus({
            campaignId: input.campaignId,
            status: state.phase === 'test' ? 'testing' : 'sending',
          });
      }
      if (state.cancelled) return 'cancelled';
      if (batchesThisRun >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) return 'continue';
      // A few consecutive ranges at once: the database claim of one overlaps the SMTP conversations of another.
      const ranges: { from: number; to: number }[] = [];
      for (let from = state.next; ranges.length < parallelBatches && from < end; from += batchSize)
        ranges.push({ from, to: Math.min(end, from + batchSize) });
      const results = await Promise.all(
        ranges.map((range) => sendCampaignBatch({ campaignId: input.campaignId, ...range })),
      );
      batchesThisRun += ranges.length;
      let waitUntil: string | null = null;
      for (const [i, result] of results.entries()) {
        state.sent += result.sent;
        state.heldBack += result.heldBack;
        if (waitUntil) continue;
        state.next = result.processedTo;
        // A range that stopped early stops the walk there; later ranges sent only what was due, and re-running them
        // finds those messages already in the ledger.
        if (result.processedTo < ranges[i]!.to) waitUntil = result.waitUntil;
      }
      if (waitUntil) {
        // Local time / send-time optimisation: the snapshot is ordered by due time, so wait for the next one.
        const wait = new Date(waitUntil).getTime() - Date.now();
        if (wait > 0) await condition(() => state.cancelled || state.paused, wait);
      }
    }
    return 'done';
  };
  const next = (outcome: 'done' | 'cancelled' | 'continue') => {
    if (outcome === 'cancelled') return cancel();
    if (outcome === 'continue')
      return continueAsNew<typeof campaignWorkflow>({ ...input, startAt: null, progress: state });
    return null;
  };

  if (state.phase === 'test') {
    const stop = next(await sendUpTo(state.testGroupSize));
    if (stop) return stop;
    state.phase = 'window';
  }
  if (state.phase === 'window') {
    const windowMs = (state.windowMinutes ?? 0) * 60_000;
    await condition(() => state.cancelled || manualWinner !== null, windowMs);
    if (state.cancelled) return cancel();
    state.winner = await decideCampaignWinner({ campaignId: input.campaignId, manualWinner });
    state.phase = 'rest';
  }
  if (state.phase === 'rest') {
    const stop = next(await sendUpTo(state.total));
    if (stop) return stop;
  }
  await setCampaignStatus({ campaignId: input.campaignId, status: 'sent' });
  state.phase = 'done';
  return state;
}
