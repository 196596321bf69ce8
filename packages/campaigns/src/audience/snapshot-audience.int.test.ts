import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import { DEFAULT_POLICY, saveMessagingPolicy } from '@switchboard/messaging';
import { addToStaticList, findOrCreateStaticList } from '@switchboard/segments';
import { useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import type { StoredVariant } from '../definition/campaign-input.ts';
import { snapshotAudience } from './snapshot-audience.ts';

let database: TestDatabase;
let workspaceId: string;
let listId: string;
const em = () => database.db.fork();
const variant = (key: 'A' | 'B' | 'C'): StoredVariant => ({
  key,
  templateId: randomUUID(),
  templateVersionId: randomUUID(),
  templateVersion: 1,
  templateName: 'T',
});
const actor = { type: 'cli' as const, id: null, label: 'snapshot test' };

async function contact(email: string, timezone: string | null, engagedHoursUtc: number[] = []) {
  const id = randomUUID();
  await sql(
    em(),
    `insert into contacts (id, workspace_id, email, timezone, tags, created_at, updated_at)
     values (?, ?, ?, ?, array['snap'], now(), now())`,
    [id, workspaceId, email, timezone],
  );
  for (const [i, hour] of engagedHoursUtc.entries())
    await sql(
      em(),
      `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
       values (?, ?, 'email_opened', '{}'::jsonb, 'channel', date_trunc('day', now()) - make_interval(days => ?) + make_interval(hours => ?), now())`,
      [workspaceId, id, i + 1, hour],
    );
  return id;
}

beforeAll(async () => {
  database = await useTestDatabase();
  workspaceId = randomUUID();
  await sql(em(), `insert into workspaces (id, slug, name, created_at) values (?, ?, 'Snap', now())`, [
    workspaceId,
    `snap-${workspaceId.slice(0, 8)}`,
  ]);
  await saveMessagingPolicy(em(), workspaceId, { ...DEFAULT_POLICY, defaultTimezone: 'Europe/Berlin' });
  await contact('tokyo@example.org', 'Asia/Tokyo', [7, 7, 7, 20]);
  await contact('ny@example.org', 'America/New_York', [15, 15]);
  await contact('unknown@example.org', null);
  await contact('bogus@example.org', 'Mars/Olympus_Mons');
  for (let i = 0; i < 96; i++) await contact(`bulk${i}@example.org`, 'UTC');
  listId = await findOrCreateStaticList(em(), workspaceId, 'Snapshot', actor);
  await addToStaticList(em(), workspaceId, listId, { where: `'snap' = any(tags)`, params: [] });
});

const recipients = (campaignId: string) =>
  sql<{
    email: string;
    ordinal: number;
    variant: string | null;
    send_at: string | null;
    send_at_reason: string | null;
  }>(
    em(),
    `select c.email, r.ordinal, r.variant, r.send_at, r.send_at_reason from campaign_recipients r
     join contacts c on c.id = r.contact_id where r.campaign_id = ? order by r.ordinal`,
    [campaignId],
  );

async function campaign() {
  const id = randomUUID();
  await sql(
    em(),
    `insert into campaigns (id, workspace_id, name, channel, status, segment_id, variants, schedule, created_at, updated_at)
     values (?, ?, 'Snap', 'email', 'sending', ?, '[]'::jsonb, '{}'::jsonb, now(), now())`,
    [id, workspaceId, listId],
  );
  return id;
}

describe('audience snapshot', () => {
  it('splits the test share evenly between variants, test groups first, and is taken once', async () => {
    const id = await campaign();
    const input = {
      campaignId: id,
      workspaceId,
      segmentId: listId,
      channel: 'email' as const,
      variants: [variant('A'), variant('B'), variant('C')],
      abTest: { field: 'subject' as const, testShare: 0.3, windowMinutes: 60, metric: 'opens' as const },
      schedule: { mode: 'now' as const },
      start: new Date(),
    };
    expect(await snapshotAudience(em(), input)).toEqual({ total: 100, testGroupSize: 30 });
    const rows = await recipients(id);
    expect(
      rows
        .slice(0, 30)
        .map((r) => r.variant)
        .sort(),
    ).toEqual([...Array(10).fill('A'), ...Array(10).fill('B'), ...Array(10).fill('C')]);
    expect(rows.slice(30).every((r) => r.variant === null)).toBe(true);
    expect(await snapshotAudience(em(), input)).toEqual({ total: 100, testGroupSize: 30 });
    expect((await recipients(id)).map((r) => r.email)).toEqual(rows.map((r) => r.email));
  });

  it('local time: 09:00 in each zone (the workspace zone when unknown or invalid), never before the start', async () => {
    const id = await campaign();
    const start = new Date('2030-03-01T00:30:00Z');
    await snapshotAudience(em(), {
      campaignId: id,
      workspaceId,
      segmentId: listId,
      channel: 'email',
      variants: [variant('A')],
      abTest: null,
      schedule: { mode: 'localTime', date: '2030-03-01', time: '09:00' },
      start,
    });
    const rows = await recipients(id);
    const at = (email: string) => rows.find((r) => r.email === email)!;
    expect(new Date(at('tokyo@example.org').send_at!).toISOString()).toBe('2030-03-01T00:30:00.000Z'); // 09:00 JST passed
    expect(new Date(at('ny@example.org').send_at!).toISOString()).toBe('2030-03-01T14:00:00.000Z');
    expect(new Date(at('unknown@example.org').send_at!).toISOString()).toBe('2030-03-01T08:00:00.000Z');
    expect(at('unknown@example.org').send_at_reason).toBe('workspace_timezone');
    expect(new Date(at('bogus@example.org').send_at!).toISOString()).toBe('2030-03-01T08:00:00.000Z');
    // Ordered by due time, so batches meet recipients in the order they are due.
    const times = rows.map((r) => new Date(r.send_at!).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('send-time optimisation: each contact at their usual hour, else the audience’s best hour', async () => {
    const id = await campaign();
    const start = new Date('2030-03-01T10:15:00Z');
    await snapshotAudience(em(), {
      campaignId: id,
      workspaceId,
      segmentId: listId,
      channel: 'email',
      variants: [variant('A')],
      abTest: null,
      schedule: { mode: 'optimised' },
      start,
    });
    const rows = await recipients(id);
    const at = (email: string) => rows.find((r) => r.email === email)!;
    expect(at('tokyo@example.org')).toMatchObject({ send_at_reason: 'contact_hour' });
    expect(new Date(at('tokyo@example.org').send_at!).toISOString()).toBe('2030-03-02T07:00:00.000Z');
    expect(new Date(at('ny@example.org').send_at!).toISOString()).toBe('2030-03-01T15:00:00.000Z');
    // No history of their own: the hour most of the audience engages (07:00 UTC).
    expect(at('unknown@example.org')).toMatchObject({ send_at_reason: 'workspace_hour' });
    expect(new Date(at('unknown@example.org').send_at!).toISOString()).toBe('2030-03-02T07:00:00.000Z');
  });
});
