import type { EntityManager } from '@switchboard/db';
import { list, personName, sql, TEXT_LIST } from '@switchboard/contacts';

export type ConversationChannel = 'email' | 'sms' | 'wechat';
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type ConversationPriority = 'none' | 'low' | 'medium' | 'high' | 'urgent';

/** What caused a conversation: the campaign or journey step whose message the contact answered. */
export type ConversationCause =
  | { kind: 'campaign'; id: string; name: string; messageId: string }
  | { kind: 'journey'; id: string; name: string; step: string | null; messageId: string };

/** A conversation as the list and the live feed show it. */
export interface ConversationSummary {
  id: string;
  channel: ConversationChannel;
  status: ConversationStatus;
  priority: ConversationPriority;
  labels: string[];
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  contact: { id: string; name: string; address: string | null; locale: string | null };
  subject: string | null;
  preview: string | null;
  lastMessageAt: string;
  waitingSince: string | null;
  firstResponseAt: string | null;
  snoozedUntil: string | null;
  resolvedAt: string | null;
  unread: number;
  cause: ConversationCause | null;
  /** The nearest service-level deadline: what for, when, and whether it is near (warned) or missed. */
  sla: { kind: string; dueAt: string; warned: boolean; breachedAt: string | null } | null;
  breaches: number;
  csat: { requestedAt: string; score: number | null } | null;
  createdAt: string;
}

export interface SummaryRow {
  id: string;
  channel: ConversationChannel;
  status: ConversationStatus;
  priority: ConversationPriority;
  labels: string[];
  assignee_id: string | null;
  assignee_name: string | null;
  team_id: string | null;
  team_name: string | null;
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  wechat_id: string | null;
  contact_locale: string | null;
  subject: string | null;
  last_message_preview: string | null;
  last_message_at: Date;
  waiting_since: Date | null;
  first_response_at: Date | null;
  snoozed_until: Date | null;
  resolved_at: Date | null;
  unread_count: number;
  cause_message_id: string | null;
  cause_source_kind: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  journey_id: string | null;
  journey_name: string | null;
  journey_node: string | null;
  sla_kind: string | null;
  sla_due_at: Date | null;
  sla_warned_at: Date | null;
  sla_breached_at: Date | null;
  sla_breaches: number;
  csat_requested_at: Date | null;
  csat_score: number | null;
  created_at: Date;
}

/** The select every summary comes from; callers add `where` and `order by`. */
export const SUMMARY_SELECT = `
  select cv.id, cv.channel, cv.status, cv.priority, cv.labels, cv.assignee_id, u.name as assignee_name,
    cv.team_id, tm.name as team_name,
    cv.contact_id, ct.first_name, ct.last_name, ct.email, ct.phone, ct.wechat_id, ct.locale as contact_locale,
    cv.subject, cv.last_message_preview, cv.last_message_at, cv.waiting_since, cv.first_response_at,
    cv.snoozed_until, cv.resolved_at, cv.unread_count, cv.cause_message_id, m.source_kind as cause_source_kind,
    ca.id as campaign_id, ca.name as campaign_name, j.id as journey_id, j.name as journey_name,
    m.journey_node, cv.sla_kind, cv.sla_due_at, cv.sla_warned_at, cv.sla_breached_at, cv.sla_breaches,
    cv.csat_requested_at, cv.csat_score, cv.created_at
  from conversations cv
  join contacts ct on ct.id = cv.contact_id
  left join users u on u.id = cv.assignee_id
  left join inbox_teams tm on tm.id = cv.team_id
  left join messages m on m.id = cv.cause_message_id
  left join campaigns ca on m.source_kind = 'campaign' and ca.id::text = m.source_id
  left join journey_versions jv on jv.id = m.journey_version_id
  left join journeys j on j.id = jv.journey_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Family name first for Chinese, Japanese and Korean contacts, as they write it. */
export function contactName(row: {
  first_name: string | null;
  last_name: string | null;
  locale: string | null;
}): string | null {
  return personName({ firstName: row.first_name, lastName: row.last_name, locale: row.locale });
}

export function toSummary(row: SummaryRow): ConversationSummary {
  const address = row.channel === 'email' ? row.email : row.channel === 'sms' ? row.phone : row.wechat_id;
  const cause: ConversationCause | null =
    row.cause_message_id && row.campaign_id
      ? {
          kind: 'campaign',
          id: row.campaign_id,
          name: row.campaign_name ?? '',
          messageId: row.cause_message_id,
        }
      : row.cause_message_id && row.journey_id
        ? {
            kind: 'journey',
            id: row.journey_id,
            name: row.journey_name ?? '',
            step: row.journey_node,
            messageId: row.cause_message_id,
          }
        : null;
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    priority: row.priority,
    labels: row.labels,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
    contact: {
      id: row.contact_id,
      name:
        contactName({ first_name: row.first_name, last_name: row.last_name, locale: row.contact_locale }) ??
        address ??
        row.contact_id.slice(0, 8),
      address,
      locale: row.contact_locale,
    },
    subject: row.subject,
    preview: row.last_message_preview,
    lastMessageAt: new Date(row.last_message_at).toISOString(),
    waitingSince: iso(row.waiting_since),
    firstResponseAt: iso(row.first_response_at),
    snoozedUntil: iso(row.snoozed_until),
    resolvedAt: iso(row.resolved_at),
    unread: row.unread_count,
    cause,
    sla:
      row.sla_kind && row.sla_due_at
        ? {
            kind: row.sla_kind,
            dueAt: new Date(row.sla_due_at).toISOString(),
            warned: row.sla_warned_at !== null,
            breachedAt: iso(row.sla_breached_at),
          }
        : null,
    breaches: row.sla_breaches,
    csat: row.csat_requested_at
      ? { requestedAt: new Date(row.csat_requested_at).toISOString(), score: row.csat_score }
      : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function conversationSummaries(
  em: EntityManager,
  workspaceId: string,
  ids: string[],
): Promise<ConversationSummary[]> {
  if (ids.length === 0) return [];
  const rows = await sql<SummaryRow>(
    em,
    `${SUMMARY_SELECT} where cv.workspace_id = ? and cv.id = any(${TEXT_LIST}::uuid[])`,
    [workspaceId, list(ids)],
  );
  return rows.map(toSummary);
}
