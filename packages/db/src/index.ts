export { openDatabase, migrateDatabase, type Database, type EntityManager } from './database.ts';
export { createOrmConfig, type DatabaseOptions } from './orm-config.ts';
export { allEntities } from './entities.ts';
export { Workspace } from './workspaces/workspace.entity.ts';
export { Membership } from './workspaces/membership.entity.ts';
export { Invite } from './workspaces/invite.entity.ts';
export { ApiKey } from './workspaces/api-key.entity.ts';
export { AuditEntry } from './workspaces/audit-entry.entity.ts';
export { ROLES, type Role } from './workspaces/roles.ts';
export { User } from './identity/user.entity.ts';
export { Session } from './identity/session.entity.ts';
export { SignInAttempt } from './identity/sign-in-attempt.entity.ts';
export { SandboxChatMessage } from './sandbox/sandbox-chat-message.entity.ts';
export {
  Contact,
  LIFECYCLE_STAGE_VALUES,
  CONTACT_SEARCH_TEXT,
  CONTACT_FAMILY_GIVEN,
  CONTACT_GIVEN_FAMILY,
  CONTACT_NAME_IS_CHINESE,
  CONTACT_FAMILY_GIVEN_PINYIN,
  CONTACT_GIVEN_FAMILY_PINYIN,
} from './contacts/contact.entity.ts';
export { ContactEvent } from './contacts/contact-event.entity.ts';
export { AttributeDefinition, ATTRIBUTE_TYPE_VALUES } from './contacts/attribute-definition.entity.ts';
export { Suppression } from './contacts/suppression.entity.ts';
export { ContactRedirect } from './contacts/contact-redirect.entity.ts';
export { Segment, SEGMENT_KINDS } from './segments/segment.entity.ts';
export { SegmentMember } from './segments/segment-member.entity.ts';
export {
  ContactImport,
  ImportBatch,
  ImportContact,
  ImportRejection,
  ImportColumnMapping,
  IMPORT_STATUSES,
} from './imports/contact-import.entity.ts';
export { Consent, ConsentChange, CONSENT_CHANNELS, CONSENT_STATUSES } from './contacts/consent.entity.ts';
export { ScoringRule, LifecycleThreshold, AssignmentRule } from './scoring/scoring.entity.ts';
export { Notification } from './identity/notification.entity.ts';
export { Company } from './crm/company.entity.ts';
export { Deal, DealContact, Note, DEAL_STAGES } from './crm/crm.entity.ts';
export { SubscriptionTopic } from './contacts/subscription-topic.entity.ts';
export {
  Message,
  MessageEvent,
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  MESSAGE_SOURCES,
  MESSAGE_STATUSES,
  MESSAGE_EVENT_KINDS,
} from './messaging/message.entity.ts';
export { SendingDomain } from './messaging/sending-domain.entity.ts';
export { InboundMessage } from './messaging/inbound-message.entity.ts';
export { MessagingPolicy, SendCounter } from './messaging/messaging-policy.entity.ts';
export { Template, TemplateVersion, SavedBlock, TEMPLATE_FORMATS } from './content/template.entity.ts';
export { Campaign, CampaignRecipient, CAMPAIGN_STATUSES } from './campaigns/campaign.entity.ts';
export {
  findUnstorableInput,
  unstorableTextReason,
  storableText,
  decodeUtf8Strict,
  MAX_INPUT_DEPTH,
  type UnstorableInput,
} from './storable-input.ts';
export {
  Journey,
  JourneyVersion,
  JourneyInstance,
  JourneyStepEvent,
  JourneyWait,
  JourneyDispatchCursor,
  JOURNEY_STATUSES,
  JOURNEY_INSTANCE_STATUSES,
} from './journeys/journey.entity.ts';
export {
  ConversionDefinition,
  CONVERSION_KINDS,
  TOUCH_KINDS,
} from './analytics/conversion-definition.entity.ts';
export { MessageRollup, MessageRollupStale } from './analytics/message-rollup.entity.ts';
export {
  AttributionChain,
  AttributionChannelStep,
  AttributionKey,
  AttributionTouch,
} from './analytics/attribution-touch.entity.ts';
export {
  Conversation,
  ConversationEntry,
  InboxEvent,
  InboxAgent,
  InboxSettings,
  CannedResponse,
  InboxTeam,
  InboxTeamMember,
  InboxAttachment,
  CONVERSATION_STATUSES,
  CONVERSATION_PRIORITIES,
  CONVERSATION_ENTRY_KINDS,
} from './inbox/inbox.entity.ts';
export { WebhookEndpoint, WebhookDelivery, WEBHOOK_DELIVERY_STATUSES } from './webhooks/webhook.entity.ts';
