import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { refreshAttributionTouches } from './attribution-touches.ts';

/** The counts a rollup row holds, in the order of its columns. */
export const ROLLUP_COUNTS = [
  'sent',
  'delivered',
  'bounced',
  'human_opened',
  'machine_opened',
  'clicked',
  'clicks',
  'replied',
  'unsubscribed',
  'complained',
  'recorded_cost',
  'unpriced_segments',
] as const;

/**
 * The rollup of the messages sent in the hours of `hours` (UTC hour starts), computed from the ledger: one row per
 * hour, channel, source and template version. Email has no delivery receipt from most receivers, so an email counts as delivered once
 * it was sent and did not bounce, as every ESP counts it; SMS and WeChat report their deliveries. The same text is
 * the refresh's source and the reference the tests compare the stored rollups with.
 */
export const ROLLUP_FROM_LEDGER = `
  with m as materialized (
    select m.id, m.workspace_id, h.hour, m.channel, m.source_kind, m.source_id, m.journey_node,
      m.template_version_id, m.status,
      m.delivered_at, m.cost, m.segments
    from unnest(?::timestamptz[]) as h (hour)
    join messages m on m.workspace_id = ? and m.sent_at >= h.hour and m.sent_at < h.hour + interval '1 hour'
  ),
  -- A semi-join, so the planner probes the index for an hour's messages and hashes the table for a whole history.
  e as (
    select me.message_id,
      bool_or(me.kind in ('opened', 'clicked') and not me.machine) as human_open,
      bool_or(me.kind = 'opened' and me.machine) as machine_open,
      count(*) filter (where me.kind = 'clicked' and not me.machine) as clicks,
      bool_or(me.kind = 'replied') as replied,
      bool_or(me.kind = 'unsubscribed') as unsubscribed,
      bool_or(me.kind = 'complained') as complained
    from message_events me
    where me.message_id in (select id from m)
      and me.kind in ('opened', 'clicked', 'replied', 'unsubscribed', 'complained')
    group by me.message_id
  )
  select m.workspace_id, m.hour, m.channel::text as channel, m.source_kind::text as source_kind,
    coalesce(m.source_id, '') as source_id, coalesce(m.journey_node, '') as journey_node,
    coalesce(m.template_version_id::text, '') as template_version_id,
    count(*)::int as sent,
    count(*) filter (where case when m.channel = 'email' then m.status not in ('bounced', 'failed')
      else m.delivered_at is not null
        or m.status in ('delivered', 'opened', 'clicked', 'replied', 'unsubscribed', 'complained') end)::int
      as delivered,
    count(*) filter (where m.status = 'bounced')::int as bounced,
    count(*) filter (where e.human_open)::int as human_opened,
    count(*) filter (where e.machine_open and not e.human_open)::int as machine_opened,
    count(*) filter (where e.clicks > 0)::int as clicked,
    coalesce(sum(e.clicks), 0)::int as clicks,
    count(*) filter (where e.replied)::int as replied,
    count(*) filter (where e.unsubscribed)::int as unsubscribed,
    count(*) filter (where e.complained)::int as complained,
    coalesce(sum(m.cost) filter (where m.channel = 'sms'), 0)::numeric(14,5) as recorded_cost,
    coalesce(sum(coalesce(m.segments, 1)) filter (where m.channel = 'sms' and m.cost is null), 0)::int
      as unpriced_segments
  from m left join e on e.message_id = m.id
  group by 1, 2, 3, 4, 5, 6, 7`;

const hoursLiteral = (hours: readonly Date[]) => `{${hours.map((h) => `"${h.toISOString()}"`).join(',')}}`;

/**
 * Rebuilds the hours of one workspace that writes made stale since the last refresh (and the kept attribution touches
 * of the contacts with messages in them), in one transaction: the stale
 * marks taken are exactly those rebuilt, so a crash anywhere rolls back both and the next refresh does the work;
 * a write committed while this runs leaves its own mark for the next one. Refreshes of a workspace take turns.
 */
export async function refreshWorkspaceRollups(em: EntityManager, workspaceId: string): Promise<number> {
  return em.fork().transactional(async (tx) => {
    await sql(tx, `select pg_advisory_xact_lock(hashtextextended('message_rollups:' || ?::text, 0))`, [
      workspaceId,
    ]);
    const taken = await sql<{ hour: Date }>(
      tx,
      `with taken as (delete from message_rollup_stale where workspace_id = ? returning hour)
       select distinct hour from taken order by hour`,
      [workspaceId],
    );
    if (taken.length === 0) return 0;
    const hours = hoursLiteral(taken.map((row) => new Date(row.hour)));
    await sql(tx, `delete from message_rollups where workspace_id = ? and hour = any(?::timestamptz[])`, [
      workspaceId,
      hours,
    ]);
    await sql(
      tx,
      `insert into message_rollups (workspace_id, hour, channel, source_kind, source_id, journey_node,
         template_version_id, ${ROLLUP_COUNTS.join(', ')})
       ${ROLLUP_FROM_LEDGER}`,
      [hours, workspaceId],
    );
    await refreshAttributionTouches(tx, workspaceId, hours);
    return taken.length;
  });
}

/** Refreshes every workspace with stale hours (the worker's schedule); returns how many hours were rebuilt. */
export async function refreshMessageRollups(em: EntityManager): Promise<number> {
  const stale = await sql<{ workspace_id: string }>(
    em,
    'select distinct workspace_id from message_rollup_stale',
  );
  let hours = 0;
  for (const { workspace_id } of stale) hours += await refreshWorkspaceRollups(em, workspace_id);
  return hours;
}
