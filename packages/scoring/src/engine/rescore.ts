import type { EntityManager } from '@switchboard/db';
import { list, personName, sql, type LifecycleStage } from '@switchboard/contacts';
import { roundToTotal } from './score-parts.ts';
import {
  compileContext,
  compileSegment,
  SegmentCompileError,
  type SegmentGroup,
} from '@switchboard/segments';

export interface ScoreChange {
  contactId: string;
  before: number;
  after: number;
  lifecycleStage: LifecycleStage;
  ownerId: string | null;
  attributes: Record<string, unknown>;
  displayName: string;
}

/** Points of one occurrence, halving every half_life_days (`?` = now). */
const DECAYED = `case when r.half_life_days is null then 1.0
  else power(0.5, extract(epoch from (?::timestamptz - e.occurred_at)) / 86400.0 / r.half_life_days) end`;

/**
 * The score as one SQL expression over `contacts c`: decayed points of every scored event, plus the points of every
 * condition the contact matches. Condition rules that no longer compile (an attribute was removed) count nothing.
 */
async function scoreExpression(em: EntityManager, workspaceId: string, now: Date) {
  const conditions = await sql<{ condition: SegmentGroup; points: number }>(
    em,
    `select condition, points from scoring_rules where workspace_id = ? and kind = 'condition'`,
    [workspaceId],
  );
  const context = await compileContext(em, workspaceId, now);
  const params: unknown[] = [now, workspaceId];
  const parts = [
    `coalesce((select sum(r.points * ${DECAYED}) from events e
       join scoring_rules r on r.workspace_id = ? and r.kind = 'event' and r.event_name = e.name
       where e.contact_id = c.id), 0)`,
    // Points a journey's update step gave or took (they do not fade).
    `coalesce((select sum((e.properties->>'points')::numeric) from events e
       where e.contact_id = c.id and e.name = 'score_adjusted' and e.source = 'journey'), 0)`,
  ];
  for (const rule of conditions) {
    try {
      const compiled = compileSegment(rule.condition, context);
      parts.push(`(case when ${compiled.where} then ? else 0 end)`);
      params.push(...compiled.params, rule.points);
    } catch (error) {
      if (!(error instanceof SegmentCompileError)) throw error;
    }
  }
  return { sql: `round(${parts.join(' + ')})::int`, params };
}

/**
 * Recomputes lead scores of these contacts (or all of the workspace's) and stores those that changed. Scores are
 * derived data, so the contact's updated_at is left alone: a score change alone is not a profile change.
 */
export async function rescore(
  em: EntityManager,
  workspaceId: string,
  scope: string[] | 'all',
  now = new Date(),
): Promise<ScoreChange[]> {
  const score = await scoreExpression(em, workspaceId, now);
  const scoped = scope === 'all' ? '' : 'and c.id = any(?::uuid[])';
  const rows = await sql<{
    id: string;
    before: number;
    after: number;
    lifecycle_stage: LifecycleStage;
    owner_id: string | null;
    attributes: Record<string, unknown>;
    email: string | null;
    phone: string | null;
    first_name: string | null;
    last_name: string | null;
    locale: string | null;
  }>(
    em,
    `with scored as (
       select c.id, c.lead_score as before, ${score.sql} as score
       from contacts c where c.workspace_id = ? ${scoped}
     )
     update contacts c set lead_score = s.score from scored s where c.id = s.id and c.lead_score <> s.score
     returning c.id, s.before, c.lead_score as after, c.lifecycle_stage, c.owner_id, c.attributes, c.email, c.phone,
       c.first_name, c.last_name, c.locale`,
    [...score.params, workspaceId, ...(scope === 'all' ? [] : [list(scope)])],
  );
  return rows.map((r) => ({
    contactId: r.id,
    before: r.before,
    after: r.after,
    lifecycleStage: r.lifecycle_stage,
    ownerId: r.owner_id,
    attributes: r.attributes,
    displayName:
      personName({ firstName: r.first_name, lastName: r.last_name, locale: r.locale }) ||
      r.email ||
      r.phone ||
      'A contact',
  }));
}

/** Workspaces with scoring rules: the ones a periodic full rescore (for fading points) visits. */
export async function workspacesWithScoring(em: EntityManager): Promise<string[]> {
  const rows = await sql<{ workspace_id: string }>(em, 'select distinct workspace_id from scoring_rules');
  return rows.map((r) => r.workspace_id);
}

export type ScoreReason =
  | {
      kind: 'event';
      rule: string;
      eventName: string;
      times: number;
      /** Points per occurrence, before fading. */
      each: number;
      /** Points halve every this many days; null = they never fade. */
      halfLifeDays: number | null;
      /** What the occurrences are worth today (rounded so the card adds up to the score). */
      points: number;
    }
  | { kind: 'journey'; rule: string; times: number; points: number }
  | { kind: 'condition'; rule: string; points: number };

/**
 * Why a contact has its score, for the 360 page: each event rule (occurrences × points, and what fading left of
 * them), the points journeys gave or took, and each condition the contact matches. The lines add up to the score.
 */
export async function scoreReasons(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  now = new Date(),
): Promise<ScoreReason[]> {
  const events = await sql<{
    name: string;
    event_name: string;
    times: string;
    points: number;
    half_life_days: number | null;
    total: number;
  }>(
    em,
    `select r.name, r.event_name, count(e.id) as times, r.points, r.half_life_days,
       sum(r.points * ${DECAYED})::float8 as total
     from scoring_rules r join events e on e.name = r.event_name and e.contact_id = ?
     where r.workspace_id = ? and r.kind = 'event' group by r.id order by total desc`,
    [now, contactId, workspaceId],
  );
  const [journeys] = await sql<{ times: string; total: number | null }>(
    em,
    `select count(*) as times, sum((properties->>'points')::numeric)::float8 as total from events
     where contact_id = ? and name = 'score_adjusted' and source = 'journey'`,
    [contactId],
  );
  const conditions = await sql<{ name: string; condition: SegmentGroup; points: number }>(
    em,
    `select name, condition, points from scoring_rules where workspace_id = ? and kind = 'condition' order by name`,
    [workspaceId],
  );
  const context = await compileContext(em, workspaceId, now);
  const matched: { rule: string; points: number }[] = [];
  for (const rule of conditions) {
    let compiled;
    try {
      compiled = compileSegment(rule.condition, context);
    } catch {
      continue;
    }
    const [hit] = await sql(em, `select 1 from contacts c where c.id = ? and ${compiled.where}`, [
      contactId,
      ...compiled.params,
    ]);
    if (hit) matched.push({ rule: rule.name, points: rule.points });
  }
  const journeyTimes = Number(journeys?.times ?? 0);
  const exact = [
    ...events.map((e) => Number(e.total)),
    ...(journeyTimes > 0 ? [Number(journeys?.total ?? 0)] : []),
    ...matched.map((m) => m.points),
  ];
  const rounded = roundToTotal(exact);
  const reasons: ScoreReason[] = [
    ...events.map((e, i) => ({
      kind: 'event' as const,
      rule: e.name,
      eventName: e.event_name,
      times: Number(e.times),
      each: e.points,
      halfLifeDays: e.half_life_days,
      points: rounded[i]!,
    })),
    ...(journeyTimes > 0
      ? [{ kind: 'journey' as const, rule: 'journey', times: journeyTimes, points: rounded[events.length]! }]
      : []),
    ...matched.map((m, i) => ({
      kind: 'condition' as const,
      rule: m.rule,
      points: rounded[events.length + (journeyTimes > 0 ? 1 : 0) + i]!,
    })),
  ];
  // A rule whose occurrences faded to nothing no longer explains anything.
  return reasons.filter((r) => r.kind !== 'event' || r.points !== 0);
}
