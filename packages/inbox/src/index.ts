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
export {
  touchPresence,
  agentStates,
  updateAgent,
  loadInboxSettings,
  saveInboxSettings,
  type AgentState,
  type InboxSettingsView,
} from './agents/agent-presence.ts';
export {
  listCannedResponses,
  saveCannedResponse,
  deleteCannedResponse,
  type CannedResponseView,
} from './canned/canned-responses.ts';
export { wakeSnoozedConversation } from './timers/wake-snoozed.ts';
export { temporalConversationTimers } from './timers/schedule-wake.ts';
export { createInboxActivities, type InboxActivities } from './activities/inbox-activities.ts';
