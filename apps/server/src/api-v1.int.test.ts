import { describe, expect, it } from 'vitest';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const admin = new TestBrowser(t.app);
await admin.signIn(acme.users.admin.email, TEST_PASSWORD);

const call = (path: string, key?: string, init: RequestInit = {}) =>
  t.app.request(`/api/v1${path}`, {
    ...init,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...init.headers },
  });

describe('REST API v1 with API keys', () => {
  it('shows a new key once, stores only its hash, and authenticates it as the workspace', async () => {
    const created = await admin.mutate<{ key: string; prefix: string; id: string }>('apiKeys.create', {
      name: 'CRM sync',
      scopes: ['contacts:write'],
    });
    const key = created.body.result!.data.key;
    expect(key).toMatch(/^sb_live_[A-Za-z0-9_-]{43}$/);
    const listed = await admin.query<{ prefix: string; key?: string }[]>('apiKeys.list');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const rows = await t.database.db.fork().getConnection().execute('select key_hash from api_keys');
    expect(JSON.stringify(rows)).not.toContain(key);

    const res = await call('/workspace', key);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      workspace: { id: acme.id, slug: 'acme', name: 'Workspace acme' },
      key: { name: 'CRM sync', scopes: ['contacts:write'] },
    });

    await admin.mutate('apiKeys.revoke', { keyId: created.body.result!.data.id });
    const revoked = await call('/workspace', key);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
  });

  it('answers 401 with guidance for missing or malformed credentials, 404 for unknown routes', async () => {
    const none = await call('/workspace');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(
      /Authorization: Bearer/,
    );
    expect((await call('/workspace', 'sb_live_not-a-real-key')).status).toBe(401);
    expect((await call('/workspace', 'Basic abc')).status).toBe(401);
    const created = await admin.mutate<{ key: string }>('apiKeys.create', {
      name: 'n',
      scopes: ['events:write'],
    });
    const unknown = await call('/nope', created.body.result!.data.key);
    expect(unknown.status).toBe(404);
  });

  it('refuses bodies over the limit with 413 before reading them', async () => {
    const res = await call('/workspace', undefined, {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 10),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
  });

  it('publishes an OpenAPI 3.1 document describing the bearer scheme and its paths', async () => {
    const res = await call('/openapi.json');
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.apiKey?.scheme).toBe('bearer');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/workspace',
        '/identify',
        '/track',
        '/batch',
        '/contacts/{ref}',
        '/contacts/{ref}/export',
        '/contacts/{ref}/consents',
        '/contacts/{ref}/double-opt-in',
        '/imports',
        '/imports/{id}',
        '/imports/{id}/rejected.csv',
        '/messages',
        '/messages/{id}',
      ]),
    );
  });

  it('sends security headers and never a stack trace', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
