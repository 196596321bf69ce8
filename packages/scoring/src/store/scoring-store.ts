import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, recordAudit, type Actor } from '@switchboard/accounts';
import { list, sql, type LifecycleStage } from '@switchboard/contacts';
import { compileContext, compileSegment, type SegmentGroup } from '@switchboard/segments';
import {
  assignmentRuleInput,
  scoringRuleInput,
  thresholdsInput,
  type AssignmentRuleInput,
  type ScoringRuleInput,
} from '../inputs/scoring-inputs.ts';
import type { Thresholds } from '../engine/lifecycle-advance.ts';

interface ScoringRuleRow {
  id: string;
  name: string;
  kind: 'event' | 'condition';
  event_name: string | null;
  condition: SegmentGroup | null;
  points: number;
  half_life_days: number | null;
  created_at: Date;
}

const ruleView = (r: ScoringRuleRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  eventName: r.event_name,
  condition: r.condition,
  points: r.points,
  halfLifeDays: r.half_life_days,
});
export type ScoringRuleView = ReturnType<typeof ruleView>;

export async function scoringRules(em: EntityManager, workspaceId: string): Promise<ScoringRuleView[]> {
  const rows = await sql<ScoringRuleRow>(
    em,
    'select * from scoring_rules where workspace_id = ? order by kind, name',
    [workspaceId],
  );
  return rows.map(ruleView);
}

/** Saves a scoring rule; a condition must compile against this workspace's attributes and segments. */
export async function saveScoringRule(
  em: EntityManager,
  workspaceId: string,
  raw: ScoringRuleInput,
  actor: Actor,
  id?: string,
) {
  const input = scoringRuleInput.parse(raw);
  if (input.kind === 'condition') compileSegment(input.condition, await compileContext(em, workspaceId));
  const values = [
    input.name,
    input.kind,
    input.kind === 'event' ? input.eventName : null,
    input.kind === 'condition' ? JSON.stringify(input.condition) : null,
    input.points,
    input.kind === 'event' ? input.halfLifeDays : null,
  ];
  const [row] = id
    ? await sql<ScoringRuleRow>(
        em,
        `update scoring_rules set name = ?, kind = ?, event_name = ?, condition = ?::jsonb, points = ?, half_life_days = ?
         where workspace_id = ? and id = ? returning *`,
        [...values, workspaceId, id],
      )
    : await sql<ScoringRuleRow>(
        em,
        `insert into scoring_rules (name, kind, event_name, condition, points, half_life_days, workspace_id, id, created_at)
         values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, now()) returning *`,
        [...values, workspaceId, randomUUID()],
      );
  if (!row) throw notFound('Scoring rule');
  recordAudit(em, {
    workspaceId,
    actor,
    action: id ? 'scoring_rule.updated' : 'scoring_rule.created',
    target: { type: 'scoring_rule', id: row.id },
    details: { name: input.name, points: input.points },
  });
  await em.flush();
  return ruleView(row);
}

export async function deleteScoringRule(em: EntityManager, workspaceId: string, id: string, actor: Actor) {
  const deleted = await sql(em, 'delete from scoring_rules where workspace_id = ? and id = ? returning id', [
    workspaceId,
    id,
  ]);
  if (!deleted.length) throw notFound('Scoring rule');
  // Full rescores only visit workspaces with rules, so the last rule's removal resets scores here.
  const [left] = await sql(em, 'select 1 from scoring_rules where workspace_id = ? limit 1', [workspaceId]);
  if (!left)
    await sql(em, 'update contacts set lead_score = 0 where workspace_id = ? and lead_score <> 0', [
      workspaceId,
    ]);
  recordAudit(em, {
    workspaceId,
    actor,
    action: 'scoring_rule.deleted',
    target: { type: 'scoring_rule', id },
  });
  await em.flush();
}

export async function lifecycleThresholds(em: EntityManager, workspaceId: string): Promise<Thresholds> {
  const rows = await sql<{ stage: LifecycleStage; min_score: number }>(
    em,
    'select stage, min_score from lifecycle_thresholds where workspace_id = ?',
    [workspaceId],
  );
  return Object.fromEntries(rows.map((r) => [r.stage, r.min_score]));
}

/** Replaces the workspace's thresholds (a stage left out or null has none). */
export async function setLifecycleThresholds(
  em: EntityManager,
  workspaceId: string,
  raw: unknown,
  actor: Actor,
) {
  const input = thresholdsInput.parse(raw);
  await em.transactional(async (tx) => {
    await sql(tx, 'delete from lifecycle_thresholds where workspace_id = ?', [workspaceId]);
    for (const [stage, min] of Object.entries(input))
      if (min !== null && min !== undefined)
        await sql(tx, 'insert into lifecycle_thresholds (workspace_id, stage, min_score) values (?, ?, ?)', [
          workspaceId,
          stage,
          min,
        ]);
    recordAudit(tx, { workspaceId, actor, action: 'lifecycle_thresholds.updated', details: input });
    await tx.flush();
  });
  return lifecycleThresholds(em, workspaceId);
}

interface AssignmentRow {
  id: string;
  name: string;
  position: number;
  stage: LifecycleStage;
  attribute_key: string | null;
  attribute_value: string | null;
  user_ids: string[];
  next_index: number;
}

const assignmentView = (r: AssignmentRow) => ({
  id: r.id,
  name: r.name,
  position: r.position,
  stage: r.stage,
  attributeKey: r.attribute_key,
  attributeValue: r.attribute_value,
  userIds: r.user_ids,
  nextIndex: r.next_index,
});

export async function assignmentRules(em: EntityManager, workspaceId: string) {
  const rows = await sql<AssignmentRow>(
    em,
    'select * from assignment_rules where workspace_id = ? order by position, created_at',
    [workspaceId],
  );
  return rows.map(assignmentView);
}

/** Saves an owner-assignment rule; every user must be a member of the workspace. New rules go last. */
export async function saveAssignmentRule(
  em: EntityManager,
  workspaceId: string,
  raw: AssignmentRuleInput,
  actor: Actor,
  id?: string,
) {
  const input = assignmentRuleInput.parse(raw);
  const members = await sql<{ user_id: string }>(
    em,
    'select user_id from memberships where workspace_id = ? and user_id = any(?::uuid[])',
    [workspaceId, list(input.userIds)],
  );
  if (members.length !== new Set(input.userIds).size)
    throw conflict('Every person in the rule must be a member of this workspace', 'userIds');
  const attributeValue = input.attributeKey ? input.attributeValue : null;
  const [row] = id
    ? await sql<AssignmentRow>(
        em,
        `update assignment_rules set name = ?, stage = ?, attribute_key = ?, attribute_value = ?, user_ids = ?::jsonb
         where workspace_id = ? and id = ? returning *`,
        [
          input.name,
          input.stage,
          input.attributeKey,
          attributeValue,
          JSON.stringify(input.userIds),
          workspaceId,
          id,
        ],
      )
    : await sql<AssignmentRow>(
        em,
        `insert into assignment_rules (id, workspace_id, name, position, stage, attribute_key, attribute_value, user_ids, created_at)
         values (?, ?, ?, (select coalesce(max(position), -1) + 1 from assignment_rules where workspace_id = ?), ?, ?, ?, ?::jsonb, now())
         returning *`,
        [
          randomUUID(),
          workspaceId,
          input.name,
          workspaceId,
          input.stage,
          input.attributeKey,
          attributeValue,
          JSON.stringify(input.userIds),
        ],
      );
  if (!row) throw notFound('Assignment rule');
  recordAudit(em, {
    workspaceId,
    actor,
    action: id ? 'assignment_rule.updated' : 'assignment_rule.created',
    target: { type: 'assignment_rule', id: row.id },
    details: { name: input.name },
  });
  await em.flush();
  return assignmentView(row);
}

export async function deleteAssignmentRule(em: EntityManager, workspaceId: string, id: string, actor: Actor) {
  const deleted = await sql(
    em,
    'delete from assignment_rules where workspace_id = ? and id = ? returning id',
    [workspaceId, id],
  );
  if (!deleted.length) throw notFound('Assignment rule');
  recordAudit(em, {
    workspaceId,
    actor,
    action: 'assignment_rule.deleted',
    target: { type: 'assignment_rule', id },
  });
  await em.flush();
}
