import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { VariantResult } from '../definition/ab-decision.ts';
import type { CampaignRow } from '../store/campaign-row.ts';

/** SQL over message `m` saying the recipient did the metric's action (human engagement only). */
function successCondition(campaign: CampaignRow): [string, unknown[]] {
  const metric = campaign.ab_test?.metric ?? 'opens';
  if (metric === 'conversions')
    return [
      `exists (select 1 from events ev where ev.workspace_id = m.workspace_id and ev.contact_id = m.contact_id
         and ev.name = ? and ev.occurred_at >= m.sent_at)`,
      [campaign.ab_test?.conversionEvent ?? 'purchase'],
    ];
  // A click is an open the pixel missed (images off): it counts for the opens metric too.
  const kinds = metric === 'opens' ? `('opened', 'clicked')` : `('clicked')`;
  return [
    `exists (select 1 from message_events e where e.message_id = m.id and e.kind in ${kinds} and not e.machine)`,
    [],
  ];
}

/** Sends and successes per test variant: what the A/B decision and the report's comparison read. */
export async function measureVariants(em: EntityManager, campaign: CampaignRow): Promise<VariantResult[]> {
  const [condition, params] = successCondition(campaign);
  const rows = await sql<{ variant: string; sent: string; successes: string }>(
    em,
    `select r.variant, count(*) filter (where m.sent_at is not null) as sent,
       count(*) filter (where m.sent_at is not null and ${condition}) as successes
     from campaign_recipients r
     join messages m on m.workspace_id = ? and m.idempotency_key = 'campaign:' || r.campaign_id || ':' || r.contact_id
     where r.campaign_id = ? and r.variant is not null
     group by r.variant`,
    [...params, campaign.workspace_id, campaign.id],
  );
  const byKey = new Map(rows.map((r) => [r.variant, r]));
  return campaign.variants.map((v) => ({
    key: v.key,
    sent: Number(byKey.get(v.key)?.sent ?? 0),
    successes: Number(byKey.get(v.key)?.successes ?? 0),
  }));
}
