import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';
import type { ConversionPath, Touch } from '../attribution/conversion-path.ts';

/** What a report credits a touch to. */
export const CREDIT_BY = ['channel', 'source', 'step'] as const;
export type CreditBy = (typeof CREDIT_BY)[number];

export interface ConversionRule {
  kind: 'event' | 'deal_won' | 'segment_entry';
  eventName: string | null;
  valueProperty: string | null;
  segmentId: string | null;
  lookbackDays: number;
  touchKinds: string[];
}

interface ConversionRow {
  contact_ids: string[];
  at: Date;
  value: number;
}

interface TouchRow {
  contact_id: string;
  channel: string;
  source_kind: string;
  source_id: string | null;
  journey_node: string | null;
  at: Date;
}

// A message counts as delivered once the provider took it, unless it came back.
const DELIVERED_STATUSES = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'unsubscribed',
  'complained',
];

/** The conversions of a period: one row each, with the contacts whose touches count for it and its value. */
async function conversions(
  em: EntityManager,
  workspaceId: string,
  rule: ConversionRule,
  from: Date,
  to: Date,
): Promise<ConversionRow[]> {
  if (rule.kind === 'deal_won')
    return sql<ConversionRow>(
      em,
      `select array_agg(dc.contact_id) as contact_ids, d.actual_close_date::timestamptz as at, d.amount::float8 as value
       from deals d join deal_contacts dc on dc.deal_id = d.id
       where d.workspace_id = ? and d.stage = 'won' and d.actual_close_date >= ?::date and d.actual_close_date < ?::date
       group by d.id`,
      [workspaceId, from.toISOString(), to.toISOString()],
    );
  const segmentEntry = rule.kind === 'segment_entry';
  return sql<ConversionRow>(
    em,
    `select array[e.contact_id] as contact_ids, e.occurred_at as at,
       coalesce(case when ?::text is null then e.revenue
                     when jsonb_typeof(e.properties -> ?::text) = 'number' then (e.properties ->> ?::text)::numeric end,
                0)::float8 as value
     from events e
     where e.workspace_id = ? and e.name = ? and e.occurred_at >= ? and e.occurred_at < ?
       and (not ? or e.properties ->> 'segmentId' = ?)`,
    [
      segmentEntry ? null : rule.valueProperty,
      rule.valueProperty,
      rule.valueProperty,
      workspaceId,
      segmentEntry ? 'segment_entered' : rule.eventName,
      from,
      to,
      segmentEntry,
      rule.segmentId,
    ],
  );
}

/** A message's touches (deliveries, human opens and clicks, replies) of the kinds asked for, at any time. */
const TOUCHES_OF_MESSAGE = `
  cross join lateral (
    select coalesce(m.delivered_at, m.sent_at) as at
    where 'delivered' = any(${TEXT_LIST}) and m.status = any(${TEXT_LIST})
    union all
    select me.occurred_at from message_events me
    where me.message_id = m.id and me.kind = any(${TEXT_LIST}) and me.kind in ('opened', 'clicked', 'replied')
      and not me.machine
  ) t`;

/** Touches from `since` to `to` of the contacts given, from messages created in that time. */
function touchesOf(
  em: EntityManager,
  workspaceId: string,
  contactIds: string[],
  kinds: string[],
  since: Date,
  to: Date,
) {
  if (contactIds.length === 0) return Promise.resolve([]);
  return sql<TouchRow>(
    em,
    `select m.contact_id, m.channel, m.source_kind, m.source_id, m.journey_node, t.at
     from unnest(?::uuid[]) as c (id)
     join messages m on m.contact_id = c.id and m.created_at >= ? and m.created_at < ?
     ${TOUCHES_OF_MESSAGE}
     where m.workspace_id = ? and t.at is not null and t.at >= ? and t.at < ?
     order by m.contact_id, t.at`,
    [
      `{${contactIds.join(',')}}`,
      since,
      to,
      list(kinds),
      list(DELIVERED_STATUSES),
      list(kinds),
      workspaceId,
      since,
      to,
    ],
  );
}

/** The report key of a touch in SQL, as `touchKey` computes it. */
function keySql(by: CreditBy): string {
  if (by === 'channel') return 'm.channel::text';
  const step = by === 'step' ? ` || coalesce(':' || m.journey_node, '')` : '';
  return `case when m.source_kind = 'campaign' and m.source_id is not null then 'campaign:' || m.source_id
    when m.source_kind = 'journey' and m.source_id is not null then 'journey:' || m.source_id${step}
    else m.source_kind::text end`;
}

/**
 * The period's paths that did not convert — every other contact's touches in [from, to), from messages created
 * since `since` — grouped by their sequence of keys in PostgreSQL, so only the distinct sequences and their counts
 * travel (the Markov model needs nothing else from them).
 */
function unconvertedPaths(
  em: EntityManager,
  workspaceId: string,
  converted: string[],
  kinds: string[],
  window: { since: Date; from: Date; to: Date },
  by: CreditBy,
) {
  return sql<{ keys: string[]; n: number }>(
    em,
    `with converted as (select unnest(?::uuid[]) as id),
     m as (
       select m.id, m.contact_id, ${keySql(by)} as key, m.status, coalesce(m.delivered_at, m.sent_at) as delivered
       from messages m
       where m.workspace_id = ? and m.contact_id is not null and m.created_at >= ? and m.created_at < ?
     ),
     t as (
       select m.contact_id, m.key, m.delivered as at from m
       where 'delivered' = any(${TEXT_LIST}) and m.status = any(${TEXT_LIST}) and m.delivered >= ? and m.delivered < ?
       union all
       select m.contact_id, m.key, me.occurred_at from m join message_events me on me.message_id = m.id
       where me.kind = any(${TEXT_LIST}) and me.kind in ('opened', 'clicked', 'replied') and not me.machine
         and me.occurred_at >= ? and me.occurred_at < ?
     ),
     p as (select contact_id, array_agg(key order by at, key) as keys from t group by contact_id)
     select keys, count(*)::int as n from p
     where not exists (select 1 from converted c where c.id = p.contact_id)
     group by keys`,
    [
      `{${converted.join(',')}}`,
      workspaceId,
      window.since,
      window.to,
      list(kinds),
      list(DELIVERED_STATUSES),
      window.from,
      window.to,
      list(kinds),
      window.from,
      window.to,
    ],
  );
}

export function touchKey(row: Omit<TouchRow, 'contact_id' | 'at'>, by: CreditBy): string {
  if (by === 'channel') return row.channel;
  if (row.source_kind === 'campaign' && row.source_id) return `campaign:${row.source_id}`;
  if (row.source_kind === 'journey' && row.source_id)
    return by === 'step' && row.journey_node
      ? `journey:${row.source_id}:${row.journey_node}`
      : `journey:${row.source_id}`;
  return row.source_kind;
}

/**
 * The paths the models read for conversions in [from, to): for each conversion, its contacts' touches in the
 * lookback window before it; for every contact touched in the period who did not convert, their touches as a path
 * that did not (the Markov model needs both).
 */
export async function conversionPaths(
  em: EntityManager,
  workspaceId: string,
  rule: ConversionRule,
  period: { from: Date; to: Date },
  by: CreditBy,
): Promise<ConversionPath[]> {
  const lookbackMs = rule.lookbackDays * 86_400_000;
  const since = new Date(period.from.getTime() - lookbackMs);
  const converted = await conversions(em, workspaceId, rule, period.from, period.to);
  const convertedContacts = [
    ...new Set(converted.flatMap((c) => c.contact_ids).filter((id): id is string => Boolean(id))),
  ];
  const [touched, others] = await Promise.all([
    touchesOf(em, workspaceId, convertedContacts, rule.touchKinds, since, period.to),
    unconvertedPaths(em, workspaceId, convertedContacts, rule.touchKinds, { since, ...period }, by),
  ]);
  const byContact = new Map<string, (Touch & { at: number })[]>();
  for (const row of touched) {
    const at = new Date(row.at).getTime();
    const own = byContact.get(row.contact_id) ?? [];
    own.push({ key: touchKey(row, by), at });
    byContact.set(row.contact_id, own);
  }
  const paths: ConversionPath[] = [];
  for (const conversion of converted) {
    const at = new Date(conversion.at).getTime();
    const pathTouches = conversion.contact_ids
      .flatMap((id) => byContact.get(id) ?? [])
      .filter((t) => t.at <= at && t.at > at - lookbackMs)
      .sort((a, b) => a.at - b.at);
    paths.push({ touches: pathTouches, conversion: { at, value: Number(conversion.value) } });
  }
  // Times do not matter to a path that did not convert (only Markov reads them, as a sequence).
  const at = period.from.getTime();
  for (const other of others)
    paths.push({ touches: other.keys.map((key) => ({ key, at })), conversion: null, count: other.n });
  return paths;
}
