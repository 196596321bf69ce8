export { stageEarned, type Thresholds } from './engine/lifecycle-advance.ts';
export { pickOwner, type AssignmentRuleView } from './engine/pick-owner.ts';
export {
  rescore,
  scoreReasons,
  workspacesWithScoring,
  type ScoreChange,
  type ScoreReason,
} from './engine/rescore.ts';
export { applyScoreChanges, assignOwners, unassignedContacts, type HandOff } from './engine/hand-off.ts';
export {
  handOffToSales,
  notifyMembers,
  membersWithRoles,
  contactDisplayName,
  type HandOffOutcome,
} from './engine/hand-off-to-sales.ts';
export {
  scoringRules,
  saveScoringRule,
  deleteScoringRule,
  lifecycleThresholds,
  setLifecycleThresholds,
  assignmentRules,
  saveAssignmentRule,
  deleteAssignmentRule,
  type ScoringRuleView,
} from './store/scoring-store.ts';
export {
  scoringRuleInput,
  thresholdsInput,
  assignmentRuleInput,
  type ScoringRuleInput,
  type AssignmentRuleInput,
} from './inputs/scoring-inputs.ts';
export { notificationEmail, sendOwedEmails, EMAIL_ATTEMPTS, type OwedEmail } from './notification-emails.ts';
