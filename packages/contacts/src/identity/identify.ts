import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import type { Actor } from '@switchboard/accounts';
import { list, sql, TEXT_LIST } from '../sql.ts';
import { nextTraits, type ProfileFields } from '../traits/profile-traits.ts';
import type { AttributeValue } from '../traits/attribute-types.ts';
import type { ContactRow } from '../profile/contact-row.ts';
import { findByIdentities } from './find-by-identities.ts';
import { mergeContacts } from './merge-contacts.ts';
import { isSuppressed } from '../privacy/suppressions.ts';
import type { Identities } from './identities.ts';

export type { ProfileFields };

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
  if (found.length === 0) {
    const traits = nextTraits(null, input, input.at);
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
        traits.firstName,
        traits.lastName,
        traits.timezone,
        traits.locale,
        traits.lifecycleStage,
        JSON.stringify(traits.attributes),
        JSON.stringify(traits.writtenAt),
        list([...new Set(input.tags ?? [])].sort()),
        await isSuppressed(em, workspaceId, input.identities),
      ],
    );
    return { contact: row!, created: true, mergedContactIds: [] };
  }

  const [oldest, ...others] = found;
  const survivor = await mergeContacts(em, oldest!, others, input.actor);
  const next = nextTraits(survivor, input, input.at);
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
      next.firstName,
      next.lastName,
      next.timezone,
      next.locale,
      next.lifecycleStage,
      JSON.stringify(next.attributes),
      JSON.stringify(next.writtenAt),
      list(input.tags ?? []),
      await isSuppressed(em, workspaceId, input.identities),
      survivor.id,
    ],
  );
  return { contact: row!, created: false, mergedContactIds: others.map((o) => o.id) };
}
