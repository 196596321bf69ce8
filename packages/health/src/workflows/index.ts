export { healthCheckWorkflow, type HealthCheckInput } from './health-check.workflow.ts';
