export { createHealthActivities, type HealthActivities } from './activities/health-activities.ts';
export {
  createHousekeepingActivities,
  type HousekeepingActivities,
} from './activities/housekeeping-activities.ts';
export {
  ensureHousekeepingSchedule,
  ensureReportRollupsSchedule,
  HOUSEKEEPING_SCHEDULE_ID,
  reportRollupsScheduleId,
} from './housekeeping-schedule.ts';
export type { HealthCheckInput } from './workflows/health-check.workflow.ts';
export const HEALTH_WORKFLOW = 'healthCheckWorkflow';
