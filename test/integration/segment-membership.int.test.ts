import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { Workspace } from '@switchboard/db';
import { identifyContact, ingestEvents, sql } from '@switchboard/contacts';
import {
  changedContacts,
  currentCursor,
  recomputeWorkspace,
  refreshMembershipFor,
  saveSegment,
} from '@switchboard/segments';
import {
  audienceRefreshWorkflowId,
  createAudienceRefreshActivities,
  ensureAudienceRefresh,
} from '@switchboard/audience';
import { startTestWorker, temporalAddress, useTestDatabase } from '@switchboard/testkit';

const { db } = await useTestDatabase();
const actor = { type: 'cli' as const, id: null, label: 'test' };

async function workspace(slug: string) {
  const em = db.fork();
  const created = em.create(Workspace, { id: randomUUID(), slug, name: slug });
  await em.flush();
  await sql(
    db.fork(),
    `insert into attribute_definitions (id, workspace_id, key, type, label, created_at) values (?, ?, 'plan', 'text', 'Plan', now())`,
    [randomUUID(), created.id],
  );
  return created.id;
}
const person = (workspaceId: string, email: string, attributes: Record<string, string> = {}) =>
  identifyContact(db.fork(), workspaceId, {
    identities: { email },
    profile: {},
    attributes,
    at: new Date(),
    actor,
  }).then((r) => r.contact.id);
const track = (workspaceId: string, email: string, name: string) =>
  ingestEvents(db.fork(), workspaceId, [
    { contact: { identities: { email } }, name, properties: {}, occurredAt: new Date(), source: 'api' },
  ]);
const members = async (segmentId: string) =>
  (
    await sql<{ email: string }>(
      db.fork(),
      'select c.email from segment_members m join contacts c on c.id = m.contact_id where m.segment_id = ? order by 1',
      [segmentId],
    )
  ).map((r) => r.email);
const timeline = (contactId: string) =>
  sql<{ name: string; properties: { segmentName: string } }>(
    db.fork(),
    `select name, properties from events where contact_id = ? and source = 'segments' order by id`,
    [contactId],
  );

const webinarFans = {
  kind: 'group' as const,
  match: 'all' as const,
  conditions: [
    {
      kind: 'event' as const,
      name: 'webinar_attended',
      op: 'did' as const,
      atLeast: 1,
      withinDays: 30,
      where: [],
    },
    { kind: 'attribute' as const, key: 'plan', op: 'neq', value: 'churned' },
  ],
};

describe('dynamic segment membership', () => {
  it('populates a new segment without entry events, then follows changes with entry and exit events', async () => {
    const ws = await workspace('members');
    const ann = await person(ws, 'ann@m.test', { plan: 'pro' });
    await person(ws, 'bob@m.test', { plan: 'pro' });
    await track(ws, 'ann@m.test', 'webinar_attended');
    const segment = await saveSegment(db.fork(), ws, { name: 'Webinar fans', rules: webinarFans }, actor);

    await db.fork().transactional((tx) => recomputeWorkspace(tx, ws, false));
    expect(await members(segment.id)).toEqual(['ann@m.test']);
    expect(await timeline(ann)).toEqual([]);

    const cursor = await currentCursor(db.fork());
    await track(ws, 'bob@m.test', 'webinar_attended');
    await person(ws, 'ann@m.test', { plan: 'churned' });
    const { byWorkspace } = await changedContacts(db.fork(), cursor);
    expect(byWorkspace.get(ws)?.sort()).toHaveLength(2);
    const changes = await db.fork().transactional((tx) => refreshMembershipFor(tx, ws, byWorkspace.get(ws)!));
    expect(changes).toEqual({ entered: 1, exited: 1 });
    expect(await members(segment.id)).toEqual(['bob@m.test']);
    expect(await timeline(ann)).toEqual([
      {
        name: 'segment_exited',
        properties: expect.objectContaining({ segmentName: 'Webinar fans' }) as object,
      },
    ]);

    // Our own entry/exit events do not count as changes, so the loop settles.
    const after = await currentCursor(db.fork());
    expect((await changedContacts(db.fork(), after)).byWorkspace.size).toBe(0);
  });

  it('keeps segments current within seconds through the membership workflow', async () => {
    const ws = await workspace('live');
    await person(ws, 'cy@live.test', { plan: 'pro' });
    const segment = await saveSegment(db.fork(), ws, { name: 'Live fans', rules: webinarFans }, actor);
    const taskQueue = `membership-${randomUUID().slice(0, 8)}`;
    const worker = await startTestWorker({
      taskQueue,
      workflowsPath: fileURLToPath(import.meta.resolve('@switchboard/audience/workflows')),
      activities: createAudienceRefreshActivities({
        db,
        mailer: null,
        publicUrl: 'http://x.test',
        log: () => undefined,
      }),
    });
    const connection = await Connection.connect({ address: temporalAddress() });
    const client = new Client({ connection });
    afterAll(async () => {
      await client.workflow
        .getHandle(audienceRefreshWorkflowId(taskQueue))
        .terminate()
        .catch(() => undefined);
      await worker.stop();
      await connection.close();
    });
    await ensureAudienceRefresh(client, taskQueue, { intervalMs: 300 });

    await track(ws, 'cy@live.test', 'webinar_attended');
    const started = Date.now();
    while ((await members(segment.id)).length === 0 && Date.now() - started < 15_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(await members(segment.id)).toEqual(['cy@live.test']);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);
});
