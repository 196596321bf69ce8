import { proxyActivities } from '@temporalio/workflow';
import type { CampaignActivities } from '../activities/campaign-activities.ts';

const { startDueCampaigns } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** Started every minute by a schedule: recurring runs and scheduled campaigns' workflows. */
export async function startDueCampaignsWorkflow(): Promise<{ runs: number; started: number }> {
  return startDueCampaigns();
}
