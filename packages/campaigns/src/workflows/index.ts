export {
  campaignWorkflow,
  pauseCampaignSignal,
  resumeCampaignSignal,
  cancelCampaignSignal,
  chooseWinnerSignal,
  campaignProgressQuery,
  type CampaignWorkflowInput,
  type CampaignProgress,
} from './campaign.workflow.ts';
export { startDueCampaignsWorkflow } from './start-due-campaigns.workflow.ts';
