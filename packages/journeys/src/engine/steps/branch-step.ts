import type { EntityManager } from '@switchboard/db';
import { sql, suppressionHash, type ContactRow } from '@switchboard/contacts';
import { channelAddress } from '@switchboard/messaging';
import type { BranchCondition } from '../../definition/journey-graph.ts';
import { matchesCondition, propertyAt } from '../property-filters.ts';
import type { InstanceRow } from '../instance-store.ts';

/** The profile as branches (and templates) name it: standard fields, then custom attributes. */
export function profileFields(contact: ContactRow): Record<string, unknown> {
  return {
    ...contact.attributes,
    email: contact.email,
    phone: contact.phone,
    wechat_id: contact.wechat_id,
    external_id: contact.external_id,
    first_name: contact.first_name,
    last_name: contact.last_name,
    locale: contact.locale,
    timezone: contact.timezone,
    lifecycle_stage: contact.lifecycle_stage,
    lead_score: contact.lead_score,
    tags: contact.tags,
  };
}

const IDENTITY_KIND = { email: 'email', sms: 'phone', wechat: 'wechatId' } as const;

/** Whether a branch's condition holds for the contact now: yes or no. */
export async function evaluateBranch(
  em: EntityManager,
  instance: InstanceRow,
  contact: ContactRow | null,
  condition: BranchCondition,
): Promise<'yes' | 'no'> {
  if (!contact) return 'no';
  const answer = async (): Promise<boolean> => {
    switch (condition.kind) {
      case 'attribute':
        return matchesCondition(
          propertyAt(profileFields(contact), condition.key),
          condition.op,
          condition.value,
        );
      case 'segment': {
        const rows = await sql(em, 'select 1 from segment_members where segment_id = ? and contact_id = ?', [
          condition.segmentId,
          contact.id,
        ]);
        return rows.length > 0;
      }
      case 'consent': {
        const rows = await sql<{ topic: string; status: string }>(
          em,
          `select topic, status from consents where contact_id = ? and channel = ? and topic in ('', ?)`,
          [contact.id, condition.channel, condition.topic],
        );
        return rows.some((r) => r.status === 'opted_in') && !rows.some((r) => r.status === 'opted_out');
      }
      case 'did': {
        const since = condition.sinceEntry
          ? new Date(instance.entered_at)
          : new Date(Date.now() - condition.withinDays * 86_400_000);
        const rows = await sql(
          em,
          'select 1 from events where contact_id = ? and name = ? and occurred_at >= ? limit 1',
          [contact.id, condition.event, since],
        );
        return rows.length > 0;
      }
      case 'reachable':
        return isReachable(em, contact, condition.channel);
    }
  };
  return (await answer()) ? 'yes' : 'no';
}

/** An address on the channel, not suppressed, and not opted out of the channel as a whole. */
export async function isReachable(
  em: EntityManager,
  contact: ContactRow,
  channel: 'email' | 'sms' | 'wechat',
): Promise<boolean> {
  const address = channelAddress(contact, channel);
  if (!address) return false;
  const [row] = await sql<{ suppressed: boolean; opted_out: boolean }>(
    em,
    `select exists(select 1 from suppressions where workspace_id = ? and value_hash = ?) as suppressed,
       exists(select 1 from consents where contact_id = ? and channel = ? and topic = '' and status = 'opted_out')
         as opted_out`,
    [contact.workspace_id, suppressionHash(IDENTITY_KIND[channel], address), contact.id, channel],
  );
  return !row?.suppressed && !row?.opted_out;
}
