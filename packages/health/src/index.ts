export { createHealthActivities, type HealthActivities } from './activities/health-activities.ts';
export type { HealthCheckInput } from './workflows/health-check.workflow.ts';
export const HEALTH_WORKFLOW = 'healthCheckWorkflow';
