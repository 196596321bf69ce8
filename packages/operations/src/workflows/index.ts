export { healthCheckWorkflow, type HealthCheckInput } from './health-check.workflow.ts';
export { housekeepingWorkflow, type HousekeepingInput } from './housekeeping.workflow.ts';
