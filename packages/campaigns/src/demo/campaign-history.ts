import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { CampaignRow } from '../store/campaign-row.ts';

/**
 * What happened to a campaign sent in the past, for the demo: one ledger message per recipient and their events
 * (sent, delivered, opens human and machine, clicks, a few bounces and unsubscribes) spread over two days, drawn
 * deterministically from the message id. Variant lifts multiply the open and click rates.
 */
export async function synthesiseCampaignHistory(
  em: EntityManager,
  campaign: CampaignRow,
  sentAt: Date,
  lifts: Record<string, number>,
) {
  const winner = campaign.variants.at(-1)!.key;
  const subjects = Object.fromEntries(campaign.variants.map((v) => [v.key, v.subject ?? null]));
  await sql(
    em,
    `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, channel, purpose,
       topic, to_address, from_address, content, template_version_id, subject, status, attempts, provider,
       provider_message_id, created_at, sent_at, delivered_at, updated_at)
     select gen_random_uuid(), ?, r.contact_id, 'campaign:' || ? || ':' || r.contact_id, 'campaign', ?, 'email',
       'marketing', ?, c.email, 'hello@switchboard.local',
       jsonb_build_object('kind', 'template', 'versionId', (?::jsonb -> coalesce(r.variant, ?) ->> 'versionId')),
       (?::jsonb -> coalesce(r.variant, ?) ->> 'versionId')::uuid,
       replace(coalesce(?::jsonb ->> coalesce(r.variant, ?), 'Newsletter'), '{{ contact.first_name | default: "Hi" }}',
         coalesce(c.first_name, 'Hi')),
       'delivered', 1, 'smtp', 'demo-' || r.ordinal, ?::timestamptz + r.wait + make_interval(secs => r.ordinal * 0.05),
       ?::timestamptz + r.wait + make_interval(secs => r.ordinal * 0.05),
       ?::timestamptz + r.wait + make_interval(secs => r.ordinal * 0.05 + 3), now()
     from (
       -- The rest got the winner once the test window closed.
       select r.*, case when r.variant is null then make_interval(mins => ?) else interval '0' end as wait
       from campaign_recipients r where r.campaign_id = ?
     ) r join contacts c on c.id = r.contact_id`,
    [
      campaign.workspace_id,
      campaign.id,
      campaign.id,
      campaign.topic,
      JSON.stringify(
        Object.fromEntries(campaign.variants.map((v) => [v.key, { versionId: v.templateVersionId }])),
      ),
      winner,
      JSON.stringify(
        Object.fromEntries(campaign.variants.map((v) => [v.key, { versionId: v.templateVersionId }])),
      ),
      winner,
      JSON.stringify(subjects),
      winner,
      sentAt,
      sentAt,
      sentAt,
      campaign.ab_test?.windowMinutes ?? 0,
      campaign.id,
    ],
  );
  // One draw per message: 0–999. Bounces 1.5%; human opens ~24% × lift; machine opens 8%; clicks a quarter of opens.
  await sql(
    em,
    `with m as (
       select m.id, m.workspace_id, m.contact_id, m.sent_at, coalesce(r.variant, ?) as variant,
         abs(hashtext(m.id::text)) % 1000 as draw, abs(hashtext(m.id::text || 'time')) % 2880 as minutes
       from messages m join campaign_recipients r on r.campaign_id = ? and r.contact_id = m.contact_id
       where m.workspace_id = ? and m.source_kind = 'campaign' and m.source_id = ?
     ),
     outcome as (
       select m.*, coalesce((?::jsonb ->> m.variant)::float8, 1) as lift from m
     ),
     events as (
       select id, workspace_id, contact_id, 'sent' as kind, false as machine, null as url, sent_at as at from outcome
       union all
       select id, workspace_id, contact_id, 'bounced', false, null, sent_at + interval '2 minutes' from outcome where draw < 15
       union all
       select id, workspace_id, contact_id, 'delivered', false, null, sent_at + interval '3 seconds' from outcome where draw >= 15
       union all
       select id, workspace_id, contact_id, 'opened', true, null, sent_at + interval '40 seconds' from outcome where draw >= 15 and draw < 95
       union all
       select id, workspace_id, contact_id, 'opened', false, null, sent_at + make_interval(mins => minutes + 5)
       from outcome where draw >= 95 and draw < 95 + 240 * lift
       union all
       -- Two links: the button takes two clicks in three, the customer stories in the text the third.
       select id, workspace_id, contact_id, 'clicked', false,
         case when draw % 3 = 0 then 'https://example.com/stories' else 'https://example.com/newsletter/november' end,
         sent_at + make_interval(mins => minutes + 7)
       from outcome where draw >= 95 and draw < 95 + 60 * lift
       union all
       select id, workspace_id, contact_id, 'unsubscribed', false, null, sent_at + make_interval(mins => minutes + 9)
       from outcome where draw >= 990
     ),
     inserted as (
       insert into message_events (workspace_id, message_id, kind, machine, url, detail, occurred_at)
       select workspace_id, id, kind, machine, url, '{}'::jsonb, at from events
       returning message_id, kind, machine, url, occurred_at, workspace_id
     )
     insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
     select i.workspace_id, m.contact_id, 'email_' || i.kind,
       jsonb_build_object('messageId', i.message_id, 'source', 'campaign', 'sourceId', ?::text)
         || case when i.machine then '{"machine": true}'::jsonb else '{}'::jsonb end
         || case when i.url is not null then jsonb_build_object('url', i.url) else '{}'::jsonb end,
       'channel', case when i.kind in ('sent', 'delivered', 'bounced', 'unsubscribed') then 'msg:' || i.message_id || ':' || i.kind end,
       i.occurred_at, now()
     from inserted i join m on m.id = i.message_id`,
    [winner, campaign.id, campaign.workspace_id, campaign.id, JSON.stringify(lifts), campaign.id],
  );
  // Bounces carry what a receiving server says (DSN status and diagnostic), as a real bounce does.
  await sql(
    em,
    `with bounce as (
       select e.id, e.message_id, (array[
         '{"status": "5.1.1", "diagnostic": "550 5.1.1 <recipient>: Recipient address rejected: User unknown in virtual mailbox table"}',
         '{"status": "5.1.10", "diagnostic": "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"}',
         '{"status": "5.2.1", "diagnostic": "550 5.2.1 The email account that you tried to reach is disabled"}',
         '{"status": "5.7.1", "diagnostic": "554 5.7.1 Message rejected because of unacceptable content"}'
       ])[1 + abs(hashtext(e.message_id::text || 'bounce')) % 4]::jsonb as dsn
       from message_events e join messages m on m.id = e.message_id
       where m.workspace_id = ? and m.source_kind = 'campaign' and m.source_id = ? and e.kind = 'bounced'
     ),
     logged as (
       update message_events e set detail = jsonb_build_object('hard', true, 'action', 'failed') || b.dsn
       from bounce b where e.id = b.id
     )
     update messages m set error = b.dsn ->> 'diagnostic', error_code = b.dsn ->> 'status'
     from bounce b where m.id = b.message_id`,
    [campaign.workspace_id, campaign.id],
  );
  // Each message's status is its furthest event (bounced beats everything; clicks beat opens).
  await sql(
    em,
    `update messages m set status = s.status,
       delivered_at = case when s.status = 'bounced' then null else m.delivered_at end
     from (
       select e.message_id, case
         when bool_or(e.kind = 'bounced') then 'bounced'
         when bool_or(e.kind = 'unsubscribed') then 'unsubscribed'
         when bool_or(e.kind = 'clicked') then 'clicked'
         when bool_or(e.kind = 'opened' and not e.machine) then 'opened'
         else 'delivered' end as status
       from message_events e join messages mm on mm.id = e.message_id
       where mm.workspace_id = ? and mm.source_kind = 'campaign' and mm.source_id = ?
       group by e.message_id
     ) s where m.id = s.message_id`,
    [campaign.workspace_id, campaign.id],
  );
}
