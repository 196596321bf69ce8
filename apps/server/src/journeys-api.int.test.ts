import { afterAll, describe, expect, it } from 'vitest';
import { createSmtpEmailSender } from '@switchboard/channels';
import { startJourneyWorker } from '@switchboard/journeys/testing';
import { startSandboxPeers } from '@switchboard/sandbox';
import { TestBrowser, TEST_PUBLIC_URL, TEST_TRACKING_SECRET, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const taskQueue = `journeys-api-${Math.random().toString(36).slice(2, 8)}`;
const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
const t = await useTestApp({ taskQueue });
const email = createSmtpEmailSender({ url: peers.smtpUrl, poolSize: 2, from: 'Acme <news@acme.test>' });
const worker = await startJourneyWorker({
  taskQueue,
  db: t.database.db,
  channels: { email },
  email: {
    baseUrl: TEST_PUBLIC_URL,
    trackingSecret: TEST_TRACKING_SECRET,
    defaultFrom: 'Acme <news@acme.test>',
    inboundDomain: null,
  },
  smsStatusCallbackUrl: null,
  webhookSecret: () => 'unused',
});
afterAll(async () => {
  await worker.stop();
  email.close();
  await peers.stop();
});

const acme = await seedWorkspace(t.database.db, 'acme');
const admin = new TestBrowser(t.app);
await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
await t.database.db
  .fork()
  .getConnection()
  .execute(`update workspaces set postal_address = 'Acme GmbH, Hauptstraße 1, Berlin' where id = ?`, [
    acme.id,
  ]);
const data = <T>(response: { body: { result?: { data: T } } }) => response.body.result!.data;
const keyFor = async (scopes: string[]) =>
  data(await admin.mutate<{ key: string }>('apiKeys.create', { name: scopes.join(','), scopes })).key;
const key = await keyFor(['journeys:enrol', 'contacts:write']);
const api = (path: string, body: unknown, headers: Record<string, string> = {}, bearer = key) =>
  t.app.request(`/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

// An order confirmation journey, entered through the API: one email showing the order's data.
const template = data(
  await admin.mutate<{ id: string }>('templates.create', { name: 'Order', channel: 'email', format: 'html' }),
);
await admin.mutate('templates.saveDraft', {
  id: template.id,
  draft: {
    subject: 'Order {{ event.order_id }} confirmed',
    preheader: '',
    fromName: 'Acme',
    fromAddress: 'news@acme.test',
    replyTo: '',
    source:
      '<p>{% for item in event.items %}{{ item.sku }} × {{ item.qty }}; {% endfor %}</p>' +
      '<p>{{ workspace.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
  },
});
const templatePublished = await admin.mutate('templates.publish', { id: template.id });
expect(templatePublished.status, JSON.stringify(templatePublished.body)).toBe(200);
const position = { x: 0, y: 0 };
const journey = data(await admin.mutate<{ id: string }>('journeys.create', { name: 'Order confirmation' }));
const draft = {
  settings: { reentry: { mode: 'always' } },
  nodes: [
    { id: 'start', type: 'trigger', position, config: { kind: 'api' }, next: { next: 'mail' } },
    {
      id: 'mail',
      type: 'send',
      position,
      config: { channel: 'email', templateId: template.id, purpose: 'transactional' },
      next: { next: 'end' },
    },
    { id: 'end', type: 'exit', position, config: {}, next: {} },
  ],
};
expect((await admin.mutate('journeys.saveDraft', { id: journey.id, draft })).status).toBe(200);

await api('/identify', { email: 'ana@example.org', firstName: 'Ana' });
await api('/identify', { email: 'ben@example.org' });

describe('POST /api/v1/journeys/{id}/enrol', () => {
  it('refuses a journey that is not live yet, naming what to do', async () => {
    const response = await api(`/journeys/${journey.id}/enrol`, { contact: 'ana@example.org' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /publish it first/,
    );
  });

  it('enters a contact once per Idempotency-Key and sends with the request’s data', async () => {
    const published = await admin.mutate('journeys.publish', { id: journey.id });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const body = { contact: 'ana@example.org', data: { order_id: 'A-100', items: [{ sku: 'MUG', qty: 2 }] } };
    const first = await api(`/journeys/${journey.id}/enrol`, body, { 'idempotency-key': 'order-A-100' });
    expect(first.status).toBe(201);
    const { instance } = (await first.json()) as { instance: { id: string; status: string } };
    const again = await api(`/journeys/${journey.id}/enrol`, body, { 'idempotency-key': 'order-A-100' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { instance: { id: string } }).instance.id).toBe(instance.id);

    const other = await api(
      `/journeys/${journey.id}/enrol`,
      { contact: 'ben@example.org' },
      { 'idempotency-key': 'order-A-100' },
    );
    expect(other.status).toBe(409);

    const deadline = Date.now() + 20_000;
    let caught = peers.smtp.list(50).filter((m) => m.to.includes('ana@example.org'));
    while (caught.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      caught = peers.smtp.list(50).filter((m) => m.to.includes('ana@example.org'));
    }
    expect(caught.map((m) => m.subject)).toEqual(['Order A-100 confirmed']);
    expect(caught[0]!.html).toContain('MUG × 2;');
  }, 30_000);

  it('says what is wrong with bad requests, and writes nothing', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ contact: 'nobody@example.org' }, 404, /No contact matches/],
      [{ contact: 'ana@example.org', data: { note: 'a\u0000b' } }, 400, /NUL/],
      [{ contact: 'ana@example.org', data: 'text' }, 400, /data/],
      [{ contact: 'ana@example.org', extra: 1 }, 400, /extra/],
      [{}, 400, /contact/],
      ['{not json', 400, /JSON/i],
    ];
    for (const [body, status, message] of cases) {
      const response = await api(`/journeys/${journey.id}/enrol`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(await response.json()), JSON.stringify(body)).toMatch(message);
    }
    expect(
      (await api('/journeys/00000000-0000-4000-8000-000000000000/enrol', { contact: 'ana@example.org' }))
        .status,
    ).toBe(404);
    expect((await api('/journeys/not-a-uuid/enrol', { contact: 'ana@example.org' })).status).toBe(404);
    const bad = await api(
      `/journeys/${journey.id}/enrol`,
      { contact: 'ana@example.org' },
      { 'idempotency-key': 'has space' },
    );
    expect(bad.status).toBe(400);
    const [row] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ count: string }[]>('select count(*) from journey_instances');
    expect(Number(row?.count)).toBe(1);
  });

  it('needs the journeys:enrol scope and is in the OpenAPI document', async () => {
    const contactsOnly = await keyFor(['contacts:read']);
    expect(
      (await api(`/journeys/${journey.id}/enrol`, { contact: 'ana@example.org' }, {}, contactsOnly)).status,
    ).toBe(403);
    const document = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(document.paths['/journeys/{id}/enrol']).toBeDefined();
  });
});
