import type { EntityManager } from '@switchboard/db';
import { list, sql, uuidV7 } from '@switchboard/contacts';
import type { TemplateReference } from '@switchboard/messaging';
import type { StoredVariant } from '../definition/campaign-input.ts';

export interface CampaignForSending {
  id: string;
  workspace_id: string;
  channel: 'email' | 'sms' | 'wechat';
  topic: string;
  variants: StoredVariant[];
  winner: string | null;
}

export interface EnqueuedBatch {
  messageIds: string[];
  /** The first ordinal not handled: the end of the range, or the first recipient not yet due. */
  processedTo: number;
  /** When the next recipient in the range is due (local time, send-time optimisation), if not now. */
  waitUntil: Date | null;
}

export const campaignMessageKey = (campaignId: string, contactId: string) =>
  `campaign:${campaignId}:${contactId}`;

function contentFor(variant: StoredVariant): TemplateReference {
  return {
    kind: 'template',
    versionId: variant.templateVersionId,
    ...(variant.subject ? { subject: variant.subject } : {}),
    ...(variant.fromName ? { fromName: variant.fromName } : {}),
  };
}

/**
 * Writes the ledger rows for one range of the snapshot, in one statement. The key per campaign and contact makes a
 * retried batch find the rows it wrote before instead of adding more; recipients not yet due are left for later.
 */
export async function enqueueBatch(
  em: EntityManager,
  campaign: CampaignForSending,
  range: { from: number; to: number },
  now: Date,
): Promise<EnqueuedBatch> {
  const recipients = await sql<{
    ordinal: number;
    contact_id: string;
    variant: string | null;
    send_at: string | null;
  }>(
    em,
    `select ordinal, contact_id, variant, send_at from campaign_recipients
     where campaign_id = ? and ordinal >= ? and ordinal < ? order by ordinal`,
    [campaign.id, range.from, range.to],
  );
  const due: typeof recipients = [];
  let processedTo = range.to;
  let waitUntil: Date | null = null;
  for (const recipient of recipients) {
    const sendAt = recipient.send_at ? new Date(recipient.send_at) : null;
    if (sendAt && sendAt > now) {
      processedTo = recipient.ordinal;
      waitUntil = sendAt;
      break;
    }
    due.push(recipient);
  }
  if (due.length === 0) return { messageIds: [], processedTo, waitUntil };

  const variants = new Map(campaign.variants.map((v) => [v.key, v]));
  const rows = due.map((recipient) => {
    const key = recipient.variant ?? campaign.winner ?? campaign.variants[0]!.key;
    const variant = variants.get(key as StoredVariant['key']) ?? campaign.variants[0]!;
    return {
      id: uuidV7(),
      contact: recipient.contact_id,
      key: campaignMessageKey(campaign.id, recipient.contact_id),
      content: JSON.stringify(contentFor(variant)),
      templateVersionId: variant.templateVersionId,
    };
  });
  const created = await sql<{ id: string }>(
    em,
    `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, channel, purpose,
       topic, content, template_version_id, status, created_at, updated_at)
     select v.id::uuid, ?, v.contact::uuid, v.key, 'campaign', ?, ?, 'marketing', ?, v.content::jsonb,
       v.template_version::uuid, 'queued', now(), now()
     from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as v(id, contact, key, content, template_version)
     on conflict (workspace_id, idempotency_key) do nothing
     returning id`,
    [
      campaign.workspace_id,
      campaign.id,
      campaign.channel,
      campaign.topic,
      list(rows.map((r) => r.id)),
      list(rows.map((r) => r.contact)),
      list(rows.map((r) => r.key)),
      list(rows.map((r) => r.content)),
      list(rows.map((r) => r.templateVersionId)),
    ],
  );
  if (created.length > 0)
    await sql(
      em,
      `insert into message_events (workspace_id, message_id, kind, machine, detail, occurred_at)
       select ?, id::uuid, 'queued', false, '{}'::jsonb, now() from unnest(?::text[]) as v(id)`,
      [campaign.workspace_id, list(created.map((r) => r.id))],
    );
  const all = await sql<{ id: string }>(
    em,
    `select id from messages where workspace_id = ? and idempotency_key = any(?::text[]) order by id`,
    [campaign.workspace_id, list(rows.map((r) => r.key))],
  );
  return { messageIds: all.map((r) => r.id), processedTo, waitUntil };
}
