import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from '../identity/user.entity.ts';
import { Company } from '../crm/company.entity.ts';

export const LIFECYCLE_STAGE_VALUES = [
  'subscriber',
  'lead',
  'mql',
  'sql',
  'opportunity',
  'customer',
] as const;

/**
 * What the contact list's search matches: email, phone, WeChat id, external id and the name in every order people
 * type it — "Ann Smith", "Smith Ann", and the unspaced forms a Chinese name is written in (first_name 芳, last_name
 * 王: "王芳", "王 芳", "芳王"). One expression, so one trigram index serves every form.
 */
export const CONTACT_SEARCH_TEXT =
  "lower(coalesce(email, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '') || coalesce(first_name, '') || ' ' || coalesce(first_name, '') || coalesce(last_name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(wechat_id, '') || ' ' || coalesce(external_id, ''))";

/** A name written family name first, then given name, unspaced (王芳): CJK name searches match its prefix. */
export const CONTACT_FAMILY_GIVEN = "lower(coalesce(last_name, '') || coalesce(first_name, ''))";
/** The same, given name first (芳王): a search for a given name, or the reversed order, matches its prefix. */
export const CONTACT_GIVEN_FAMILY = "lower(coalesce(first_name, '') || coalesce(last_name, ''))";

/** Names written in Chinese characters (the pinyin indexes hold only these). */
export const CONTACT_NAME_IS_CHINESE = "(coalesce(last_name, '') || coalesce(first_name, '')) ~ '[一-鿿]'";
/** A name's pinyin, family name first then given name, unspaced (王芳 → wangfang). */
export const CONTACT_FAMILY_GIVEN_PINYIN =
  "contact_name_pinyin(coalesce(last_name, '') || coalesce(first_name, ''))";
/** The same, given name first (芳王 → fangwang). */
export const CONTACT_GIVEN_FAMILY_PINYIN =
  "contact_name_pinyin(coalesce(first_name, '') || coalesce(last_name, ''))";

/** One person in one workspace. Identity columns are unique per workspace (NULLs never collide in PostgreSQL). */
export const Contact = defineEntity({
  name: 'Contact',
  tableName: 'contacts',
  uniques: [
    { properties: ['workspace', 'email'] },
    { properties: ['workspace', 'phone'] },
    { properties: ['workspace', 'wechatId'] },
    { properties: ['workspace', 'externalId'] },
  ],
  indexes: [
    { properties: ['workspace', 'createdAt'] },
    { properties: ['workspace', 'lifecycleStage'] },
    // Segment membership follows recently changed contacts.
    { properties: ['updatedAt'] },
    // Substring search over names and identities stays an index lookup at millions of contacts (pg_trgm).
    {
      name: 'contacts_search_trgm_index',
      expression: `create index "contacts_search_trgm_index" on "contacts" using gin ((${CONTACT_SEARCH_TEXT}) gin_trgm_ops)`,
    },
    // Chinese, Japanese and Korean names are one or two characters each, too short for trigrams: a search written
    // in those scripts is a prefix of the name in either order, an index range scan at millions of contacts.
    {
      name: 'contacts_family_given_index',
      expression: `create index "contacts_family_given_index" on "contacts" ("workspace_id", (${CONTACT_FAMILY_GIVEN}) text_pattern_ops)`,
    },
    {
      name: 'contacts_given_family_index',
      expression: `create index "contacts_given_family_index" on "contacts" ("workspace_id", (${CONTACT_GIVEN_FAMILY}) text_pattern_ops)`,
    },
    // A search typed in Latin letters also matches Chinese names by their pinyin (wangfang, wang fang, fangwang), in
    // indexes over the contacts whose names are written in characters only.
    {
      name: 'contacts_family_given_pinyin_index',
      expression: `create index "contacts_family_given_pinyin_index" on "contacts" ("workspace_id", (${CONTACT_FAMILY_GIVEN_PINYIN}) text_pattern_ops) where ${CONTACT_NAME_IS_CHINESE}`,
    },
    {
      name: 'contacts_given_family_pinyin_index',
      expression: `create index "contacts_given_family_pinyin_index" on "contacts" ("workspace_id", (${CONTACT_GIVEN_FAMILY_PINYIN}) text_pattern_ops) where ${CONTACT_NAME_IS_CHINESE}`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    email: p.string().length(254).nullable(),
    phone: p.string().length(20).nullable(),
    wechatId: p.string().length(200).nullable(),
    externalId: p.string().length(200).nullable(),
    firstName: p.string().length(200).nullable(),
    lastName: p.string().length(200).nullable(),
    /** Custom attributes by key, typed by the workspace's attribute definitions. */
    attributes: p.json<Record<string, unknown>>().default('{}'),
    /** When each attribute (and built-in trait) was last written: the clock for last-write-wins merges. */
    attributeWrittenAt: p.json<Record<string, string>>().default('{}'),
    tags: p.array().default('{}'),
    lifecycleStage: p.enum([...LIFECYCLE_STAGE_VALUES]).default('subscriber'),
    owner: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    company: p.manyToOne(Company).mapToPk().nullable().deleteRule('set null').index(),
    leadScore: p.integer().default(0),
    timezone: p.string().length(64).nullable(),
    locale: p.string().length(16).nullable(),
    /** Set by erasure suppressions and hard opt-outs: never message this contact. */
    doNotContact: p.boolean().default(false),
    /** The import that created this contact, if one did (no foreign key: provenance outlives the import's record). */
    importId: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Contact = InferEntity<typeof Contact>;
