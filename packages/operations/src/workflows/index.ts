export { healthCheckWorkflow, type HealthCheckInput } from './health-check.workflow.ts';
export {
  housekeepingWorkflow,
  reportRollupsWorkflow,
  type HousekeepingInput,
} from './housekeeping.workflow.ts';
