export {
  campaignInputSchema,
  abTestSchema,
  scheduleSchema,
  variantSchema,
  VARIANT_KEYS,
  type CampaignInput,
  type StoredVariant,
} from './definition/campaign-input.ts';
export {
  decideWinner,
  confidenceThatBeats,
  type AbDecision,
  type VariantResult,
} from './definition/ab-decision.ts';
export { audienceSize, snapshotAudience, type Snapshot } from './audience/snapshot-audience.ts';
export { enqueueBatch, campaignMessageKey } from './sending/enqueue-batch.ts';
export {
  createCampaignActivities,
  type CampaignActivities,
  type CampaignActivityDeps,
} from './activities/campaign-activities.ts';
export {
  temporalCampaignControl,
  campaignWorkflowId,
  ensureCampaignScheduler,
  type CampaignControl,
} from './campaign-control.ts';
export { startDueCampaigns } from './scheduling/start-due-campaigns.ts';
export { nextCronTime, CronError } from './scheduling/cron.ts';
export {
  createCampaign,
  updateCampaign,
  getCampaign,
  listCampaigns,
  sendCampaign,
  controlCampaign,
  chooseWinner,
  duplicateCampaign,
  campaignView,
  type CampaignView,
} from './store/campaign-store.ts';
export { loadCampaign, type CampaignRow, type CampaignStatus } from './store/campaign-row.ts';
export {
  campaignReport,
  failedRecipients,
  retryFailed,
  deliveryStarter,
  campaignCsv,
  type CampaignReport,
} from './report/campaign-report.ts';
export { seedDemoCampaigns } from './demo/seed-demo-campaigns.ts';
