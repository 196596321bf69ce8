import {
  ScheduleAlreadyRunning,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import type { campaignWorkflow, CampaignProgress } from './workflows/campaign.workflow.ts';

/** What the API needs from Temporal to run campaigns; the server builds it once, tests can build their own. */
export interface CampaignControl {
  start(campaignId: string, startAt: Date | null): Promise<void>;
  pause(campaignId: string): Promise<void>;
  resume(campaignId: string): Promise<void>;
  cancel(campaignId: string): Promise<void>;
  chooseWinner(campaignId: string, variant: string): Promise<void>;
  progress(campaignId: string): Promise<CampaignProgress | null>;
}

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;

export function temporalCampaignControl(client: Client, taskQueue: string): CampaignControl {
  const handle = (id: string) => client.workflow.getHandle(campaignWorkflowId(id));
  const signal = async (id: string, name: string, ...args: unknown[]) => {
    try {
      await handle(id).signal(name, ...args);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      throw error;
    }
  };
  return {
    async start(campaignId, startAt) {
      try {
        await client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
          workflowId: campaignWorkflowId(campaignId),
          taskQueue,
          args: [{ version: 1, campaignId, startAt: startAt?.toISOString() ?? null }],
          // A campaign runs once: a finished run's id is never reused for a second send.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (error) {
        // Sending twice (double click, retried request) is the same campaign run.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    },
    pause: (id) => signal(id, 'pauseCampaign'),
    resume: (id) => signal(id, 'resumeCampaign'),
    cancel: (id) => signal(id, 'cancelCampaign'),
    chooseWinner: (id, variant) => signal(id, 'chooseWinner', variant),
    async progress(campaignId) {
      try {
        return await handle(campaignId).query<CampaignProgress>('campaignProgress');
      } catch {
        // Finished long ago or not started: the database has the figures.
        return null;
      }
    },
  };
}

export const CAMPAIGN_SCHEDULER_ID = 'switchboard-campaign-scheduler';

/** The every-minute schedule that starts due campaigns and recurring runs; the first worker creates it. */
export async function ensureCampaignScheduler(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: `${CAMPAIGN_SCHEDULER_ID}-${taskQueue}`,
      spec: { intervals: [{ every: '1 minute' }] },
      action: { type: 'startWorkflow', workflowType: 'startDueCampaignsWorkflow', taskQueue, args: [] },
      policies: { overlap: 'SKIP' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
