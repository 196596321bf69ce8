export {
  journeyGraphSchema,
  journeyNodeSchema,
  journeySettingsSchema,
  triggerSchema,
  branchConditionSchema,
  updateActionSchema,
  propertyFilterSchema,
  CHANNELS,
  type JourneyGraph,
  type JourneyNode,
  type JourneyNodeType,
  type JourneySettings,
  type JourneyTrigger,
  type BranchCondition,
  type UpdateAction,
  type PropertyFilter,
  type JourneyChannel,
} from './definition/journey-graph.ts';
export {
  validateJourney,
  PROBLEM_MESSAGES,
  type JourneyProblem,
  type JourneyProblemCode,
  type ValidationContext,
} from './definition/validate-journey.ts';
export {
  splitOutlet,
  stableHash,
  indexGraph,
  stepAfter,
  outletsOf,
  targetOf,
  WAITING_TYPES,
} from './definition/journey-steps.ts';
export { RECIPES, RECIPE_KEYS, recipeGraph, type RecipeKey } from './definition/recipes.ts';
export {
  describeChanges,
  journeyChanges,
  type JourneyChange,
  type ChangedStep,
} from './definition/journey-changes.ts';
export {
  createJourney,
  getJourney,
  listJourneys,
  publishJourney,
  saveJourneyDraft,
  setJourneyStatus,
  validationContext,
  type JourneyView,
} from './store/journey-store.ts';
export {
  createJourneyActivities,
  type JourneyActivities,
  type JourneyActivityDeps,
} from './engine/journey-activities.ts';
export {
  admitContacts,
  liveJourney,
  journeyWorkflowId,
  instancesNotStarted,
  type Admitted,
  type EnrolCandidate,
  type LiveJourney,
} from './engine/enrolment.ts';
export {
  enrolByApi,
  enrolManually,
  enrolBodySchema,
  manualEnrolSchema,
  requireLiveJourney,
  type EnrolBody,
  type InstanceSummary,
} from './engine/enrol-requests.ts';
export { journeyTemporal, type JourneyTemporal, type JourneyQueues } from './engine/start-instances.ts';
export { journeyWebhookSecret } from './engine/journey-webhook-secret.ts';
export { VersionCache } from './engine/instance-store.ts';
export { JourneyDispatcher, type JourneyDispatcherDeps } from './dispatch/journey-dispatcher.ts';
export { EventDispatch, type StoredEvent } from './dispatch/dispatch-events.ts';
export { LiveJourneys } from './dispatch/live-journeys.ts';
export { enrolDueDates } from './dispatch/date-triggers.ts';
export {
  journeyCounts,
  contactJourneys,
  type JourneyCounts,
  type StepCounts,
  type ContactJourney,
} from './store/journey-reports.ts';
export { seedDemoJourneys } from './demo/seed-demo-journeys.ts';
