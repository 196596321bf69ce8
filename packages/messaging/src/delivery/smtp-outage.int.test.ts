import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { createSmtpEmailSender } from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import { startSmtpCatcher, type SmtpCatcher } from '@switchboard/sandbox';
import { temporalAddress, useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { enqueueMessage } from '../ledger/message-ledger.ts';
import { startDeliveryWorker } from '../testing/delivery-worker.ts';
import { startDelivery } from './start-delivery.ts';

const taskQueue = `outage-${randomUUID().slice(0, 8)}`;
let database: TestDatabase;
let connection: Connection;
let worker: { stop(): Promise<void> };
let smtpPort: number;
let smtp: SmtpCatcher | undefined;
const sender = { close: () => undefined } as { close(): void };

beforeAll(async () => {
  database = await useTestDatabase();
  // Learn a free port, then leave it closed: the SMTP server is "down" when the message is sent.
  const probe = await startSmtpCatcher({ port: 0 });
  smtpPort = probe.port;
  await probe.stop();
  const email = createSmtpEmailSender({
    url: `smtp://127.0.0.1:${smtpPort}`,
    poolSize: 1,
    from: 'shop@acme.example',
  });
  sender.close = () => email.close();
  worker = await startDeliveryWorker({
    taskQueue,
    db: database.db,
    channels: { email },
    email: {
      baseUrl: 'https://sb.acme.example',
      trackingSecret: 'o'.repeat(48),
      defaultFrom: 'shop@acme.example',
      inboundDomain: null,
    },
    smsStatusCallbackUrl: null,
  });
  connection = await Connection.connect({ address: temporalAddress() });
});

afterAll(async () => {
  await worker.stop();
  sender.close();
  await connection.close();
  await smtp?.stop();
});

describe('an SMTP outage', () => {
  it('backs off while the server is down and delivers exactly once when it is back', async () => {
    const em = database.db.fork();
    const workspaceId = randomUUID();
    const contactId = randomUUID();
    await sql(em, `insert into workspaces (id, slug, name, created_at) values (?, 'acme', 'Acme', now())`, [
      workspaceId,
    ]);
    await sql(
      em,
      `insert into contacts (id, workspace_id, email, created_at, updated_at) values (?, ?, 'ada@example.org', now(), now())`,
      [contactId, workspaceId],
    );
    const { message } = await enqueueMessage(em, {
      workspaceId,
      contactId,
      idempotencyKey: 'receipt-1',
      sourceKind: 'api',
      channel: 'email',
      purpose: 'transactional',
      content: { kind: 'email', subject: 'Your receipt', html: '<p>Thanks</p>' },
    });
    await startDelivery(
      new Client({ connection }),
      { taskQueue, chatTaskQueue: `${taskQueue}-chat` },
      message,
    );
    const row = async () =>
      (
        await sql<{ status: string; error: string | null; attempts: number }>(
          database.db.fork(),
          'select status, error, attempts from messages where id = ?',
          [message.id],
        )
      )[0]!;

    // The first attempt fails to connect; the claim is released so the retry can send.
    await expect.poll(async () => (await row()).error, { timeout: 15_000 }).toMatch(/ECONNREFUSED/);
    expect((await row()).status).toBe('queued');

    smtp = await startSmtpCatcher({ port: smtpPort });
    await expect.poll(async () => (await row()).status, { timeout: 45_000, interval: 500 }).toBe('sent');
    expect(smtp.count()).toBe(1);
    expect((await row()).attempts).toBeGreaterThanOrEqual(2);
  }, 90_000);
});
