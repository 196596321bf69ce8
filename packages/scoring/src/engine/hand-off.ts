import type { EntityManager } from '@switchboard/db';
import { notificationCopy, userLocale, type NotificationCopy } from '@switchboard/accounts';
import { sql, type LifecycleStage } from '@switchboard/contacts';
import { lifecycleThresholds } from '../store/scoring-store.ts';
import { stageEarned } from './lifecycle-advance.ts';
import { pickOwner, type AssignmentRuleView } from './pick-owner.ts';
import type { ScoreChange } from './rescore.ts';

/** A contact handed to a workspace member: they get an in-app notification now and an email after commit. */
export interface HandOff {
  workspaceId: string;
  contactId: string;
  contactName: string;
  ownerEmail: string;
  ownerName: string;
  reason: string;
}

/** Why a contact is handed over, in the words of whoever reads it. */
export type Why = (copy: NotificationCopy) => string;

async function recordEvent(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  name: string,
  properties: object,
) {
  await sql(
    em,
    `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
     values (?, ?, ?, ?::jsonb, 'scoring', now(), now())`,
    [workspaceId, contactId, name, JSON.stringify(properties)],
  );
}

/**
 * What score changes lead to: contacts whose score reached a threshold move forward to that stage, and contacts
 * that reach a stage an assignment rule covers, without an owner, get one (round-robin). Each step is an event on the
 * contact's timeline saying why, and the new owner gets a notification.
 */
export async function applyScoreChanges(
  em: EntityManager,
  workspaceId: string,
  changes: ScoreChange[],
): Promise<HandOff[]> {
  if (changes.length === 0) return [];
  const thresholds = await lifecycleThresholds(em, workspaceId);
  const reasons = new Map<string, Why>();
  for (const change of changes) {
    const earned = stageEarned(change.lifecycleStage, change.after, thresholds);
    if (!earned) continue;
    const moved = await sql(
      em,
      `update contacts set lifecycle_stage = ?, updated_at = now() where id = ? and lifecycle_stage = ? returning id`,
      [earned, change.contactId, change.lifecycleStage],
    );
    if (!moved.length) continue;
    const reason = notificationCopy('en').reachedThreshold(change.after, earned, thresholds[earned] ?? 0);
    await recordEvent(em, workspaceId, change.contactId, 'lifecycle_changed', {
      from: change.lifecycleStage,
      to: earned,
      score: change.after,
      reason,
    });
    change.lifecycleStage = earned;
    reasons.set(change.contactId, (copy) =>
      copy.reachedThreshold(change.after, earned, thresholds[earned] ?? 0),
    );
  }
  return assignOwners(
    em,
    workspaceId,
    changes.filter((c) => c.ownerId === null),
    reasons,
  );
}

/** Gives unowned contacts an owner by the first matching rule; rules are locked so concurrent passes take turns. */
export async function assignOwners(
  em: EntityManager,
  workspaceId: string,
  contacts: Pick<ScoreChange, 'contactId' | 'lifecycleStage' | 'attributes' | 'displayName' | 'after'>[],
  reasons = new Map<string, Why>(),
): Promise<HandOff[]> {
  if (contacts.length === 0) return [];
  const rules = await sql<{
    id: string;
    name: string;
    position: number;
    stage: LifecycleStage;
    attribute_key: string | null;
    attribute_value: string | null;
    user_ids: string[];
    next_index: number;
  }>(em, 'select * from assignment_rules where workspace_id = ? order by position for update', [workspaceId]);
  if (rules.length === 0) return [];
  const members = await sql<{ id: string; email: string; name: string; locale: string | null }>(
    em,
    'select u.id, u.email, u.name, u.locale from memberships m join users u on u.id = m.user_id where m.workspace_id = ?',
    [workspaceId],
  );
  const byId = new Map(members.map((m) => [m.id, m]));
  const views: AssignmentRuleView[] = rules.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    stage: r.stage,
    attributeKey: r.attribute_key,
    attributeValue: r.attribute_value,
    userIds: r.user_ids.filter((id) => byId.has(id)),
    nextIndex: r.next_index,
  }));
  const handOffs: HandOff[] = [];
  for (const contact of contacts) {
    const picked = pickOwner(views, contact);
    if (!picked) continue;
    const assigned = await sql(
      em,
      'update contacts set owner_id = ?, updated_at = now() where id = ? and owner_id is null returning id',
      [picked.userId, contact.contactId],
    );
    if (!assigned.length) continue;
    picked.rule.nextIndex++;
    const owner = byId.get(picked.userId)!;
    // The timeline keeps the English account; the new owner reads theirs in their own language.
    const english = notificationCopy('en');
    const mine = notificationCopy(userLocale(owner.locale));
    const why = (copy: NotificationCopy) =>
      reasons.get(contact.contactId)?.(copy) ?? copy.reachedStage(contact.lifecycleStage, contact.after);
    const reason = english.assignedByRule(why(english), owner.name, picked.rule.name);
    await recordEvent(em, workspaceId, contact.contactId, 'owner_assigned', {
      ownerId: owner.id,
      ownerName: owner.name,
      rule: picked.rule.name,
      reason,
    });
    await sql(
      em,
      `insert into notifications (workspace_id, user_id, kind, title, body, link, created_at, email_status)
       values (?, ?, 'contact_assigned', ?, ?, ?, now(), 'pending')`,
      [
        workspaceId,
        owner.id,
        mine.newLead(contact.displayName),
        mine.assignedByRule(why(mine), owner.name, picked.rule.name),
        `/contacts/${contact.contactId}`,
      ],
    );
    handOffs.push({
      workspaceId,
      contactId: contact.contactId,
      contactName: contact.displayName,
      ownerEmail: owner.email,
      ownerName: owner.name,
      reason,
    });
  }
  for (const rule of views)
    await sql(em, 'update assignment_rules set next_index = ? where id = ?', [rule.nextIndex, rule.id]);
  return handOffs;
}

/**
 * Contacts past the earliest stage any assignment rule covers that still have no owner (e.g. rules created after
 * they qualified); a bounded number per pass, oldest first.
 */
export async function unassignedContacts(em: EntityManager, workspaceId: string, limit = 500) {
  const rows = await sql<{
    id: string;
    lifecycle_stage: LifecycleStage;
    attributes: Record<string, unknown>;
    lead_score: number;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
  }>(
    em,
    `select c.id, c.lifecycle_stage, c.attributes, c.lead_score, c.email, c.first_name, c.last_name from contacts c
     where c.workspace_id = ? and c.owner_id is null and c.lifecycle_stage in (
       select s from unnest(array['subscriber','lead','mql','sql','opportunity','customer']) with ordinality as t(s, n)
       where n >= (select min(array_position(array['subscriber','lead','mql','sql','opportunity','customer'], r.stage::text))
                   from assignment_rules r where r.workspace_id = ?))
     order by c.created_at limit ?`,
    [workspaceId, workspaceId, limit],
  );
  return rows.map((r) => ({
    contactId: r.id,
    lifecycleStage: r.lifecycle_stage,
    attributes: r.attributes,
    after: r.lead_score,
    displayName: [r.first_name, r.last_name].filter(Boolean).join(' ') || r.email || 'A contact',
  }));
}
