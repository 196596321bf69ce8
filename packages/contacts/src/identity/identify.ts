import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import type { Actor } from '@switchboard/accounts';
import { list, sql, TEXT_LIST } from '../sql.ts';
import { applyTraits } from '../traits/last-write-wins.ts';
import type { AttributeValue } from '../traits/attribute-types.ts';
import type { LifecycleStage } from '../traits/lifecycle.ts';
import type { ContactRow } from '../profile/contact-row.ts';
import { findByIdentities } from './find-by-identities.ts';
import { mergeContacts } from './merge-contacts.ts';
import { isSuppressed } from '../privacy/suppressions.ts';
import type { Identities } from './identities.ts';

/** Built-in profile fields; they take part in last-write-wins like attributes, under `$`-prefixed clock keys. */
export interface ProfileFields {
  firstName?: string | null;
  lastName?: string | null;
  timezone?: string | null;
  locale?: string | null;
  lifecycleStage?: LifecycleStage;
}

export interface IdentifyInput {
  /** Normalised identities; at least one. */
  identities: Identities;
  profile: ProfileFields;
  /** Validated attribute values. */
  attributes: Record<string, AttributeValue>;
  tags?: string[];
  /** When the caller says this happened (late calls do not overwrite newer values). */
  at: Date;
  actor: Actor;
}

export interface IdentifyResult {
  contact: ContactRow;
  created: boolean;
  mergedContactIds: string[];
}

const PROFILE_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  timezone: 'timezone',
  locale: 'locale',
  lifecycleStage: 'lifecycle_stage',
} as const;

/**
 * Creates or updates the one contact these identities belong to. Identities that point at several contacts merge
 * them into the oldest. Runs in its own transaction; a concurrent create of the same identity is retried once.
 */
export async function identifyContact(
  em: EntityManager,
  workspaceId: string,
  input: IdentifyInput,
): Promise<IdentifyResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await em.transactional((tx) => identifyInTransaction(tx, workspaceId, input));
    } catch (error) {
      if (attempt === 0 && (error as { code?: string }).code === '23505') continue;
      throw error;
    }
  }
}

async function identifyInTransaction(
  em: EntityManager,
  workspaceId: string,
  input: IdentifyInput,
): Promise<IdentifyResult> {
  const found = await findByIdentities(em, workspaceId, input.identities, { lock: true });
  const profileEntries = Object.entries(input.profile).filter(([, v]) => v !== undefined) as [
    keyof ProfileFields,
    unknown,
  ][];
  const clockValues: Record<string, AttributeValue> = { ...input.attributes };
  for (const [key, value] of profileEntries) clockValues[`$${key}`] = value as AttributeValue;

  if (found.length === 0) {
    const traits = applyTraits({ values: {}, writtenAt: {} }, clockValues, input.at);
    const attributes = Object.fromEntries(Object.entries(traits.values).filter(([k]) => !k.startsWith('$')));
    const [row] = await sql<ContactRow>(
      em,
      `insert into contacts (id, workspace_id, email, phone, wechat_id, external_id, first_name, last_name, timezone, locale,
         lifecycle_stage, attributes, attribute_written_at, tags, do_not_contact, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ${TEXT_LIST}, ?, now(), now()) returning *`,
      [
        randomUUID(),
        workspaceId,
        input.identities.email ?? null,
        input.identities.phone ?? null,
        input.identities.wechatId ?? null,
        input.identities.externalId ?? null,
        input.profile.firstName ?? null,
        input.profile.lastName ?? null,
        input.profile.timezone ?? null,
        input.profile.locale ?? null,
        input.profile.lifecycleStage ?? 'subscriber',
        JSON.stringify(attributes),
        JSON.stringify(traits.writtenAt),
        list([...new Set(input.tags ?? [])].sort()),
        await isSuppressed(em, workspaceId, input.identities),
      ],
    );
    return { contact: row!, created: true, mergedContactIds: [] };
  }

  const [oldest, ...others] = found;
  const survivor = await mergeContacts(em, oldest!, others, input.actor);
  const current = {
    values: { ...survivor.attributes } as Record<string, AttributeValue>,
    writtenAt: { ...survivor.attribute_written_at },
  };
  for (const key of Object.keys(PROFILE_COLUMNS) as (keyof typeof PROFILE_COLUMNS)[])
    current.values[`$${key}`] = survivor[PROFILE_COLUMNS[key]];
  const next = applyTraits(current, clockValues, input.at);
  const attributes = Object.fromEntries(Object.entries(next.values).filter(([k]) => !k.startsWith('$')));
  const profile = (key: keyof typeof PROFILE_COLUMNS) => next.values[`$${key}`] ?? null;
  const [row] = await sql<ContactRow>(
    em,
    `update contacts set email = coalesce(?, email), phone = coalesce(?, phone), wechat_id = coalesce(?, wechat_id),
       external_id = coalesce(?, external_id), first_name = ?, last_name = ?, timezone = ?, locale = ?, lifecycle_stage = ?,
       attributes = ?::jsonb, attribute_written_at = ?::jsonb,
       tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(tags || ${TEXT_LIST}) t),
       do_not_contact = do_not_contact or ?, updated_at = now()
     where id = ? returning *`,
    [
      input.identities.email ?? null,
      input.identities.phone ?? null,
      input.identities.wechatId ?? null,
      input.identities.externalId ?? null,
      profile('firstName'),
      profile('lastName'),
      profile('timezone'),
      profile('locale'),
      profile('lifecycleStage') ?? 'subscriber',
      JSON.stringify(attributes),
      JSON.stringify(next.writtenAt),
      list(input.tags ?? []),
      await isSuppressed(em, workspaceId, input.identities),
      survivor.id,
    ],
  );
  return { contact: row!, created: false, mergedContactIds: others.map((o) => o.id) };
}
