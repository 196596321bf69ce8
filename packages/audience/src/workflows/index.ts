export { audienceRefreshWorkflow, type AudienceRefreshInput } from './audience-refresh.workflow.ts';
