import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { AbTest, CampaignSchedule, StoredVariant } from '../definition/campaign-input.ts';
import type { AbDecision } from '../definition/ab-decision.ts';

export type CampaignStatus =
  'draft' | 'scheduled' | 'sending' | 'testing' | 'paused' | 'sent' | 'cancelled' | 'failed';

export interface CampaignRow {
  id: string;
  workspace_id: string;
  name: string;
  channel: 'email' | 'sms' | 'wechat';
  status: CampaignStatus;
  segment_id: string | null;
  topic: string;
  variants: StoredVariant[];
  schedule: CampaignSchedule;
  ab_test: AbTest | null;
  recurrence: string | null;
  parent_id: string | null;
  winner: string | null;
  decision: AbDecision | null;
  audience_size: number | null;
  error: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  scheduled_at: string | Date | null;
  started_at: string | Date | null;
  finished_at: string | Date | null;
}

export async function loadCampaign(em: EntityManager, campaignId: string, workspaceId?: string) {
  const [row] = await sql<CampaignRow>(
    em,
    `select * from campaigns where id = ?${workspaceId ? ' and workspace_id = ?' : ''}`,
    workspaceId ? [campaignId, workspaceId] : [campaignId],
  );
  return row ?? null;
}

export async function setCampaignStatus(
  em: EntityManager,
  campaignId: string,
  status: CampaignStatus,
  extra: { error?: string | null } = {},
) {
  await sql(
    em,
    `update campaigns set status = ?, error = coalesce(?, error), updated_at = now(),
       started_at = case when ? in ('sending', 'testing') then coalesce(started_at, now()) else started_at end,
       finished_at = case when ? in ('sent', 'cancelled', 'failed') then now() else finished_at end
     where id = ?`,
    [status, extra.error ?? null, status, status, campaignId],
  );
}
