import type { EntityManager } from '@switchboard/db';
import { recordAudit, type Actor } from '@switchboard/accounts';
import { list, sql, TEXT_LIST } from '../sql.ts';
import { mergeTraits } from '../traits/last-write-wins.ts';
import { furthestStage } from '../traits/lifecycle.ts';
import { redirectContacts } from './contact-redirects.ts';
import type { ContactRow } from '../profile/contact-row.ts';
import type { AttributeValue } from '../traits/attribute-types.ts';

/** Plain data for the merged survivor, computed without I/O so the rules can be tested on their own. */
export function mergedProfile(survivor: ContactRow, absorbed: ContactRow[]) {
  let traits = {
    values: { ...survivor.attributes } as Record<string, AttributeValue>,
    writtenAt: { ...survivor.attribute_written_at },
  };
  let stage = survivor.lifecycle_stage;
  const tags = new Set(survivor.tags);
  const pick = <K extends keyof ContactRow>(key: K) =>
    survivor[key] ?? absorbed.find((a) => a[key] !== null)?.[key] ?? null;
  for (const other of absorbed) {
    traits = mergeTraits(traits, {
      values: other.attributes as Record<string, AttributeValue>,
      writtenAt: other.attribute_written_at,
    });
    stage = furthestStage(stage, other.lifecycle_stage);
    for (const tag of other.tags) tags.add(tag);
  }
  return {
    email: pick('email'),
    phone: pick('phone'),
    wechatId: pick('wechat_id'),
    externalId: pick('external_id'),
    firstName: pick('first_name'),
    lastName: pick('last_name'),
    timezone: pick('timezone'),
    locale: pick('locale'),
    ownerId: pick('owner_id'),
    attributes: traits.values,
    attributeWrittenAt: traits.writtenAt,
    tags: [...tags].sort(),
    lifecycleStage: stage,
    leadScore: Math.max(survivor.lead_score, ...absorbed.map((a) => a.lead_score)),
    doNotContact: survivor.do_not_contact || absorbed.some((a) => a.do_not_contact),
  };
}

/**
 * Folds `absorbed` into `survivor` (all rows already locked by the caller's transaction): their events move over,
 * traits merge last-write-wins, and the absorbed rows disappear. Audit-logged.
 */
export async function mergeContacts(
  em: EntityManager,
  survivor: ContactRow,
  absorbed: ContactRow[],
  actor: Actor,
) {
  if (absorbed.length === 0) return survivor;
  const ids = absorbed.map((a) => a.id);
  const merged = mergedProfile(survivor, absorbed);
  await sql(em, `update events set contact_id = ? where contact_id = any(${TEXT_LIST}::uuid[])`, [
    survivor.id,
    list(ids),
  ]);
  // Consents: the history moves over whole; for the current state, the most recent change per channel and topic wins.
  await sql(em, `update consent_changes set contact_id = ? where contact_id = any(${TEXT_LIST}::uuid[])`, [
    survivor.id,
    list(ids),
  ]);
  await sql(
    em,
    `insert into consents (contact_id, channel, topic, workspace_id, status, updated_at)
     select distinct on (channel, topic) ?, channel, topic, workspace_id, status, updated_at
       from consents where contact_id = any(${TEXT_LIST}::uuid[]) order by channel, topic, updated_at desc
     on conflict (contact_id, channel, topic) do update set status = excluded.status, updated_at = excluded.updated_at
       where consents.updated_at < excluded.updated_at`,
    [survivor.id, list(ids)],
  );
  await moveJourneyInstances(em, survivor.id, ids);
  // The absorbed rows go first: their identities must be free before the survivor takes them (unique per workspace).
  await sql(em, `delete from contacts where id = any(${TEXT_LIST}::uuid[])`, [list(ids)]);
  await redirectContacts(em, survivor.workspace_id, ids, survivor.id);
  const [row] = await sql<ContactRow>(
    em,
    `update contacts set email = ?, phone = ?, wechat_id = ?, external_id = ?, first_name = ?, last_name = ?,
       timezone = ?, locale = ?, owner_id = ?, attributes = ?::jsonb, attribute_written_at = ?::jsonb, tags = ${TEXT_LIST},
       lifecycle_stage = ?, lead_score = ?, do_not_contact = ?, updated_at = now()
     where id = ? returning *`,
    [
      merged.email,
      merged.phone,
      merged.wechatId,
      merged.externalId,
      merged.firstName,
      merged.lastName,
      merged.timezone,
      merged.locale,
      merged.ownerId,
      JSON.stringify(merged.attributes),
      JSON.stringify(merged.attributeWrittenAt),
      list(merged.tags),
      merged.lifecycleStage,
      merged.leadScore,
      merged.doNotContact,
      survivor.id,
    ],
  );
  recordAudit(em, {
    workspaceId: survivor.workspace_id,
    actor,
    action: 'contact.merged',
    target: { type: 'contact', id: survivor.id },
    details: { absorbed: ids },
  });
  return row!;
}

/**
 * Journeys follow the person: the absorbed contacts' instances move to the survivor. Where that would put two
 * active instances in one journey (for one trigger key), the one already the survivor's — else the earliest — goes
 * on and the others end as exited; their workflows see that at their next step.
 */
async function moveJourneyInstances(em: EntityManager, survivorId: string, absorbedIds: string[]) {
  await sql(
    em,
    `with candidates as (
       select id, journey_id, key, row_number() over (
           partition by journey_id, key order by (contact_id = ?::uuid) desc, entered_at, id) as rank
       from journey_instances where status = 'active' and contact_id = any(${TEXT_LIST}::uuid[]))
     update journey_instances i set status = 'exited', finished_at = now(),
       end_reason = 'Merged into a contact already in this journey'
     from candidates c where c.id = i.id and c.rank > 1`,
    [survivorId, list([survivorId, ...absorbedIds])],
  );
  await sql(
    em,
    `delete from journey_waits w using journey_instances i
     where w.instance_id = i.id and i.status <> 'active' and i.contact_id = any(${TEXT_LIST}::uuid[])`,
    [list(absorbedIds)],
  );
  await sql(em, `update journey_waits set contact_id = ? where contact_id = any(${TEXT_LIST}::uuid[])`, [
    survivorId,
    list(absorbedIds),
  ]);
  await sql(em, `update journey_instances set contact_id = ? where contact_id = any(${TEXT_LIST}::uuid[])`, [
    survivorId,
    list(absorbedIds),
  ]);
}
