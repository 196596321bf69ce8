import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiScope } from '@switchboard/accounts';
import { suppress } from '@switchboard/contacts';
import { useTestApp } from './testing/test-app.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';
import { apiKeyWith, restClient } from './testing/rest-client.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'supp');
const other = await seedWorkspace(t.database.db, 'supp-other');
const keyFor = (workspaceId: string, scopes: ApiScope[]) => apiKeyWith(t, workspaceId, scopes);
const writer = await keyFor(acme.id, ['suppressions:read', 'suppressions:write']);
const reader = await keyFor(acme.id, ['suppressions:read']);
const outsider = await keyFor(other.id, ['suppressions:read', 'suppressions:write']);
const call = restClient(t);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the suppression list through REST', () => {
  it('adds, looks up by address, lists as hashes page by page, and lifts a reason', async () => {
    const added = await call(writer, 'POST', '/suppressions', {
      email: ' Ana@Example.com ',
      reason: 'unsubscribe',
    });
    expect(added).toMatchObject({ status: 201, body: { added: 1 } });
    expect(
      (await call(writer, 'POST', '/suppressions', { email: 'ana@example.com', reason: 'unsubscribe' })).body,
    ).toEqual({
      added: 0,
    });
    await call(writer, 'POST', '/suppressions', {
      email: 'ana@example.com',
      phone: '+4915112345678',
      reason: 'bounce',
    });

    const looked = await call(reader, 'POST', '/suppressions/lookup', {
      email: 'ANA@example.com',
      phone: '+49 151 12345678',
    });
    expect(looked.body.results).toEqual([
      { kind: 'email', reasons: ['unsubscribe', 'bounce'] },
      { kind: 'phone', reasons: ['bounce'] },
    ]);

    const first = await call(reader, 'GET', '/suppressions?limit=2');
    expect(first.body.suppressions).toHaveLength(2);
    const second = await call(reader, 'GET', `/suppressions?limit=2&after=${first.body.next}`);
    expect(second.body.suppressions).toHaveLength(1);
    expect(second.body.next).toBeNull();
    const all = [...first.body.suppressions, ...second.body.suppressions] as { hash: string; kind: string }[];
    expect(all.filter((s) => s.kind === 'email').map((s) => s.hash)).toEqual([
      sha('email:ana@example.com'),
      sha('email:ana@example.com'),
    ]);
    expect(
      (await call(reader, 'GET', '/suppressions?reason=bounce&kind=phone')).body.suppressions,
    ).toHaveLength(1);

    expect(
      (await call(writer, 'POST', '/suppressions/remove', { email: 'ana@example.com', reason: 'bounce' }))
        .body,
    ).toEqual({
      removed: 1,
    });
    expect(
      (await call(reader, 'POST', '/suppressions/lookup', { email: 'ana@example.com' })).body.results,
    ).toEqual([{ kind: 'email', reasons: ['unsubscribe'] }]);
  });

  it('keeps erasures, refuses bad input and missing scopes, and never crosses workspaces', async () => {
    await suppress(t.database.db.fork(), acme.id, { email: 'gone@example.com' }, 'erasure');
    const lift = await call(writer, 'POST', '/suppressions/remove', {
      email: 'gone@example.com',
      reason: 'erasure',
    });
    expect(lift.status).toBe(409);
    expect(lift.body.error.fields.reason).toContain('erased');
    expect(
      (await call(writer, 'POST', '/suppressions', { reason: 'erasure', email: 'x@example.com' })).status,
    ).toBe(400);
    const noAddress = await call(writer, 'POST', '/suppressions', { reason: 'bounce' });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.fields.email).toContain('Give an email');
    const badEmail = await call(writer, 'POST', '/suppressions', { email: 'not-an-email', reason: 'bounce' });
    expect(badEmail.status).toBe(400);
    expect(Object.keys(badEmail.body.error.fields)).toEqual(['email']);
    expect(
      (await call(reader, 'POST', '/suppressions', { email: 'a@example.com', reason: 'bounce' })).status,
    ).toBe(403);
    expect((await call(reader, 'GET', '/suppressions?after=garbage')).status).toBe(400);

    expect(
      (await call(outsider, 'POST', '/suppressions/lookup', { email: 'gone@example.com' })).body.results,
    ).toEqual([{ kind: 'email', reasons: [] }]);
    expect((await call(outsider, 'GET', '/suppressions')).body.suppressions).toEqual([]);
    expect(
      (
        await call(outsider, 'POST', '/suppressions/remove', {
          email: 'ana@example.com',
          reason: 'unsubscribe',
        })
      ).body,
    ).toEqual({
      removed: 0,
    });
  });
});
