import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { ConversionPath, Touch, Transition } from '../attribution/conversion-path.ts';
import { ensureAttributionChain, touchMask } from '../rollups/attribution-touches.ts';

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

/** What a touch's key is made of: its message's channel and source. */
export interface TouchSource {
  channel: string;
  source_kind: string;
  source_id: string | null;
  journey_node: string | null;
}

/** The report key of a touch: its channel, its campaign or journey, or its journey step. */
export function touchKey(row: TouchSource, by: CreditBy): string {
  if (by === 'channel') return row.channel;
  if (row.source_kind === 'campaign' && row.source_id) return `campaign:${row.source_id}`;
  if (row.source_kind === 'journey' && row.source_id)
    return by === 'step' && row.journey_node
      ? `journey:${row.source_id}:${row.journey_node}`
      : `journey:${row.source_id}`;
  return row.source_kind;
}

interface KeyRow {
  id: number;
  channel: string;
  source_kind: string;
  source_id: string;
  journey_node: string;
}

/** A converted contact's touches from the lookback's start to the period's end, in order, as parallel arrays. */
interface KeptTouches {
  contact_id: string;
  /** Milliseconds since the epoch. */
  ats: number[];
  keys: number[];
  /** The previous touch's key when it is in the period, 0 when the touch starts the period's path. */
  prevs: number[];
}

/** What the models read for one definition and period. */
export interface PeriodPaths {
  /** One path per conversion: its contacts' touches in the lookback window before it. */
  converted: ConversionPath[];
  /**
   * The transitions of the period's paths that did not convert — every other contact's touches in the period, in
   * order (`from: null` is the start, `to: null` the end without a conversion): all the Markov model needs of them.
   */
  unconverted: Transition[];
  /** How many contacts those paths belong to. */
  unconvertedPaths: number;
}

/** The period's local days as the kept touches store them: the first day, and the day after the last. */
const PERIOD_DAYS = `(select (?::timestamptz at time zone ?::text)::date as first, (?::timestamptz at time zone ?::text)::date as after) b`;

/**
 * The paths the models read for conversions in [from, to) — local midnights in `timeZone` — from the kept touches
 * (`attribution_touches`): each conversion's path from its contacts' touches; the paths that did not convert as
 * transition counts from one grouped scan of the period's touches (each knows the contact's previous one, so a
 * touch whose previous one is before the period starts a path), less the converted contacts' own.
 */
export async function conversionPaths(
  em: EntityManager,
  workspaceId: string,
  rule: ConversionRule,
  period: { from: Date; to: Date; timeZone: string },
  by: CreditBy,
): Promise<PeriodPaths> {
  const lookbackMs = rule.lookbackDays * 86_400_000;
  const since = new Date(period.from.getTime() - lookbackMs);
  const mask = touchMask(rule.touchKinds);
  const converted = await conversions(em, workspaceId, rule, period.from, period.to);
  const convertedContacts = [
    ...new Set(converted.flatMap((c) => c.contact_ids).filter((id): id is string => Boolean(id))),
  ];
  if (mask === 0)
    return {
      converted: converted.map((c) => ({
        touches: [],
        conversion: { at: new Date(c.at).getTime(), value: Number(c.value) },
      })),
      unconverted: [],
      unconvertedPaths: 0,
    };
  await ensureAttributionChain(em, workspaceId, mask, period.timeZone);
  const days = [period.from, period.timeZone, period.to, period.timeZone];
  const [keys, kept, counts] = await Promise.all([
    sql<KeyRow>(
      em,
      'select id, channel, source_kind, source_id, journey_node from attribution_keys where workspace_id = ?',
      [workspaceId],
    ),
    convertedContacts.length === 0
      ? Promise.resolve([])
      : sql<KeptTouches>(
          em,
          // One index probe per contact, whatever the planner guesses of a long list; one row per contact.
          `select c.id as contact_id, t.ats, t.keys, t.prevs
           from unnest(?::uuid[]) as c (id)
           cross join ${PERIOD_DAYS}
           cross join lateral (
             select array_agg(floor(extract(epoch from at) * 1000)::float8 order by at, key_id) as ats,
               array_agg(key_id order by at, key_id) as keys,
               array_agg(case when prev_day >= b.first then prev_key else 0 end order by at, key_id) as prevs
             from attribution_touches
             where contact_id = c.id and mask = ? and at >= ? and at < ? and workspace_id = ?
           ) t
           where t.ats is not null`,
          [`{${convertedContacts.join(',')}}`, ...days, mask, since, period.to, workspaceId],
        ),
    // Credited by channel, the counts per day and channel are enough; otherwise every touch of the period is read.
    by === 'channel'
      ? sql<{ pk: string | null; k: string; n: number }>(
          em,
          `select case when s.prev_day >= b.first then nullif(s.prev_channel, '') end as pk, s.channel as k,
             sum(s.n)::int as n
           from attribution_channel_steps s, ${PERIOD_DAYS}
           where s.workspace_id = ? and s.mask = ? and s.day >= b.first and s.day < b.after
           group by 1, 2`,
          [...days, workspaceId, mask],
        )
      : sql<{ pk: number | null; k: number; n: number }>(
          em,
          `select case when t.prev_day >= b.first then t.prev_key end as pk, t.key_id as k, count(*)::int as n
           from attribution_touches t, ${PERIOD_DAYS}
           where t.workspace_id = ? and t.mask = ? and t.day >= b.first and t.day < b.after
           group by 1, 2`,
          [...days, workspaceId, mask],
        ),
  ]);
  const keyOf = new Map(
    keys.map((row) => [
      Number(row.id),
      touchKey({ ...row, source_id: row.source_id || null, journey_node: row.journey_node || null }, by),
    ]),
  );
  const key = (id: number | string) =>
    by === 'channel' && typeof id === 'string' ? id : (keyOf.get(Number(id)) ?? 'unknown');

  const byContact = new Map<string, Touch[]>();
  for (const row of kept)
    byContact.set(
      row.contact_id,
      row.ats.map((at, i) => ({ key: key(row.keys[i]!), at: Number(at) })),
    );
  const paths: ConversionPath[] = converted.map((conversion) => {
    const at = new Date(conversion.at).getTime();
    const touches = conversion.contact_ids
      .flatMap((id) => byContact.get(id) ?? [])
      .filter((t) => t.at <= at && t.at > at - lookbackMs)
      .sort((a, b) => a.at - b.at);
    return { touches, conversion: { at, value: Number(conversion.value) } };
  });

  // A touch of the period either starts a path or follows its previous one; the converted contacts' own are taken
  // out (their paths are the conversions').
  const from = period.from.getTime();
  const transitions = new TransitionCounts();
  for (const row of counts) transitions.add(row.pk === null ? null : key(row.pk), key(row.k), row.n);
  for (const row of kept)
    row.ats.forEach((at, i) => {
      if (Number(at) < from) return;
      const prev = Number(row.prevs[i]);
      transitions.add(prev === 0 ? null : key(prev), key(row.keys[i]!), -1);
    });
  return { converted: paths, ...transitions.paths() };
}

/**
 * Counts of touch-to-touch transitions between credited keys (null: the path's start). Each touch has exactly one way
 * in; the ways out of a key that lead to no further touch end the path without a conversion.
 */
class TransitionCounts {
  private readonly into = new Map<string, Transition>();
  private readonly touches = new Map<string, number>();

  add(from: string | null, to: string, count: number) {
    const id = JSON.stringify([from, to]);
    const entry = this.into.get(id) ?? { from, to, count: 0 };
    entry.count += count;
    this.into.set(id, entry);
    this.touches.set(to, (this.touches.get(to) ?? 0) + count);
  }

  paths(): { unconverted: Transition[]; unconvertedPaths: number } {
    const out = new Map<string, number>();
    let starts = 0;
    for (const { from, count } of this.into.values())
      if (from === null) starts += count;
      else out.set(from, (out.get(from) ?? 0) + count);
    const ends = [...this.touches].map(([key, count]) => ({
      from: key,
      to: null,
      count: count - (out.get(key) ?? 0),
    }));
    return {
      unconverted: [...this.into.values(), ...ends].filter((t) => t.count > 0),
      unconvertedPaths: starts,
    };
  }
}
