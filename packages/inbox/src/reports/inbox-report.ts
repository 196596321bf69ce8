import type { EntityManager } from '@switchboard/db';
import { validationError } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { loadInboxSettings } from '../settings/inbox-settings.ts';
import { businessMinutesBetween, type BusinessHours } from '../sla/business-time.ts';
import { percentile } from './percentiles.ts';

export interface Figures {
  opened: number;
  resolved: number;
  firstResponseMinutes: { median: number | null; p90: number | null; count: number };
  resolutionMinutes: { median: number | null; p90: number | null; count: number };
  slaBreaches: number;
  csat: { average: number | null; count: number; distribution: [number, number, number, number, number] };
}

export interface AgentFigures extends Figures {
  /** null: conversations nobody was assigned. */
  agent: { id: string; name: string } | null;
}

export interface TeamFigures extends Figures {
  /** null: conversations of no team. */
  team: { id: string; name: string } | null;
}

export interface InboxReport {
  from: string;
  to: string;
  businessHours: boolean;
  agents: AgentFigures[];
  /** Per team (conversations counted under the team they are in now); empty when the workspace has no teams. */
  teams: TeamFigures[];
  total: Figures;
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

/** Who a row of the report counts for: the agent credited and the conversation's team. */
interface Credited {
  agent_id: string | null;
  team_id: string | null;
}

interface Timed extends Credited {
  started_at: Date | string;
  ended_at: Date | string;
}

interface ReportRows {
  opened: Credited[];
  resolved: Credited[];
  firstResponses: Timed[];
  resolutions: Timed[];
  breaches: Credited[];
  ratings: (Credited & { score: number })[];
}

/** The figures of the rows `mine` keeps; times in the business hours of each row's team (or the workspace's). */
function figures(
  rows: ReportRows,
  hoursOf: (teamId: string | null) => BusinessHours | null,
  mine: (row: Credited) => boolean,
): Figures {
  const minutes = (list: Timed[]) => {
    const values = list
      .filter(mine)
      .map((r) => businessMinutesBetween(new Date(r.started_at), new Date(r.ended_at), hoursOf(r.team_id)));
    return { median: percentile(values, 0.5), p90: percentile(values, 0.9), count: values.length };
  };
  const scores = rows.ratings.filter(mine).map((r) => r.score);
  const distribution: AgentFigures['csat']['distribution'] = [0, 0, 0, 0, 0];
  for (const score of scores) distribution[score - 1]!++;
  return {
    opened: rows.opened.filter(mine).length,
    resolved: rows.resolved.filter(mine).length,
    firstResponseMinutes: minutes(rows.firstResponses),
    resolutionMinutes: minutes(rows.resolutions),
    slaBreaches: rows.breaches.filter(mine).length,
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
  const [opened, resolved, firstResponses, resolutions, breaches, ratings, members, teams] =
    await Promise.all([
      sql<Credited>(
        em,
        `select cv.assignee_id as agent_id, cv.team_id from conversations cv
       where cv.workspace_id = ? and cv.created_at >= ? and cv.created_at < ?
       union all
       select cv.assignee_id, cv.team_id from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'reopened'`,
        [...params, ...params],
      ),
      sql<Credited>(
        em,
        `select e.author_id as agent_id, cv.team_id
       from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'status' and e.detail ->> 'to' = 'resolved'`,
        params,
      ),
      sql<Timed>(
        em,
        `select assignee_id as agent_id, team_id, created_at as started_at, first_response_at as ended_at
       from conversations
       where workspace_id = ? and created_at >= ? and created_at < ? and first_response_at is not null`,
        params,
      ),
      sql<Timed>(
        em,
        `select e.author_id as agent_id, cv.team_id, cv.opened_at as started_at, e.created_at as ended_at
       from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'status' and e.detail ->> 'to' = 'resolved' and cv.opened_at <= e.created_at`,
        params,
      ),
      sql<Credited>(
        em,
        `select cv.assignee_id as agent_id, cv.team_id
       from conversation_entries e join conversations cv on cv.id = e.conversation_id
       where e.workspace_id = ? and e.created_at >= ? and e.created_at < ? and e.kind = 'activity'
         and e.detail ->> 'action' = 'sla_breached'`,
        params,
      ),
      sql<Credited & { score: number }>(
        em,
        // Every answer counts, also those of earlier times the conversation was resolved (kept in its history).
        `select cv.assignee_id as agent_id, cv.team_id, (e.detail ->> 'score')::int as score
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
      sql<{ id: string; name: string; business_hours: BusinessHours | null }>(
        em,
        'select id, name, business_hours from inbox_teams where workspace_id = ? order by lower(name)',
        [workspaceId],
      ),
    ]);
  const rows: ReportRows = { opened, resolved, firstResponses, resolutions, breaches, ratings };
  const hours = settings.businessHours;
  const teamHours = new Map(teams.map((t) => [t.id, t.business_hours]));
  const hoursOf = (teamId: string | null) => (teamId && teamHours.get(teamId)) || hours;
  const busy = (f: Figures) => f.opened + f.resolved + f.csat.count + f.slaBreaches > 0;
  const agents: AgentFigures[] = [
    ...members.map((m) => ({ agent: m, ...figures(rows, hoursOf, (r) => r.agent_id === m.id) })),
    { agent: null, ...figures(rows, hoursOf, (r) => r.agent_id === null) },
  ].filter((f) => f.agent !== null || busy(f));
  const teamRows: TeamFigures[] = teams.length
    ? [
        ...teams.map((t) => ({
          team: { id: t.id, name: t.name },
          ...figures(rows, hoursOf, (r) => r.team_id === t.id),
        })),
        { team: null, ...figures(rows, hoursOf, (r) => r.team_id === null) },
      ].filter((f) => f.team !== null || busy(f))
    : [];
  return {
    from: input.from,
    to: input.to,
    businessHours: hours !== null || teams.some((t) => t.business_hours !== null),
    agents,
    teams: teamRows,
    total: figures(rows, hoursOf, () => true),
  };
}
