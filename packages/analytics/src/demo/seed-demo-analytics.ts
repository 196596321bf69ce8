import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

/**
 * The demo's conversions, once per workspace: a "Purchase" definition, the ledger rows of what the demo journeys'
 * histories say they sent (with some opens and clicks), and purchases that follow those sends and the November
 * newsletter — more after a click than after an open, a few with no touch at all — so the six attribution models
 * credit email, SMS and the journeys differently. Every draw is a hash of an id, so the demo is the same each time.
 */
export async function seedDemoAnalytics(
  em: EntityManager,
  workspaceId: string,
): Promise<{ purchases: number }> {
  const [existing] = await sql(em, 'select 1 from conversion_definitions where workspace_id = ? limit 1', [
    workspaceId,
  ]);
  if (existing) return { purchases: 0 };
  await sql(
    em,
    `insert into conversion_definitions (id, workspace_id, name, kind, event_name, value_property, currency,
       lookback_days, touch_kinds, created_at, updated_at)
     values (?, ?, 'Purchase', 'event', 'purchase', null, 'EUR', 30, '{delivered,opened,clicked,replied}', now(), now())`,
    [randomUUID(), workspaceId],
  );

  // The demo shop sells in euros, and pays for its messages in euros too: its ROI compares like with like.
  await sql(
    em,
    `insert into messaging_policies (workspace_id, sms_currency, updated_at) values (?, 'EUR', now())
     on conflict (workspace_id) do update set sms_currency = 'EUR', updated_at = now()`,
    [workspaceId],
  );

  // What each demo journey step recorded as sent becomes a delivered ledger row, on the channel the step sends on.
  await sql(
    em,
    `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, journey_version_id,
       journey_node, channel, purpose, topic, to_address, content, template_version_id, status, attempts, provider,
       created_at, sent_at, delivered_at, updated_at)
     select gen_random_uuid(), i.workspace_id, i.contact_id, 'journey:' || i.id || ':' || s.node_id || ':1', 'journey',
       i.journey_id::text, i.version_id, s.node_id, n.node -> 'config' ->> 'channel', 'marketing', '',
       case when n.node -> 'config' ->> 'channel' = 'email' then c.email else c.phone end,
       jsonb_build_object('kind', 'template',
         'versionId', v.template_versions ->> (n.node -> 'config' ->> 'templateId')),
       (v.template_versions ->> (n.node -> 'config' ->> 'templateId'))::uuid,
       'delivered', 1, 'demo', s.at, s.at, s.at + interval '4 seconds', s.at
     from journey_step_events s
     join journey_instances i on i.id = s.instance_id
     join journey_versions v on v.id = i.version_id
     join contacts c on c.id = i.contact_id
     cross join lateral (
       select node from jsonb_array_elements(v.graph -> 'nodes') node where node ->> 'id' = s.node_id
     ) n
     where i.workspace_id = ? and s.outcome = 'sent' and n.node -> 'config' ->> 'channel' in ('email', 'sms', 'wechat')
     on conflict do nothing`,
    [workspaceId],
  );
  // A third of those emails opened by a person, a third of those clicked.
  await sql(
    em,
    `with m as (
       select id, workspace_id, sent_at, abs(hashtext(id::text || 'engaged')) % 900 as draw
       from messages where workspace_id = ? and source_kind = 'journey' and channel = 'email' and provider = 'demo'
     )
     insert into message_events (workspace_id, message_id, kind, machine, detail, occurred_at)
     select workspace_id, id, 'opened', false, '{}'::jsonb, sent_at + make_interval(mins => 20 + draw) from m
       where draw < 300
     union all
     select workspace_id, id, 'clicked', false, '{}'::jsonb, sent_at + make_interval(mins => 22 + draw) from m
       where draw < 100`,
    [workspaceId],
  );

  const purchases = await sql<{ n: number }>(
    em,
    `with cart_wins as (
       -- A cart bought while the journey waited for it: the purchase the step received.
       select i.contact_id, s.at, i.key as cart_id,
         coalesce((select sum((item ->> 'price')::numeric * coalesce((item ->> 'quantity')::numeric, 1))
                   from jsonb_array_elements(coalesce(i.trigger_data -> 'items', '[]'::jsonb)) item
                   where jsonb_typeof(item -> 'price') = 'number'), 0) as total
       from journey_step_events s join journey_instances i on i.id = s.instance_id
       where i.workspace_id = ? and s.outcome = 'received'
     ),
     newsletter as (
       -- After the newsletter: a quarter of those who clicked buy within three days, one in twenty who only opened.
       select m.contact_id, max(e.occurred_at) filter (where e.kind = 'clicked') as clicked_at,
         max(e.occurred_at) filter (where e.kind = 'opened' and not e.machine) as opened_at,
         abs(hashtext(m.contact_id::text || 'buys')) % 100 as draw
       from messages m join message_events e on e.message_id = m.id
       where m.workspace_id = ? and m.source_kind = 'campaign'
       group by m.contact_id
     ),
     after_newsletter as (
       select contact_id, coalesce(clicked_at, opened_at) + make_interval(hours => 2 + draw % 60) as at,
         null::text as cart_id, (19 + (draw * 7) % 180)::numeric as total
       from newsletter
       where (clicked_at is not null and draw < 25) or (clicked_at is null and opened_at is not null and draw < 5)
     ),
     direct as (
       -- People who bought without any message in the last 30 days.
       select c.id as contact_id, now() - make_interval(hours => 6 + abs(hashtext(c.id::text)) % 600) as at,
         null::text as cart_id, (25 + abs(hashtext(c.id::text || 'total')) % 150)::numeric as total
       from contacts c
       where c.workspace_id = ? and abs(hashtext(c.id::text || 'direct')) % 100 < 1
         and not exists (select 1 from messages m where m.contact_id = c.id and m.created_at > now() - interval '30 days')
     ),
     bought as (
       select * from cart_wins union all select * from after_newsletter where at < now() union all select * from direct
     ),
     inserted as (
       insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, message_id, occurred_at,
         received_at)
       select ?, b.contact_id, 'purchase',
         jsonb_strip_nulls(jsonb_build_object('cart_id', b.cart_id, 'total', b.total)), b.total, 'EUR', 'demo',
         'demo-purchase:' || b.contact_id || ':' || extract(epoch from b.at)::bigint, b.at, now()
       from bought b
       on conflict do nothing
       returning 1
     )
     select count(*)::int as n from inserted`,
    [workspaceId, workspaceId, workspaceId, workspaceId],
  );
  return { purchases: purchases[0]?.n ?? 0 };
}
