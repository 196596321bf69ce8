import { Migration20261126000000Foundation } from './Migration20261126000000Foundation.ts';
import { Migration20261126140000Contacts } from './Migration20261126140000Contacts.ts';
import { Migration20261126150000Segments } from './Migration20261126150000Segments.ts';
import { Migration20261126152000Consents } from './Migration20261126152000Consents.ts';
import { Migration20261126160000ImportsAndMembership } from './Migration20261126160000ImportsAndMembership.ts';
import { Migration20261126170000SegmentMembership } from './Migration20261126170000SegmentMembership.ts';
import { Migration20261126180000ScoringAndCrm } from './Migration20261126180000ScoringAndCrm.ts';
import { Migration20261126190000ContactSearch } from './Migration20261126190000ContactSearch.ts';
import { Migration20261126200000SubscriptionTopics } from './Migration20261126200000SubscriptionTopics.ts';
import { Migration20261126210000Messaging } from './Migration20261126210000Messaging.ts';
import { Migration20261127000000TemplatesAndCampaigns } from './Migration20261127000000TemplatesAndCampaigns.ts';
import { Migration20261127010000HandedToProvider } from './Migration20261127010000HandedToProvider.ts';
import { Migration20261127020000EventsWithoutContactLocks } from './Migration20261127020000EventsWithoutContactLocks.ts';
import { Migration20261127080000EventsByContactAndName } from './Migration20261127080000EventsByContactAndName.ts';
import { Migration20261127090000AttributeStatistics } from './Migration20261127090000AttributeStatistics.ts';
import { Migration20261127100000ImportContacts } from './Migration20261127100000ImportContacts.ts';
import { Migration20261127110000NotificationEmailOutbox } from './Migration20261127110000NotificationEmailOutbox.ts';
import { Migration20261205000000SuppressionReasons } from './Migration20261205000000SuppressionReasons.ts';
import { Migration20261206000000JourneyEngine } from './Migration20261206000000JourneyEngine.ts';
import { Migration20261206100000ConversionDefinitions } from './Migration20261206100000ConversionDefinitions.ts';
import { Migration20261207000000Inbox } from './Migration20261207000000Inbox.ts';
import { Migration20261207010000InboxServiceLevels } from './Migration20261207010000InboxServiceLevels.ts';
import { Migration20261208000000InboxTeams } from './Migration20261208000000InboxTeams.ts';
import { Migration20261208010000InboxAttachments } from './Migration20261208010000InboxAttachments.ts';
import { Migration20261210000000ContactNameSearch } from './Migration20261210000000ContactNameSearch.ts';
import { Migration20261211000000Webhooks } from './Migration20261211000000Webhooks.ts';
import { Migration20261212000000ContactImportOrigin } from './Migration20261212000000ContactImportOrigin.ts';
import { Migration20261213000000MessageTemplateVersions } from './Migration20261213000000MessageTemplateVersions.ts';
import { Migration20261214000000ContactPinyinSearch } from './Migration20261214000000ContactPinyinSearch.ts';
import { Migration20261215000000AttributionTouches } from './Migration20261215000000AttributionTouches.ts';
import { Migration20261209000000MessageRollups } from './Migration20261209000000MessageRollups.ts';
import { Migration20261208020000InboxOfflineSweep } from './Migration20261208020000InboxOfflineSweep.ts';
import { Migration20261206110000MessagePrices } from './Migration20261206110000MessagePrices.ts';
import { Migration20261205100000Journeys } from './Migration20261205100000Journeys.ts';

/** Listed explicitly (not globbed) so migrations run the same from TypeScript sources, bundles and tests. */
export const migrationsList = [
  { name: 'Migration20261126000000Foundation', class: Migration20261126000000Foundation },
  { name: 'Migration20261126140000Contacts', class: Migration20261126140000Contacts },
  { name: 'Migration20261126150000Segments', class: Migration20261126150000Segments },
  { name: 'Migration20261126152000Consents', class: Migration20261126152000Consents },
  {
    name: 'Migration20261126160000ImportsAndMembership',
    class: Migration20261126160000ImportsAndMembership,
  },
  { name: 'Migration20261126170000SegmentMembership', class: Migration20261126170000SegmentMembership },
  { name: 'Migration20261126180000ScoringAndCrm', class: Migration20261126180000ScoringAndCrm },
  { name: 'Migration20261126190000ContactSearch', class: Migration20261126190000ContactSearch },
  { name: 'Migration20261126200000SubscriptionTopics', class: Migration20261126200000SubscriptionTopics },
  { name: 'Migration20261126210000Messaging', class: Migration20261126210000Messaging },
  {
    name: 'Migration20261127000000TemplatesAndCampaigns',
    class: Migration20261127000000TemplatesAndCampaigns,
  },
  { name: 'Migration20261127010000HandedToProvider', class: Migration20261127010000HandedToProvider },
  {
    name: 'Migration20261127020000EventsWithoutContactLocks',
    class: Migration20261127020000EventsWithoutContactLocks,
  },
  {
    name: 'Migration20261127080000EventsByContactAndName',
    class: Migration20261127080000EventsByContactAndName,
  },
  { name: 'Migration20261127090000AttributeStatistics', class: Migration20261127090000AttributeStatistics },
  { name: 'Migration20261127100000ImportContacts', class: Migration20261127100000ImportContacts },
  {
    name: 'Migration20261127110000NotificationEmailOutbox',
    class: Migration20261127110000NotificationEmailOutbox,
  },
  {
    name: 'Migration20261205000000SuppressionReasons',
    class: Migration20261205000000SuppressionReasons,
  },
  { name: 'Migration20261205100000Journeys', class: Migration20261205100000Journeys },
  { name: 'Migration20261206000000JourneyEngine', class: Migration20261206000000JourneyEngine },
  {
    name: 'Migration20261206100000ConversionDefinitions',
    class: Migration20261206100000ConversionDefinitions,
  },
  { name: 'Migration20261206110000MessagePrices', class: Migration20261206110000MessagePrices },
  { name: 'Migration20261207000000Inbox', class: Migration20261207000000Inbox },
  {
    name: 'Migration20261207010000InboxServiceLevels',
    class: Migration20261207010000InboxServiceLevels,
  },
  { name: 'Migration20261208000000InboxTeams', class: Migration20261208000000InboxTeams },
  {
    name: 'Migration20261208010000InboxAttachments',
    class: Migration20261208010000InboxAttachments,
  },
  {
    name: 'Migration20261208020000InboxOfflineSweep',
    class: Migration20261208020000InboxOfflineSweep,
  },
  { name: 'Migration20261209000000MessageRollups', class: Migration20261209000000MessageRollups },
  {
    name: 'Migration20261210000000ContactNameSearch',
    class: Migration20261210000000ContactNameSearch,
  },
  { name: 'Migration20261211000000Webhooks', class: Migration20261211000000Webhooks },
  {
    name: 'Migration20261212000000ContactImportOrigin',
    class: Migration20261212000000ContactImportOrigin,
  },
  {
    name: 'Migration20261213000000MessageTemplateVersions',
    class: Migration20261213000000MessageTemplateVersions,
  },
  {
    name: 'Migration20261214000000ContactPinyinSearch',
    class: Migration20261214000000ContactPinyinSearch,
  },
  {
    name: 'Migration20261215000000AttributionTouches',
    class: Migration20261215000000AttributionTouches,
  },
];
