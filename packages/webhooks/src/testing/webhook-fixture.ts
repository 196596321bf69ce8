import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll } from 'vitest';
import type { Actor } from '@switchboard/accounts';
import { identifyContact } from '@switchboard/contacts';
import { createTestWorkspace, startTestWorker, temporalAddress, useTestDatabase } from '@switchboard/testkit';
import { createWebhookActivities } from '../activities/webhook-activities.ts';
import { createWebhookEndpoint } from '../store/webhook-endpoints.ts';
import { internetAndPrivateTargets } from '../transport/post-webhook.ts';
import { WebhookWaker } from '../wake/webhook-waker.ts';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: { id: string; type: string; data: Record<string, unknown> };
}

/**
 * A test database, a receiver on 127.0.0.1 (the one private target allowed) that answers what `script` says per
 * path (then 204), and the production delivery path: a Temporal worker running the endpoint workflows and a waker
 * listening for queued deliveries. Stops itself after the file's tests.
 */
export async function useWebhookFixture() {
  const database = await useTestDatabase();
  const em = () => database.db.fork();
  const actor: Actor = { type: 'cli', id: null, label: 'webhook test' };
  const received: ReceivedWebhook[] = [];
  const script = new Map<string, number[]>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '';
      const status = script.get(path)?.shift() ?? 204;
      if (status === 204)
        received.push({
          path,
          headers: request.headers,
          body,
          json: JSON.parse(body) as ReceivedWebhook['json'],
        });
      if (status === 302) response.writeHead(302, { location: 'http://127.0.0.1/elsewhere' });
      else response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status >= 400 ? `trouble ${status} ${'x'.repeat(10_000)}` : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const target = `127.0.0.1:${port}`;
  const taskQueue = `webhooks-${randomUUID()}`;
  const worker = await startTestWorker({
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    activities: createWebhookActivities({
      db: database.db,
      transport: internetAndPrivateTargets([target]),
      timeoutMs: 2000,
    }),
  });
  const connection = await Connection.connect({ address: temporalAddress() });
  const waker = new WebhookWaker({
    db: database.db,
    databaseUrl: database.url,
    client: new Client({ connection }),
    taskQueue,
    log: (level, message, fields) => console.error(level, message, fields),
    sweepMs: 2000,
  });
  waker.start();
  afterAll(async () => {
    await waker.stop();
    await worker.stop();
    await connection.close();
    await new Promise((resolve) => server.close(resolve));
  });

  return {
    database,
    em,
    actor,
    script,
    port,
    waker,
    /** What the receiver got (answered 204) at this path, in arrival order. */
    at: (path: string) => received.filter((r) => r.path === path),
    async until<T>(
      what: string,
      probe: () => T | undefined | false | Promise<T | undefined | false>,
      ms = 20_000,
    ) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    /** A new workspace with one endpoint at the receiver's `path`. */
    async endpoint(path: string, eventTypes: string[]) {
      const workspaceId = await createTestWorkspace(database.db);
      const created = await createWebhookEndpoint(
        em(),
        workspaceId,
        { url: `http://${target}${path}`, description: path, eventTypes: eventTypes as never },
        actor,
        [target],
      );
      return { workspaceId, ...created };
    },
    /** Identifies a contact as the API does. */
    identify: (workspaceId: string, email: string, profile: { firstName?: string; lastName?: string } = {}) =>
      identifyContact(em(), workspaceId, {
        identities: { email },
        profile,
        attributes: {},
        at: new Date(),
        actor,
      }),
  };
}
