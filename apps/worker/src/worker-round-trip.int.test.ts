import { afterAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, workerConfigSchema } from '@switchboard/config';
import { temporalAddress, useTestDatabase } from '@switchboard/testkit';
import { HEALTH_WORKFLOW, HOUSEKEEPING_SCHEDULE_ID, reportRollupsScheduleId } from '@switchboard/operations';
import { SandboxChatMessage, Session, SignInAttempt, User, Workspace } from '@switchboard/db';
import {
  SIMULATE_WECHAT_FRIEND_REQUEST_WORKFLOW,
  SIMULATE_WECHAT_WORKFLOW,
  SIMULATED_WECHAT_CONTACTS,
} from '@switchboard/sandbox';
import { sql } from '@switchboard/contacts';
import { enqueueMessage, startDelivery } from '@switchboard/messaging';
import { createWorkerRuntime } from './worker-runtime.ts';

const database = await useTestDatabase();
const suffix = Math.random().toString(36).slice(2, 8);
const config = loadConfig(workerConfigSchema, {
  DATABASE_URL: database.url,
  TEMPORAL_ADDRESS: temporalAddress(),
  TEMPORAL_TASK_QUEUE: `main-${suffix}`,
  TEMPORAL_WECHAT_TASK_QUEUE: `wechat-${suffix}`,
  SANDBOX_ENABLED: 'true',
  TRACKING_SECRET: 'worker-test-tracking-secret-'.padEnd(40, 'x'),
});
const runtime = await createWorkerRuntime(config);
const running = runtime.run();
const connection = await Connection.connect({ address: temporalAddress() });
const client = new Client({ connection });
afterAll(async () => {
  await runtime.shutdown();
  await running;
  await connection.close();
});

describe('worker', () => {
  it('completes the health round trip through Temporal to the database', async () => {
    const result = await client.workflow.execute(HEALTH_WORKFLOW, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `health-${suffix}`,
      args: [{ version: 1 }],
      workflowExecutionTimeout: '20 seconds',
    });
    expect(result).toEqual({ databaseMs: expect.any(Number) });
  }, 60_000);

  it('holds the WeChat bot: a simulated contact’s message reaches the bot through the gateway task queue', async () => {
    const contact = SIMULATED_WECHAT_CONTACTS[0];
    await client.workflow.execute(SIMULATE_WECHAT_WORKFLOW, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `wechat-${suffix}`,
      args: [
        {
          version: 1,
          gatewayTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
          contactId: contact.id,
          text: '你好, is my order shipped?',
        },
      ],
      workflowExecutionTimeout: '20 seconds',
    });
    const transcript = await database.db.fork().find(SandboxChatMessage, {});
    expect(transcript).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        peerId: contact.id,
        peerName: contact.name,
        text: '你好, is my order shipped?',
      }),
    ]);
  }, 60_000);

  it('schedules hourly housekeeping, which purges expired sessions and old sign-in failures', async () => {
    const schedule = await client.schedule.getHandle(HOUSEKEEPING_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(3_600_000);
    if (schedule.action.type === 'startWorkflow')
      expect(schedule.action.workflowType).toBe('housekeepingWorkflow');

    const em = database.db.fork();
    const workspace = em.create(Workspace, { id: crypto.randomUUID(), slug: 'hk', name: 'HK' });
    const user = em.create(User, {
      id: crypto.randomUUID(),
      email: 'hk@hk.test',
      name: 'HK',
      passwordHash: 'x',
    });
    const expired = new Date(Date.now() - 1000);
    em.create(Session, {
      id: 'e'.repeat(64),
      user: user.id,
      workspace: workspace.id,
      csrfToken: 'c',
      expiresAt: expired,
    });
    em.create(Session, {
      id: 'l'.repeat(64),
      user: user.id,
      workspace: workspace.id,
      csrfToken: 'c',
      expiresAt: new Date(Date.now() + 60_000),
    });
    em.create(SignInAttempt, {
      email: 'x@hk.test',
      ip: '1.2.3.4',
      createdAt: new Date(Date.now() - 86_400_000),
    });
    await em.flush();
    // Events that raced a merge (pointing at the absorbed id) and an erasure (pointing at the erased id).
    const [survivor, absorbed, erased] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await sql(
      em,
      `insert into contacts (id, workspace_id, created_at, updated_at) values (?, ?, now(), now())`,
      [survivor, workspace.id],
    );
    await sql(
      em,
      `insert into contact_redirects ("from", workspace_id, "to", created_at) values (?, ?, ?, now()), (?, ?, null, now())`,
      [absorbed, workspace.id, survivor, erased, workspace.id],
    );
    await sql(
      em,
      `insert into events (workspace_id, contact_id, name, source, occurred_at, received_at)
       values (?, ?, 'late', 'api', now(), now()), (?, ?, 'late', 'api', now(), now())`,
      [workspace.id, absorbed, workspace.id, erased],
    );

    const result = await client.workflow.execute('housekeepingWorkflow', {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `housekeeping-${suffix}`,
      args: [{ version: 1 }],
      workflowExecutionTimeout: '20 seconds',
    });
    // The audience refresh loop settles the last minutes' races too: whichever runs first does it, once.
    expect(result).toMatchObject({ sessions: 1, signInAttempts: 1, invites: 0 });
    expect(result.events.repointed).toBeLessThanOrEqual(1);
    expect(result.events.deleted).toBeLessThanOrEqual(1);
    const late = await sql<{ contact_id: string }>(em, `select contact_id from events where name = 'late'`);
    expect(late.map((e) => e.contact_id)).toEqual([survivor]);
    const left = await database.db.fork().find(Session, {});
    expect(left.map((s) => s.id)).toEqual(['l'.repeat(64)]);
  }, 60_000);

  it('keeps the report rollups up with the ledger every minute', async () => {
    const schedule = await client.schedule
      .getHandle(reportRollupsScheduleId(config.TEMPORAL_TASK_QUEUE))
      .describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(60_000);
    const em = database.db.fork();
    const workspaceId = crypto.randomUUID();
    await sql(
      em,
      `insert into workspaces (id, slug, name, created_at) values (?, 'rollups', 'Rollups', now())`,
      [workspaceId],
    );
    await sql(
      em,
      `insert into messages (id, workspace_id, idempotency_key, source_kind, channel, purpose, content, status,
         created_at, sent_at, updated_at)
       values (?, ?, 'rollup-1', 'api', 'email', 'marketing', '{}'::jsonb, 'sent', now(), now(), now())`,
      [crypto.randomUUID(), workspaceId],
    );
    const hours = await client.workflow.execute('reportRollupsWorkflow', {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `report-rollups-${suffix}`,
      workflowExecutionTimeout: '20 seconds',
    });
    expect(hours).toBeGreaterThanOrEqual(1);
    const rollups = await sql<{ sent: number; delivered: number }>(
      em,
      'select sent, delivered from message_rollups where workspace_id = ?',
      [workspaceId],
    );
    expect(rollups).toEqual([{ sent: 1, delivered: 1 }]);
  }, 60_000);

  it('stores a WeChat message from a contact on their profile, and a reply through the ledger reaches them', async () => {
    const contact = SIMULATED_WECHAT_CONTACTS[1];
    const em = database.db.fork();
    const workspaceId = crypto.randomUUID();
    const contactId = crypto.randomUUID();
    await sql(em, `insert into workspaces (id, slug, name, created_at) values (?, 'wx', 'WX', now())`, [
      workspaceId,
    ]);
    await sql(
      em,
      `insert into contacts (id, workspace_id, wechat_id, created_at, updated_at) values (?, ?, ?, now(), now())`,
      [contactId, workspaceId, contact.id],
    );
    await client.workflow.execute(SIMULATE_WECHAT_WORKFLOW, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `wechat-inbound-${suffix}`,
      args: [
        {
          version: 1,
          gatewayTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
          contactId: contact.id,
          text: '有优惠吗？',
        },
      ],
      workflowExecutionTimeout: '20 seconds',
    });
    const inbound = await sql<{ contact_id: string; body: string }>(
      em,
      `select contact_id, body from inbound_messages where channel = 'wechat'`,
    );
    expect(inbound).toEqual([{ contact_id: contactId, body: '有优惠吗？' }]);

    const { message } = await enqueueMessage(em, {
      workspaceId,
      contactId,
      idempotencyKey: `reply-${suffix}`,
      sourceKind: 'reply',
      channel: 'wechat',
      purpose: 'transactional',
      content: { kind: 'wechat', text: '本周全场八折！' },
    });
    await startDelivery(
      client,
      { taskQueue: config.TEMPORAL_TASK_QUEUE, chatTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE },
      message,
    );
    await expect
      .poll(
        async () =>
          (await sql<{ status: string }>(em, 'select status from messages where id = ?', [message.id]))[0]
            ?.status,
        {
          timeout: 20_000,
        },
      )
      .toBe('sent');
    const said = await database.db
      .fork()
      .find(SandboxChatMessage, { direction: 'outbound', peerId: contact.id });
    expect(said.map((m) => m.text)).toEqual(['本周全场八折！']);
  }, 60_000);

  it('records a WeChat friend request on a (new) contact before the bot accepts it', async () => {
    await client.workflow.execute(SIMULATE_WECHAT_FRIEND_REQUEST_WORKFLOW, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `wechat-friend-${suffix}`,
      args: [
        {
          version: 1,
          gatewayTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
          contact: { id: 'wxid_sandbox_zhaomin', name: '赵敏 Zhao Min' },
          hello: '我是赵敏，想了解你们的产品',
        },
      ],
      workflowExecutionTimeout: '20 seconds',
    });
    const rows = await sql<{ name: string; hello: string; wechat_id: string; first_name: string }>(
      database.db.fork(),
      `select e.name, e.properties ->> 'hello' as hello, c.wechat_id, c.first_name from events e
       join contacts c on c.id = e.contact_id where e.name = 'wechat_friend_request'`,
    );
    expect(rows).toEqual([
      {
        name: 'wechat_friend_request',
        hello: '我是赵敏，想了解你们的产品',
        wechat_id: 'wxid_sandbox_zhaomin',
        first_name: '赵敏 Zhao Min',
      },
    ]);
  }, 60_000);
});
