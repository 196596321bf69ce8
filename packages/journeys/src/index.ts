export {
  journeyGraphSchema,
  journeyNodeSchema,
  journeySettingsSchema,
  triggerSchema,
  branchConditionSchema,
  updateActionSchema,
  propertyFilterSchema,
  outletsOf,
  targetOf,
  CHANNELS,
  WAITING_TYPES,
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
  type JourneyProblem,
  type ValidationContext,
} from './definition/validate-journey.ts';
export { splitOutlet, stableHash, indexGraph, stepAfter } from './definition/journey-steps.ts';
export { RECIPES, RECIPE_KEYS, recipeGraph, type RecipeKey } from './definition/recipes.ts';
export { describeChanges } from './definition/journey-changes.ts';
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
