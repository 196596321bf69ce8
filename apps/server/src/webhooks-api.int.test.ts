import { describe, expect, it } from 'vitest';
import type { ApiScope } from '@switchboard/accounts';
import { useTestApp } from './testing/test-app.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';
import { apiKeyWith, restClient } from './testing/rest-client.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'hooks');
const other = await seedWorkspace(t.database.db, 'other');
const keyFor = (workspaceId: string, scopes: ApiScope[]) => apiKeyWith(t, workspaceId, scopes);
const manager = await keyFor(acme.id, ['webhooks:manage']);
const contactsOnly = await keyFor(acme.id, ['contacts:write']);
const outsider = await keyFor(other.id, ['webhooks:manage']);
const call = restClient(t);

describe('webhooks through REST', () => {
  it('creates an endpoint with its secret once, lists, changes, rotates, tests, pages the log, resends and deletes', async () => {
    const created = await call(manager, 'POST', '/webhooks', {
      url: 'https://crm.example.com/hooks/switchboard',
      description: 'CRM',
      eventTypes: ['contact.created', 'consent.changed'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = created.body.webhook.id as string;
    expect(created.body.webhook).toMatchObject({
      enabled: true,
      pending: 0,
      secretHint: `${created.body.secret.slice(0, 10)}…`,
    });
    expect(JSON.stringify((await call(manager, 'GET', '/webhooks')).body)).not.toContain(created.body.secret);

    const changed = await call(manager, 'PATCH', `/webhooks/${id}`, {
      eventTypes: ['contact.updated'],
      enabled: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.webhook).toMatchObject({ eventTypes: ['contact.updated'], enabled: false });
    const rotated = await call(manager, 'POST', `/webhooks/${id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    // A disabled endpoint sends nothing, not even a test.
    const refusedTest = await call(manager, 'POST', `/webhooks/${id}/test`);
    expect(refusedTest.status).toBe(409);
    expect(refusedTest.body.error.message).toContain('disabled');
    expect((await call(manager, 'PATCH', `/webhooks/${id}`, { enabled: true })).body.webhook.enabled).toBe(
      true,
    );
    // Three test events (no worker runs here: they wait), paged two at a time, newest first.
    for (let i = 0; i < 3; i++)
      expect((await call(manager, 'POST', `/webhooks/${id}/test`)).status).toBe(202);
    const first = await call(manager, 'GET', `/webhooks/${id}/deliveries?limit=2`);
    expect(first.body.deliveries).toHaveLength(2);
    const second = await call(manager, 'GET', `/webhooks/${id}/deliveries?limit=2&before=${first.body.next}`);
    expect(second.body.deliveries).toHaveLength(1);
    expect(second.body.next).toBeNull();
    const ids = [...first.body.deliveries, ...second.body.deliveries].map((d: { id: string }) =>
      Number(d.id),
    );
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const one = await call(manager, 'GET', `/webhooks/${id}/deliveries/${ids[2]}`);
    expect(JSON.parse(one.body.delivery.requestBody)).toMatchObject({ type: 'webhook.test' });
    const resent = await call(manager, 'POST', `/webhooks/${id}/deliveries/${ids[2]}/resend`);
    expect(resent.status).toBe(202);
    const again = await call(manager, 'GET', `/webhooks/${id}/deliveries/${resent.body.deliveryId}`);
    expect(again.body.delivery.eventId).toBe(one.body.delivery.eventId);

    expect((await call(manager, 'DELETE', `/webhooks/${id}`)).status).toBe(204);
    expect((await call(manager, 'GET', `/webhooks/${id}`)).status).toBe(404);
  });

  it('refuses private targets, unknown event types, a missing scope and another workspace’s endpoints', async () => {
    const refused = await call(manager, 'POST', '/webhooks', {
      url: 'http://169.254.169.254/latest/meta-data',
      eventTypes: ['contact.created'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.url).toContain('not a public address');
    const badType = await call(manager, 'POST', '/webhooks', {
      url: 'https://crm.example.com/h',
      eventTypes: ['contact.deleted'],
    });
    expect(badType.status).toBe(400);
    expect(Object.keys(badType.body.error.fields)[0]).toMatch(/^eventTypes/);
    expect((await call(contactsOnly, 'GET', '/webhooks')).status).toBe(403);

    const mine = await call(manager, 'POST', '/webhooks', {
      url: 'https://crm.example.com/h',
      eventTypes: ['conversion'],
    });
    const id = mine.body.webhook.id as string;
    await call(manager, 'POST', `/webhooks/${id}/test`);
    const [delivery] = (await call(manager, 'GET', `/webhooks/${id}/deliveries`)).body.deliveries as {
      id: string;
    }[];
    for (const [method, path] of [
      ['GET', `/webhooks/${id}`],
      ['PATCH', `/webhooks/${id}`],
      ['DELETE', `/webhooks/${id}`],
      ['POST', `/webhooks/${id}/test`],
      ['GET', `/webhooks/${id}/deliveries`],
      ['GET', `/webhooks/${id}/deliveries/${delivery!.id}`],
      ['POST', `/webhooks/${id}/deliveries/${delivery!.id}/resend`],
    ] as const)
      expect(
        (await call(outsider, method, path, method === 'PATCH' ? { enabled: false } : undefined)).status,
        `${method} ${path}`,
      ).toBe(404);
    expect((await call(outsider, 'GET', '/webhooks')).body.webhooks).toEqual([]);
  });
});
