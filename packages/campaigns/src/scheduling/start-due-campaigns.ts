import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { CampaignControl } from '../campaign-control.ts';
import type { StoredVariant } from '../definition/campaign-input.ts';
import type { CampaignRow } from '../store/campaign-row.ts';
import { nextRecurrence } from './recurrence.ts';

/** Re-pins each variant to its template's newest published version: a weekly newsletter sends this week's edit. */
async function latestVersions(tx: EntityManager, variants: StoredVariant[]): Promise<StoredVariant[]> {
  const pinned: StoredVariant[] = [];
  for (const variant of variants) {
    const [latest] = await sql<{ id: string; version: number }>(
      tx,
      `select v.id, v.version from template_versions v join templates t on t.id = v.template_id
       where t.id = ? and v.version = t.latest_version`,
      [variant.templateId],
    );
    pinned.push(
      latest ? { ...variant, templateVersionId: latest.id, templateVersion: latest.version } : variant,
    );
  }
  return pinned;
}

/** A recurring campaign's due run: a copy scheduled now, and the parent moved on to its next time. */
async function createRun(tx: EntityManager, parent: CampaignRow, now: Date): Promise<string> {
  const fireAt = new Date(parent.scheduled_at!);
  const id = randomUUID();
  const label = fireAt.toISOString().slice(0, 16).replace('T', ' ');
  await sql(
    tx,
    `insert into campaigns (id, workspace_id, name, channel, status, segment_id, topic, variants, schedule, ab_test,
       recurrence, parent_id, created_by_id, created_at, updated_at, scheduled_at)
     select ?, workspace_id, left(name || ' · ' || ?, 200), channel, 'scheduled', segment_id, topic, ?::jsonb,
       case when schedule ->> 'mode' = 'optimised' then schedule else '{"mode": "now"}'::jsonb end, ab_test, null, id,
       created_by_id, now(), now(), ?
     from campaigns where id = ?`,
    [id, label, JSON.stringify(await latestVersions(tx, parent.variants)), fireAt, parent.id],
  );
  await sql(tx, 'update campaigns set scheduled_at = ?, updated_at = now() where id = ?', [
    await nextRecurrence(tx, parent.workspace_id, parent.recurrence!, now),
    parent.id,
  ]);
  return id;
}

/**
 * Run every minute: recurring campaigns whose time has come get their run; scheduled campaigns get their workflow
 * (starting one that already runs is a no-op), so a schedule survives a server that stopped between save and start.
 */
export async function startDueCampaigns(em: EntityManager, control: CampaignControl, now = new Date()) {
  const runs = await em.transactional(async (tx) => {
    const due = await sql<CampaignRow>(
      tx,
      `select * from campaigns where status = 'scheduled' and recurrence is not null and scheduled_at <= ?
       order by scheduled_at limit 100 for update skip locked`,
      [now],
    );
    const created: string[] = [];
    for (const parent of due) created.push(await createRun(tx, parent, now));
    return created;
  });
  const scheduled = await sql<{ id: string; scheduled_at: string | Date | null }>(
    em,
    `select id, scheduled_at from campaigns where status = 'scheduled' and recurrence is null
     order by scheduled_at limit 500`,
  );
  for (const campaign of scheduled)
    await control.start(campaign.id, campaign.scheduled_at ? new Date(campaign.scheduled_at) : null);
  return { runs: runs.length, started: scheduled.length };
}
