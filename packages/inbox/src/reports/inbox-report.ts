import type { EntityManager } from '@switchboard/db';
import { validationError } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { loadInboxSettings } from '../settings/inbox-settings.ts';
import { businessMinutesBetween, type BusinessHours } from '../sla/business-time.ts';
import { percentile } from './percentiles.ts';

export interface AgentFigures {
  /** null: conversations nobody was assigned. */
  agent: { id: string; name: string } | null;
  opened: number;
  resolved: number;
  firstResponseMinutes: { median: number | null; p90: number | null; count: number };
  resolutionMinutes: { median: number | null; p90: number | null; count: number };
  slaBreaches: number;
  csat: { average: number | null; count: number; distribution: [number, number, number, number, number] };
}

export interface InboxReport {
  from: string;
  to: string;
  businessHours: boolean;
  agents: AgentFigures[];
  total: AgentFigures;
}

const DAY_MS = 86_400_000;

/** The period's UTC days, both included, at most a year. */
function period(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  if (Number.isNaN(start.getTime())) throw validationError('from', 'Use a date like 2026-11-01');
  if (Number.isNaN(end.getTime())) throw validationError('to', 'Use a date like 2026-11-30');
  if (end <= start) throw validationError('to', 'The last day must not be before the first');
  if (end.getTime() - start.getTime() > 366 * DAY_MS) throw validationError('to', 'Choose at most a year');
  return { start, end };
}

interface Timed {
  agent_id: string | null;
  started_at: Date | string;
  ended_at: Date | string;
}

function figures(
  agent: AgentFigures['agent'],
  rows: {
    opened: { agent_id: string | null }[];
    resolved: { agent_id: string | null }[];
    firstResponses: Timed[];
    resolutions: Timed[];
    breaches: { agent_id: string | null }[];
    ratings: { agent_id: string | null; score: number }[];
  },
  hours: BusinessHours | null,
  mine: (agentId: string | null) => boolean,
): AgentFigures {
  const minutes = (list: Timed[]) => {
    const values = list
      .filter((r) => mine(r.agent_id))
      .map((r) => businessMinutesBetween(new Date(r.started_at), new Date(r.ended_at), hours));
    return { median: percentile(values, 0.5), p90: percentile(values, 0.9), count: values.length };
  };
  const scores = rows.ratings.filter((r) => mine(r.agent_id)).map((r) => r.score);
  const distribution: AgentFigures['csat']['distribution'] = [0, 0, 0, 0, 0];
  for (const score of scores) distribution[score - 1]!++;
  return {
    agent,
    opened: rows.opened.filter((r) => mine(r.agent_id)).length,
    resolved: rows.resolved.filter((r) => mine(r.agent_id)).length,
    firstResponseMinutes: minutes(rows.firstResponses),
    resolutionMinutes: minutes(rows.resolutions),
    slaBreaches: rows.breaches.filter((r) => mine(r.agent_id)).length,
    csat: {
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      count: scores.length,
      distribution,
    },
  };
}

/**
 * The inbox over a period, per agent and in total: conversations opened (new or reopened) and resolved, time to the
 * first response and to resolution (median and p90, in business minutes when business hours are set), service
 * levels missed, and satisfaction. Work is credited to the agent the conversation is assigned to; a resolution to
 * whoever resolved it.
 */
export async function inboxReport(
  em: EntityManager,
  workspaceId: string,
  input: { from: string; to: string },
): Promise<InboxReport> {
  const { start, end } = period(input.from, input.to);
  const settings = await loadInboxSettings(em, workspaceId);
  const params = [workspaceId, start, end];
  const [opened, resolved, firstResponses, resolutions, breaches, ratings, members] = await Promise.all([
    sql<{ agent_id: string | null }>(
      em,
      `select cv.assignee_id as agent_id from conversations cv where cv.workspace_id = ? and cv.created_at >= ? and cv.created_at < ?
       union all
       select cv.assignee_id from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'reopened'`,
      [...params, ...params],
    ),
    sql<{ agent_id: string | null }>(
      em,
      `select e.author_id as agent_id from conversation_entries e
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'status' and e.detail ->> 'to' = 'resolved'`,
      params,
    ),
    sql<Timed>(
      em,
      `select assignee_id as agent_id, created_at as started_at, first_response_at as ended_at from conversations
       where workspace_id = ? and created_at >= ? and created_at < ? and first_response_at is not null`,
      params,
    ),
    sql<Timed>(
      em,
      `select e.author_id as agent_id, cv.opened_at as started_at, e.created_at as ended_at
       from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'status' and e.detail ->> 'to' = 'resolved' and cv.opened_at <= e.created_at`,
      params,
    ),
    sql<{ agent_id: string | null }>(
      em,
      `select cv.assignee_id as agent_id from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'sla_breached'`,
      params,
    ),
    sql<{ agent_id: string | null; score: number }>(
      em,
      // Every answer counts, also those of earlier times the conversation was resolved (kept in its history).
      `select cv.assignee_id as agent_id, (e.detail ->> 'score')::int as score
       from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'csat'`,
      params,
    ),
    sql<{ id: string; name: string }>(
      em,
      `select u.id, u.name from memberships mb join users u on u.id = mb.user_id
       where mb.workspace_id = ? and mb.role in ('owner', 'admin', 'marketer', 'agent') order by u.name`,
      [workspaceId],
    ),
  ]);
  const rows = { opened, resolved, firstResponses, resolutions, breaches, ratings };
  const hours = settings.businessHours;
  const agents = [
    ...members.map((m) => figures(m, rows, hours, (id) => id === m.id)),
    figures(null, rows, hours, (id) => id === null),
  ].filter((f) => f.agent !== null || f.opened + f.resolved + f.csat.count + f.slaBreaches > 0);
  return {
    from: input.from,
    to: input.to,
    businessHours: hours !== null,
    agents,
    total: figures(null, rows, hours, () => true),
  };
}
