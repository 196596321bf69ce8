export {
  IDENTITY_KINDS,
  IdentityError,
  normaliseEmail,
  normalisePhone,
  normaliseIdentities,
  type Identities,
  type IdentityKind,
} from './identity/identities.ts';
export { identifyContact, type IdentifyInput, type IdentifyResult } from './identity/identify.ts';
export { nextTraits, type ProfileFields, type TraitColumns } from './traits/profile-traits.ts';
export { mergedProfile } from './identity/merge-contacts.ts';
export { settleContactRedirects } from './identity/contact-redirects.ts';
export {
  ingestEvents,
  UnknownContactError,
  type EventInput,
  type IngestResult,
} from './events/ingest-events.ts';
export { AttributeSchema, type FieldErrors } from './attributes/attribute-schema.ts';
export {
  ATTRIBUTE_TYPES,
  coerceAttribute,
  inferAttributeType,
  type AttributeType,
  type AttributeValue,
} from './traits/attribute-types.ts';
export { LIFECYCLE_STAGES, type LifecycleStage } from './traits/lifecycle.ts';
export { contactView, type ContactRow, type ContactView } from './profile/contact-row.ts';
export { personName, type NameParts } from './profile/person-name.ts';
export { parseContactReference, type ParsedReference } from './profile/contact-reference.ts';
export {
  findContact,
  contactNamedBy,
  requireContact,
  contactTimeline,
  type TimelineEntry,
} from './profile/contact-profile.ts';
export { eraseContact } from './privacy/erase-contact.ts';
export { exportContact } from './privacy/export-contact.ts';
export { isSuppressed, suppress } from './privacy/suppressions.ts';
export { suppressionHash } from './privacy/suppression-hash.ts';
export {
  listSuppressions,
  lookUpSuppressions,
  addSuppressions,
  removeSuppressions,
  suppressionChangeInput,
  suppressionLookupInput,
  SUPPRESSION_REASONS,
  MANAGED_REASONS,
  type SuppressionView,
} from './privacy/suppression-list.ts';
export {
  identifySchema,
  isTimeZone,
  topicKey,
  trackSchema,
  batchSchema,
  patchContactSchema,
  BATCH_MAX_ITEMS,
  type IdentifyBody,
  type TrackBody,
  type BatchBody,
} from './inputs/ingestion-schemas.ts';
export { identifyInputFrom, eventInputFrom, InputError } from './inputs/request-inputs.ts';
export { seedDemo } from './demo/seed-demo.ts';
export { seedDemoAudience } from './demo/seed-demo-audience.ts';
export { demoPeople, demoEvents } from './demo/demo-people.ts';
export {
  listContacts,
  contactFilterSql,
  bulkTargetSql,
  bulkTag,
  type ContactListQuery,
  type ContactFilter,
  type BulkTarget,
} from './profile/contact-list.ts';
export { EventGroupCommit, type GroupCommitOptions } from './events/group-commit.ts';
export { sql, list, TEXT_LIST, OPAQUE_TEXT_LIST } from './sql.ts';
export { contactsCsv } from './export/contacts-csv.ts';
export { csvCell, csvRow } from './export/csv-cell.ts';
export {
  recordConsent,
  contactConsents,
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  CONSENT_SOURCES,
  type ConsentChangeInput,
} from './consent/consent.ts';
export { seededRandom } from './demo/seeded-random.ts';
export { uuidV7 } from './identity/uuid-v7.ts';
export {
  listAttributeDefinitions,
  defineAttribute,
  relabelAttribute,
} from './attributes/attribute-definitions.ts';
export { setContactOwner } from './profile/contact-owner.ts';
export {
  createCompany,
  listCompanies,
  setContactCompany,
  companyOf,
  normaliseDomain,
} from './crm/companies.ts';
export { saveDeal, dealsOfContact, type DealInput, type DealView, type DealStage } from './crm/deals.ts';
export { addNote, notesOf, deleteNote } from './crm/notes.ts';
export {
  requestDoubleOptIn,
  confirmDoubleOptIn,
  signDoubleOptIn,
  verifyDoubleOptIn,
  type DoubleOptInRequest,
} from './consent/double-opt-in.ts';
export {
  OPT_IN_PAGES,
  optInLanguage,
  optInLanguageOfHeader,
  type OptInLanguage,
} from './consent/double-opt-in-copy.ts';
export { seedDemoCrm } from './demo/seed-demo-crm.ts';
export { listTopics, saveTopic, type TopicInput } from './consent/topics.ts';
export {
  localParts,
  instantOfLocal,
  parseClock,
  assertValidDate,
  instantsForLocal,
  endOfGap,
  MINUTE_MS,
  DAY_MS,
  type LocalParts,
} from './time/zoned-time.ts';
export { eventCatalogue, type CatalogueEntry } from './events/event-catalogue.ts';
