export {
  createAudienceRefreshActivities,
  type AudienceRefreshActivities,
  type AudienceRefreshDeps,
} from './activities/audience-refresh-activities.ts';
export { ensureAudienceRefresh, audienceRefreshWorkflowId } from './start-audience-refresh.ts';
export { seedDemo, seedDemoSetup } from './demo/seed-demo-setup.ts';
