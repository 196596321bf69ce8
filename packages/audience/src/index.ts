export {
  createAudienceRefreshActivities,
  type AudienceRefreshActivities,
  type AudienceRefreshDeps,
} from './activities/audience-refresh-activities.ts';
export { ensureAudienceRefresh, audienceRefreshWorkflowId } from './start-audience-refresh.ts';
