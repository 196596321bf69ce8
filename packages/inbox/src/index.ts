export {
  publishInboxEvent,
  inboxEventsAfter,
  latestInboxEventId,
  purgeOldInboxEvents,
  INBOX_CHANNEL,
  type InboxEventRow,
  type InboxEventKind,
} from './realtime/inbox-events.ts';
export {
  InboxEventHub,
  type InboxStreamItem,
  type LiveSignal,
  type InboxHubDeps,
} from './realtime/inbox-event-hub.ts';
export {
  conversationSummaries,
  contactName,
  type ConversationSummary,
  type ConversationCause,
  type ConversationChannel,
  type ConversationStatus,
  type ConversationPriority,
} from './conversations/conversation-summary.ts';
export { conversationEntries, type ConversationEntryView } from './conversations/conversation-entries.ts';
export { appendEntry, announce, type NewEntry } from './conversations/conversation-feed.ts';
export { fileInbound, type InboundToFile } from './conversations/file-inbound.ts';
export { smsThreadKey, wechatThreadKey, emailThreadKey, previewOf } from './conversations/thread-key.ts';
export {
  listConversations,
  inboxCounts,
  contactConversations,
  type InboxView,
  type StatusFilter,
  type ViewCounts,
} from './conversations/conversation-list.ts';
export {
  assignConversation,
  changeStatus,
  setPriority,
  setTeam,
  setLabels,
  normaliseLabels,
  markConversationRead,
  addNote,
  answeringMembers,
  type Actor,
  type StatusChange,
} from './conversations/conversation-actions.ts';
export { mentionedMembers, type Mentionable } from './conversations/mentions.ts';
export { nextAgentInTurn, ONLINE_WINDOW_SECONDS } from './assignment/round-robin.ts';
export { openInboxTask, type InboxTask } from './conversations/open-task.ts';
export {
  recentSends,
  contactOfConversation,
  recordContactAction,
  type RecentSend,
} from './conversations/contact-context.ts';
export {
  listTeams,
  saveTeam,
  deleteTeam,
  teamForChannel,
  type InboxTeamView,
  type InboxTeamInput,
} from './teams/inbox-teams.ts';
export {
  touchPresence,
  releaseOfflineAgent,
  releaseAgentsGoneOffline,
  agentStates,
  updateAgent,
  type AgentState,
} from './agents/agent-presence.ts';
export {
  loadInboxSettings,
  saveInboxSettings,
  DEFAULT_INBOX_SETTINGS,
  type InboxSettingsView,
} from './settings/inbox-settings.ts';
export {
  addBusinessMinutes,
  businessMinutesBetween,
  checkBusinessHours,
  type BusinessHours,
} from './sla/business-time.ts';
export { nextSlaDeadline, warningTime, type SlaKind, type SlaPolicy } from './sla/sla-targets.ts';
export {
  listCannedResponses,
  saveCannedResponse,
  deleteCannedResponse,
  type CannedResponseView,
} from './canned/canned-responses.ts';
export { wakeSnoozedConversation } from './timers/wake-snoozed.ts';
export { temporalConversationTimers } from './timers/schedule-wake.ts';
export { ensureOfflineAgentsSweep } from './timers/offline-sweep-schedule.ts';
export { createInboxActivities, type InboxActivities } from './activities/inbox-activities.ts';
export { passSlaCheckpoint, type SlaCheckpoint } from './sla/sla-checkpoint.ts';
export { SlaTimerScheduler } from './sla/sla-timer-scheduler.ts';
export { refreshSla } from './sla/refresh-sla.ts';
export { ratingToken, readRatingToken, ratingIn } from './csat/rating-token.ts';
export { recordRating, ratingPage, type RatingOutcome } from './csat/record-rating.ts';
export { inboxReport, type InboxReport, type AgentFigures } from './reports/inbox-report.ts';
export {
  storeAttachment,
  attachmentRefs,
  attachmentContent,
  signedMediaPath,
  validMediaSignature,
  sniffImage,
  safeFilename,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_REPLY,
  type AttachmentRef,
} from './attachments/inbox-attachments.ts';
