import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { sql } from '@switchboard/contacts';
import {
  deliverBatch,
  SendingSettingsCache,
  startDelivery,
  TemplateCache,
  type DeliveryDeps,
  type DeliveryQueues,
} from '@switchboard/messaging';
import { snapshotAudience } from '../audience/snapshot-audience.ts';
import { enqueueBatch } from '../sending/enqueue-batch.ts';
import { loadCampaign, setCampaignStatus, type CampaignStatus } from '../store/campaign-row.ts';
import { measureVariants } from '../report/variant-results.ts';
import { decideWinner, type AbDecision } from '../definition/ab-decision.ts';
import { startDueCampaigns } from '../scheduling/start-due-campaigns.ts';
import { temporalCampaignControl } from '../campaign-control.ts';

export interface CampaignActivityDeps extends DeliveryDeps {
  temporal: { client: Client; queues: DeliveryQueues };
}

export interface PreparedCampaign {
  total: number;
  testGroupSize: number;
  windowMinutes: number | null;
}

export interface BatchResult {
  processedTo: number;
  /** ISO time the next recipient is due, when the range is not finished. */
  waitUntil: string | null;
  sent: number;
  heldBack: number;
}

const heartbeat = (details?: unknown) => {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (unit tests): nothing to report to.
  }
};

/** The campaign workflow's activities: snapshot, one batch of sends, the A/B decision, status changes. */
export function createCampaignActivities(input: CampaignActivityDeps) {
  const deps: CampaignActivityDeps = {
    ...input,
    settingsCache: input.settingsCache ?? new SendingSettingsCache(),
    templateCache: input.templateCache ?? new TemplateCache(),
    email: { ...input.email, textCache: input.email.textCache ?? new Map() },
  };
  const em = () => deps.db.orm.em.fork();
  const now = () => deps.now?.() ?? new Date();

  async function campaign(campaignId: string) {
    const row = await loadCampaign(em(), campaignId);
    if (!row) throw new Error(`Campaign ${campaignId} does not exist`);
    return row;
  }

  return {
    async prepareCampaign(campaignId: string): Promise<PreparedCampaign> {
      const row = await campaign(campaignId);
      // Retrying cannot bring a deleted segment back: fail the campaign with the reason.
      if (!row.segment_id)
        throw ApplicationFailure.nonRetryable('The campaign’s segment was deleted before it was sent');
      const snapshot = await snapshotAudience(em(), {
        campaignId,
        workspaceId: row.workspace_id,
        segmentId: row.segment_id,
        channel: row.channel,
        variants: row.variants,
        abTest: row.ab_test,
        schedule: row.schedule,
        start: now(),
      });
      await sql(em(), 'update campaigns set audience_size = ?, updated_at = now() where id = ?', [
        snapshot.total,
        campaignId,
      ]);
      await setCampaignStatus(em(), campaignId, snapshot.testGroupSize > 0 ? 'testing' : 'sending');
      return { ...snapshot, windowMinutes: row.ab_test?.windowMinutes ?? null };
    },

    /**
     * One range of the snapshot: ledger rows in one statement, then one claim-and-gate transaction and the sends.
     * Gate deferrals (quiet hours, warm-up) get their own delivery workflow, which waits and asks again.
     */
    async sendCampaignBatch(range: { campaignId: string; from: number; to: number }): Promise<BatchResult> {
      const row = await campaign(range.campaignId);
      const batch = await enqueueBatch(em(), row, range, now());
      heartbeat({ enqueued: batch.messageIds.length });
      let sent = 0;
      let heldBack = 0;
      if (row.channel === 'wechat') {
        // The bot lives in another process: each message goes through its own workflow on the gateway's queue.
        for (const id of batch.messageIds)
          await startDelivery(deps.temporal.client, deps.temporal.queues, { id, channel: 'wechat' });
      } else if (batch.messageIds.length > 0) {
        const outcomes = await deliverBatch({ ...deps, heartbeat: () => heartbeat() }, batch.messageIds);
        for (const [id, outcome] of outcomes) {
          if (outcome.outcome === 'sent') sent++;
          else if (outcome.outcome === 'deferred') {
            heldBack++;
            await startDelivery(deps.temporal.client, deps.temporal.queues, { id, channel: row.channel });
          } else if (outcome.outcome !== 'finished') heldBack++;
        }
      }
      heartbeat({ sent });
      return {
        processedTo: batch.processedTo,
        waitUntil: batch.waitUntil?.toISOString() ?? null,
        sent,
        heldBack,
      };
    },

    /** The A/B decision: a manual choice stands; otherwise the test groups' results decide. */
    async decideCampaignWinner(input: { campaignId: string; manualWinner: string | null }): Promise<string> {
      const row = await campaign(input.campaignId);
      if (row.winner) return row.winner;
      const results = await measureVariants(em(), row);
      const metric = row.ab_test?.metric ?? 'opens';
      const automatic = decideWinner(results, metric);
      const decision: AbDecision = input.manualWinner
        ? {
            ...automatic,
            winner: input.manualWinner,
            decidedBy: 'manual',
            reason: `${input.manualWinner} was sent to the rest without waiting for the window. At that moment: ${automatic.reason}`,
          }
        : automatic;
      await sql(
        em(),
        `update campaigns set winner = ?, decision = ?::jsonb, status = 'sending', updated_at = now()
         where id = ? and winner is null`,
        [decision.winner, JSON.stringify(decision), input.campaignId],
      );
      return (await campaign(input.campaignId)).winner ?? decision.winner;
    },

    /** The scheduler's minute: recurring runs and scheduled campaigns' workflows. */
    startDueCampaigns() {
      return startDueCampaigns(
        em(),
        temporalCampaignControl(deps.temporal.client, deps.temporal.queues.taskQueue),
      );
    },

    async setCampaignStatus(input: { campaignId: string; status: CampaignStatus; error?: string }) {
      await setCampaignStatus(em(), input.campaignId, input.status, { error: input.error ?? null });
      if (input.status === 'cancelled') {
        // Messages waiting for quiet hours or warm-up must not go out after a cancel.
        await sql(
          em(),
          `update messages set status = 'suppressed', error_code = 'campaign_cancelled', updated_at = now()
           where workspace_id = (select workspace_id from campaigns where id = ?) and source_kind = 'campaign'
             and source_id = ? and status in ('queued', 'deferred')`,
          [input.campaignId, input.campaignId],
        );
      }
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
