import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@switchboard/accounts';
import { eraseContact, identifyContact, recordConsent, sql } from '@switchboard/contacts';
import { createTestWorkspace, startTestWorker, temporalAddress, useTestDatabase } from '@switchboard/testkit';
import { createWebhookActivities } from './activities/webhook-activities.ts';
import { deliverDueWebhooks } from './activities/deliver-due-webhooks.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  updateWebhookEndpoint,
} from './store/webhook-endpoints.ts';
import { listWebhookDeliveries, resendWebhookDelivery, sendTestWebhook } from './store/webhook-deliveries.ts';
import { internetAndPrivateTargets, publicInternet } from './transport/post-webhook.ts';
import { verifyWebhookSignature } from './transport/verify-signature.ts';
import { WebhookWaker } from './wake/webhook-waker.ts';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: { id: string; type: string; data: Record<string, unknown> };
}

const database = await useTestDatabase();
const em = () => database.db.fork();
const actor: Actor = { type: 'cli', id: null, label: 'webhook test' };
const received: Received[] = [];
/** Path → answers to give, in order (then 204). */
const script = new Map<string, number[]>();
let server: Server;
let port = 0;
let stopWorker: () => Promise<void>;
let waker: WebhookWaker;
let connection: Connection;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '';
      const status = script.get(path)?.shift() ?? 204;
      if (status === 204)
        received.push({ path, headers: request.headers, body, json: JSON.parse(body) as Received['json'] });
      if (status === 302) response.writeHead(302, { location: 'http://127.0.0.1/elsewhere' });
      else response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status >= 400 ? `trouble ${status} ${'x'.repeat(10_000)}` : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const taskQueue = `webhooks-${randomUUID()}`;
  const worker = await startTestWorker({
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./testing-workflows.ts', import.meta.url)),
    activities: createWebhookActivities({
      db: database.db,
      transport: internetAndPrivateTargets([`127.0.0.1:${port}`]),
      timeoutMs: 2000,
    }),
  });
  stopWorker = worker.stop;
  connection = await Connection.connect({ address: temporalAddress() });
  waker = new WebhookWaker({
    db: database.db,
    databaseUrl: database.url,
    client: new Client({ connection }),
    taskQueue,
    log: (level, message, fields) => console.error(level, message, fields),
    sweepMs: 2000,
  });
  waker.start();
});

afterAll(async () => {
  await waker.stop();
  await stopWorker();
  await connection.close();
  await new Promise((resolve) => server.close(resolve));
});

async function until<T>(
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
}

async function endpoint(path: string, eventTypes: string[]) {
  const workspaceId = await createTestWorkspace(database.db);
  const created = await createWebhookEndpoint(
    em(),
    workspaceId,
    { url: `http://127.0.0.1:${port}${path}`, description: path, eventTypes: eventTypes as never },
    actor,
    [`127.0.0.1:${port}`],
  );
  return { workspaceId, ...created };
}

/** Identifies a contact as the API does. */
const identify = (
  workspaceId: string,
  email: string,
  profile: { firstName?: string; lastName?: string } = {},
) =>
  identifyContact(em(), workspaceId, {
    identities: { email },
    profile,
    attributes: {},
    at: new Date(),
    actor,
  });

/** The README's verification snippet, as a reader would paste it into their receiver. */
async function readmeVerifier(): Promise<(secret: string, rawBody: string, header: string) => boolean> {
  const readme = await readFile(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  const snippet = /<!-- webhook-verify[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!snippet) throw new Error('The README lost its webhook verification snippet');
  const file = join(await mkdtemp(join(tmpdir(), 'readme-snippet-')), 'verify.mjs');
  await writeFile(file, snippet);
  const module = (await import(file)) as {
    verifySwitchboardSignature: (secret: string, rawBody: string, header: string) => boolean;
  };
  return module.verifySwitchboardSignature;
}

const at = (path: string) => received.filter((r) => r.path === path);

const changeTriggers = async () =>
  (
    await sql<{ tgname: string }>(
      em(),
      `select tgname from pg_trigger where tgname like 'webhooks_from_%' and not tgisinternal order by tgname`,
    )
  ).map((row) => row.tgname);

describe('outbound webhooks', () => {
  it('costs writers no trigger until some workspace has an enabled endpoint', async () => {
    expect(await changeTriggers()).toEqual([]);
    const { workspaceId, id } = await endpoint('/switching', ['contact.created']);
    expect(await changeTriggers()).toHaveLength(7);
    await updateWebhookEndpoint(em(), workspaceId, id, { enabled: false }, actor);
    expect(await changeTriggers()).toEqual([]);
    await updateWebhookEndpoint(em(), workspaceId, id, { enabled: true }, actor);
    expect(await changeTriggers()).toHaveLength(7);
    await deleteWebhookEndpoint(em(), workspaceId, id, actor);
    expect(await changeTriggers()).toEqual([]);
  });

  it('tells a CRM about contacts, consent and clicks, signed so the README’s check accepts them', async () => {
    const path = '/crm';
    const { workspaceId, secret } = await endpoint(path, [
      'contact.created',
      'contact.updated',
      'consent.changed',
      'message.clicked',
    ]);
    const { contact } = await identify(workspaceId, 'ana@example.com', { firstName: 'Ana' });
    await identify(workspaceId, 'ana@example.com', { lastName: 'Lima' });
    await recordConsent(em(), workspaceId, contact.id, {
      channel: 'email',
      status: 'opted_in',
      source: 'form',
    });
    await sql(
      em(),
      `insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
       values (?, ?, 'email_clicked', ?::jsonb, 'channel', ?, now(), now())`,
      [
        workspaceId,
        contact.id,
        JSON.stringify({ messageId: 'm-1', url: 'https://acme.example/sale' }),
        `click-${randomUUID()}`,
      ],
    );
    // Something the endpoint did not ask for is not sent.
    await sql(
      em(),
      `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
       values (?, ?, 'email_opened', '{}'::jsonb, 'channel', now(), now())`,
      [workspaceId, contact.id],
    );

    const got = await until('four deliveries', () => at(path).length >= 4 && at(path));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at(path).map((r) => r.json.type)).toEqual([
      'contact.created',
      'contact.updated',
      'consent.changed',
      'message.clicked',
    ]);
    const readmeCheck = await readmeVerifier();
    for (const request of got) {
      const header = String(request.headers['x-switchboard-signature']);
      expect(verifyWebhookSignature(secret, request.body, header)).toBe(true);
      expect(verifyWebhookSignature('whsec_wrong', request.body, header)).toBe(false);
      expect(readmeCheck(secret, request.body, header)).toBe(true);
      expect(readmeCheck(secret, `${request.body} `, header)).toBe(false);
      expect(readmeCheck('whsec_wrong', request.body, header)).toBe(false);
      expect(request.headers['x-switchboard-event-id']).toBe(request.json.id);
    }
    expect(got[1]!.json.data).toMatchObject({ contactId: contact.id, changed: ['last_name'] });
    expect(got[2]!.json.data).toMatchObject({ channel: 'email', status: 'opted_in', source: 'form' });
    expect(got[3]!.json.data).toMatchObject({ url: 'https://acme.example/sale', channel: 'email' });
  });

  it('retries a failing receiver with backoff, keeps each contact in order, and logs every answer', async () => {
    const path = '/flaky';
    const { workspaceId, id } = await endpoint(path, ['consent.changed']);
    const { contact } = await identify(workspaceId, 'bo@example.com');
    script.set(path, [503]);
    await recordConsent(em(), workspaceId, contact.id, {
      channel: 'sms',
      status: 'opted_in',
      source: 'form',
    });
    await recordConsent(em(), workspaceId, contact.id, {
      channel: 'sms',
      status: 'opted_out',
      source: 'inbound_keyword',
    });
    // The first answer was 503: it waits about 30 s; its successor must not overtake it.
    const log = await until('the failed attempt in the log', async () => {
      const page = await listWebhookDeliveries(em(), workspaceId, id, { limit: 10 });
      return page.deliveries.some((d) => d.responseStatus === 503) && page;
    });
    const failed = log.deliveries.find((d) => d.responseStatus === 503)!;
    expect(failed.status).toBe('pending');
    expect(failed.error).toContain('answered 503');
    expect(failed.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(20_000);
    expect(at(path)).toHaveLength(0);
    // Bring the retry forward, as time would.
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where id = ?', [failed.id]);
    await until('both, in order', () => at(path).length === 2);
    expect(at(path).map((r) => r.json.data.status)).toEqual(['opted_in', 'opted_out']);
    const [detail] = await sql<{ response_body: string; attempts: number }>(
      em(),
      'select response_body, attempts from webhook_deliveries where id = ?',
      [failed.id],
    );
    expect(detail!.attempts).toBe(2);
  });

  it('does not follow redirects, caps what it keeps of an answer, and resends with the same event id', async () => {
    const path = '/moved';
    const { workspaceId, id } = await endpoint(path, ['contact.created']);
    script.set(path, [302, 500]);
    await identify(workspaceId, 'cy@example.com');
    const first = await until('the redirect logged', async () => {
      const rows = await sql<{ id: string; error: string | null; response_status: number | null }>(
        em(),
        'select id, error, response_status from webhook_deliveries where endpoint_id = ? and attempts > 0',
        [id],
      );
      return rows[0];
    });
    expect(first.response_status).toBe(302);
    expect(first.error).toContain('redirects are not followed');
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where id = ?', [first.id]);
    await until('the 500 logged', async () => {
      const [row] = await sql<{ response_status: number | null; response_body: string | null }>(
        em(),
        'select response_status, response_body from webhook_deliveries where id = ?',
        [first.id],
      );
      return row?.response_status === 500 && row;
    }).then((row) => expect(row.response_body!.length).toBeLessThanOrEqual(4096));
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where id = ?', [first.id]);
    await until('delivered', () => at(path).length === 1);
    await resendWebhookDelivery(em(), workspaceId, first.id, actor);
    await until('resent', () => at(path).length === 2);
    expect(at(path)[1]!.json.id).toBe(at(path)[0]!.json.id);
  });

  it('disables an endpoint that keeps failing, tells the admins, and delivers what waited once enabled again', async () => {
    const path = '/down';
    const { workspaceId, id } = await endpoint(path, ['contact.created']);
    const admin = randomUUID();
    await sql(
      em(),
      `insert into users (id, email, name, password_hash, created_at) values (?, ?, 'Ada Admin', 'x', now())`,
      [admin, `ada-${admin}@example.com`],
    );
    await sql(
      em(),
      `insert into memberships (id, workspace_id, user_id, role, created_at) values (?, ?, ?, 'admin', now())`,
      [randomUUID(), workspaceId, admin],
    );
    script.set(path, [500]);
    await identify(workspaceId, 'di@example.com');
    // A failing endpoint: as if the first failure was four days ago.
    await sql(em(), `update webhook_endpoints set failing_since = now() - interval '4 days' where id = ?`, [
      id,
    ]);
    await until('disabled', async () => {
      const [row] = await sql<{ enabled: boolean; disabled_reason: string | null }>(
        em(),
        'select enabled, disabled_reason from webhook_endpoints where id = ?',
        [id],
      );
      return row && !row.enabled && row;
    }).then((row) => expect(row.disabled_reason).toContain('every delivery failed for 3 days'));
    const [note] = await sql<{ title: string; email_status: string; link: string }>(
      em(),
      'select title, email_status, link from notifications where user_id = ?',
      [admin],
    );
    expect(note).toMatchObject({
      title: `Webhook endpoint disabled: http://127.0.0.1:${port}${path}`,
      email_status: 'pending',
      link: '/settings/webhooks',
    });
    const pending = await listWebhookDeliveries(em(), workspaceId, id, { limit: 5, status: 'pending' });
    expect(pending.deliveries).toHaveLength(1);
    await updateWebhookEndpoint(em(), workspaceId, id, { enabled: true }, actor);
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where endpoint_id = ?', [id]);
    await until('delivered after enabling', () => at(path).length === 1);
  });

  it('reports contacts entering and leaving journeys, with the way they left', async () => {
    const path = '/journeys';
    const { workspaceId } = await endpoint(path, ['journey.entered', 'journey.ended']);
    const { contact } = await identify(workspaceId, 'jo@example.com');
    const journeyId = randomUUID();
    const versionId = randomUUID();
    const instanceId = randomUUID();
    await sql(
      em(),
      `insert into journeys (id, workspace_id, name, status, draft, created_at, updated_at)
       values (?, ?, 'Welcome series', 'live', '{}'::jsonb, now(), now())`,
      [journeyId, workspaceId],
    );
    await sql(
      em(),
      `insert into journey_versions (id, journey_id, version, graph, template_versions, published_at)
       values (?, ?, 1, '{}'::jsonb, '{}'::jsonb, now())`,
      [versionId, journeyId],
    );
    await sql(
      em(),
      `insert into journey_instances (id, workspace_id, journey_id, version_id, contact_id, workflow_id, trigger_ref, entered_at)
       values (?, ?, ?, ?, ?, 'wf', 'manual:test', now())`,
      [instanceId, workspaceId, journeyId, versionId, contact.id],
    );
    await sql(em(), `update journey_instances set current_node = 'wait' where id = ?`, [instanceId]);
    await sql(
      em(),
      `update journey_instances set status = 'converted', end_reason = 'goal: purchase', finished_at = now() where id = ?`,
      [instanceId],
    );
    await until('entered and ended', () => at(path).length === 2);
    expect(at(path).map((r) => [r.json.type, r.json.data.status, r.json.data.journeyName])).toEqual([
      ['journey.entered', 'active', 'Welcome series'],
      ['journey.ended', 'converted', 'Welcome series'],
    ]);
    expect(at(path)[1]!.json.data).toMatchObject({ instanceId, endReason: 'goal: purchase', step: 'wait' });
  });

  it('sends a test event on request', async () => {
    const path = '/test-button';
    const { workspaceId, id } = await endpoint(path, ['contact.created']);
    await sendTestWebhook(em(), workspaceId, id);
    const [got] = await until('the test event', () => at(path).length === 1 && at(path));
    expect(got!.json.type).toBe('webhook.test');
  });

  it('forgets an erased person: undelivered events are dropped, delivered ones lose their content', async () => {
    const path = '/erasure';
    const { workspaceId, id } = await endpoint(path, ['contact.created', 'contact.erased']);
    await waker.stop();
    const { contact } = await identify(workspaceId, 'er@example.com', { firstName: 'Eve' });
    await eraseContact(em(), contact, actor);
    const rows = await sql<{ type: string; payload: Record<string, unknown> }>(
      em(),
      'select type, payload from webhook_deliveries where endpoint_id = ? order by id',
      [id],
    );
    expect(rows).toEqual([{ type: 'contact.erased', payload: { contactId: contact.id } }]);
    waker.start();
    await until('the erasure told', () => at(path).length === 1);
  });

  it('refuses private targets by address, including a name that resolves to one, and writes nothing', async () => {
    const workspaceId = await createTestWorkspace(database.db);
    for (const url of [
      'http://127.0.0.1/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:8080/hook',
      'ftp://crm.example.com/hook',
      'not a url',
    ])
      await expect(
        createWebhookEndpoint(
          em(),
          workspaceId,
          { url, description: '', eventTypes: ['contact.created'] },
          actor,
        ),
        url,
      ).rejects.toMatchObject({ kind: 'validation', field: 'url' });
    const [count] = await sql<{ n: string }>(
      em(),
      'select count(*) as n from webhook_endpoints where workspace_id = ?',
      [workspaceId],
    );
    expect(count!.n).toBe('0');

    // A public-looking name is accepted when saved, and refused when it resolves to this machine at delivery.
    const { id } = await createWebhookEndpoint(
      em(),
      workspaceId,
      { url: `http://rebind.example:${port}/x`, description: '', eventTypes: ['webhook.test' as never] },
      actor,
    );
    await sendTestWebhook(em(), workspaceId, id);
    await deliverDueWebhooks(
      {
        db: database.db,
        transport: { resolve: () => Promise.resolve(['127.0.0.1']), allows: publicInternet.allows },
      },
      id,
    );
    const [row] = await sql<{ status: string; error: string }>(
      em(),
      'select status, error from webhook_deliveries where endpoint_id = ?',
      [id],
    );
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.error).toContain('not a public address');
  });
});
