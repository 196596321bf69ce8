import { Workspace } from './workspaces/workspace.entity.ts';
import { Membership } from './workspaces/membership.entity.ts';
import { Invite } from './workspaces/invite.entity.ts';
import { ApiKey } from './workspaces/api-key.entity.ts';
import { AuditEntry } from './workspaces/audit-entry.entity.ts';
import { User } from './identity/user.entity.ts';
import { Session } from './identity/session.entity.ts';
import { SignInAttempt } from './identity/sign-in-attempt.entity.ts';
import { SandboxChatMessage } from './sandbox/sandbox-chat-message.entity.ts';
import { Contact } from './contacts/contact.entity.ts';
import { PinyinSyllable } from './contacts/pinyin-syllable.entity.ts';
import { ContactEvent } from './contacts/contact-event.entity.ts';
import { AttributeDefinition } from './contacts/attribute-definition.entity.ts';
import { Suppression } from './contacts/suppression.entity.ts';
import { ContactRedirect } from './contacts/contact-redirect.entity.ts';
import { Segment } from './segments/segment.entity.ts';
import { ScoringRule, LifecycleThreshold, AssignmentRule } from './scoring/scoring.entity.ts';
import { Notification } from './identity/notification.entity.ts';
import { Company } from './crm/company.entity.ts';
import { Deal, DealContact, Note } from './crm/crm.entity.ts';
import { SubscriptionTopic } from './contacts/subscription-topic.entity.ts';
import { SegmentMember } from './segments/segment-member.entity.ts';
import {
  ContactImport,
  ImportBatch,
  ImportContact,
  ImportRejection,
  ImportColumnMapping,
} from './imports/contact-import.entity.ts';
import { Consent, ConsentChange } from './contacts/consent.entity.ts';
import { Message, MessageEvent } from './messaging/message.entity.ts';
import { SendingDomain } from './messaging/sending-domain.entity.ts';
import { InboundMessage } from './messaging/inbound-message.entity.ts';
import { MessagingPolicy, SendCounter } from './messaging/messaging-policy.entity.ts';
import { Template, TemplateVersion, SavedBlock } from './content/template.entity.ts';
import { Campaign, CampaignRecipient } from './campaigns/campaign.entity.ts';
import {
  Journey,
  JourneyInstance,
  JourneyStepEvent,
  JourneyVersion,
  JourneyWait,
  JourneyDispatchCursor,
} from './journeys/journey.entity.ts';
import { ConversionDefinition } from './analytics/conversion-definition.entity.ts';
import { MessageRollup, MessageRollupStale } from './analytics/message-rollup.entity.ts';
import {
  AttributionChain,
  AttributionChannelStep,
  AttributionKey,
  AttributionTouch,
} from './analytics/attribution-touch.entity.ts';
import { WebhookDelivery, WebhookEndpoint } from './webhooks/webhook.entity.ts';
import {
  Conversation,
  ConversationEntry,
  InboxEvent,
  InboxAgent,
  InboxSettings,
  CannedResponse,
  InboxTeam,
  InboxTeamMember,
  InboxAttachment,
} from './inbox/inbox.entity.ts';

/** Every entity the ORM knows; the migrations must produce exactly this schema (see schema-drift test). */
export const allEntities = [
  Workspace,
  Membership,
  Invite,
  ApiKey,
  AuditEntry,
  User,
  Session,
  SignInAttempt,
  SandboxChatMessage,
  Contact,
  PinyinSyllable,
  ContactEvent,
  AttributeDefinition,
  Suppression,
  ContactRedirect,
  Segment,
  Consent,
  ConsentChange,
  SegmentMember,
  ContactImport,
  ImportBatch,
  ImportContact,
  ImportRejection,
  ImportColumnMapping,
  ScoringRule,
  LifecycleThreshold,
  AssignmentRule,
  Notification,
  Company,
  Deal,
  DealContact,
  Note,
  SubscriptionTopic,
  SendingDomain,
  Message,
  MessageEvent,
  InboundMessage,
  MessagingPolicy,
  SendCounter,
  Template,
  TemplateVersion,
  SavedBlock,
  Campaign,
  CampaignRecipient,
  Journey,
  JourneyVersion,
  JourneyInstance,
  JourneyStepEvent,
  JourneyWait,
  JourneyDispatchCursor,
  ConversionDefinition,
  MessageRollup,
  MessageRollupStale,
  AttributionKey,
  AttributionTouch,
  AttributionChain,
  AttributionChannelStep,
  Conversation,
  ConversationEntry,
  InboxEvent,
  InboxAgent,
  InboxSettings,
  CannedResponse,
  InboxTeam,
  InboxTeamMember,
  InboxAttachment,
  WebhookEndpoint,
  WebhookDelivery,
];
