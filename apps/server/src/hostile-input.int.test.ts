import { describe, expect, it } from 'vitest';
import { createApiKey } from '@switchboard/accounts';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

/**
 * What probing the running product from outside found (issue 13): bad input answered 500, bodies read in full
 * before refusal, and other workspaces' ids answered with empty lists. Each case here failed before its fix.
 */
const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const other = await seedWorkspace(t.database.db, 'other');
const { key } = await createApiKey(t.database.db.fork(), {
  workspaceId: acme.id,
  name: 'all',
  scopes: ['contacts:read', 'contacts:write', 'events:write', 'messages:send', 'messages:read'],
  actor: { type: 'cli', id: null, label: 'test' },
});

async function api(method: string, path: string, body?: unknown) {
  const res = await t.app.request(`/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined
      ? { body: body instanceof Uint8Array || typeof body === 'string' ? body : JSON.stringify(body) }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as { error?: { fields?: object } } };
}

const signedIn = (email: string) => TestBrowser.signedIn(t.app, email);

describe('text PostgreSQL cannot hold is a 400 naming the field, everywhere', () => {
  it('NUL bytes and unpaired surrogates in identify, PATCH and track fields', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/identify', { email: 'a@example.com', firstName: 'A\u0000na' }, 'firstName'],
      ['POST', '/identify', { email: 'a@example.com', attributes: { plan: 'p\u0000ro' } }, 'attributes.plan'],
      ['POST', '/track', { email: 'a@example.com', event: 'x\u0000y' }, 'event'],
      ['POST', '/track', { email: 'a@example.com', event: 'x\uD800' }, 'event'],
      ['POST', '/track', { externalId: 'crm\uDC00', event: 'x' }, 'externalId'],
      ['POST', '/track', { wechatId: 'wx\uD83D', event: 'x' }, 'wechatId'],
      [
        'POST',
        '/track',
        { email: 'a@example.com', event: 'x', properties: { k: 'a\u0000b' } },
        'properties.k',
      ],
      [
        'POST',
        '/batch',
        { batch: [{ type: 'track', email: 'a@example.com', event: 'x\u0000' }] },
        'batch.0.event',
      ],
    ];
    await api('POST', '/identify', { email: 'patch-me@example.com' });
    cases.push(['PATCH', '/contacts/email:patch-me@example.com', { lastName: 'B\u0000' }, 'lastName']);
    for (const [method, path, body, field] of cases) {
      const res = await api(method, path, body);
      expect(res.status, `${method} ${path} ${field}`).toBe(400);
      expect(res.body.error?.fields, field).toHaveProperty([field]);
    }
    const [row] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from events`);
    expect(Number(row!.n)).toBe(0);
  });

  it('invalid UTF-8 in a JSON body is refused, never stored as U+FFFD', async () => {
    const body = new Uint8Array([
      ...Buffer.from('{"email":"u@example.com","firstName":"'),
      0xff,
      ...Buffer.from('"}'),
    ]);
    const res = await api('POST', '/identify', body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/UTF-8/);
    const browser = await signedIn(acme.users.owner.email);
    const trpc = await t.app.request('/trpc/contacts.list', {
      method: 'POST',
      headers: { cookie: `sb_session=${browser.cookie}`, 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    });
    expect(trpc.status).toBe(400);
  });

  it('a % in a contact reference, and broken percent-encoding in a path or query, are 400s', async () => {
    expect(
      (
        await api('POST', '/messages', {
          contact: '100%',
          channel: 'email',
          purpose: 'transactional',
          content: { subject: 's', html: '<p>x</p>' },
        })
      ).status,
    ).toBe(400);
    for (const path of [
      '/contacts/%E0%A4%A',
      '/contacts/%E0%A4%A/consents',
      '/contacts/%E0%A4%A/export',
      '/contacts/email:a%00b@example.com',
    ])
      expect((await api('GET', path)).status, path).toBe(400);
    const browser = await signedIn(acme.users.owner.email);
    expect((await browser.get('/exports/contacts.csv?search=%E0%A4%A')).status).toBe(400);
    expect((await browser.get('/exports/contacts.csv?search=a%00b')).status).toBe(400);
  });

  it('tRPC search, filter and segment values with NUL are 400s with a sentence, not a JSON dump', async () => {
    const browser = await signedIn(acme.users.owner.email);
    const search = await browser.query('contacts.list', { search: 'a\u0000b' });
    expect(search.status).toBe(400);
    expect(search.body.error?.data.fieldErrors).toEqual({
      search: 'must not contain NUL characters (\\u0000)',
    });
    const segment = await browser.query('segments.preview', {
      rules: {
        kind: 'group',
        match: 'all',
        conditions: [{ kind: 'attribute', key: 'plan', op: 'eq', value: 'p\u0000' }],
      },
    });
    expect(segment.status).toBe(400);
    const invalid = await browser.query('contacts.list', { limit: 'many' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.message).toMatch(/^Invalid limit: /);
    expect(invalid.body.error?.message).not.toMatch(/[[{]/);
  });

  it('a malformed session cookie is no session (401), not a server error', async () => {
    const headers = { cookie: 'sb_session=%E0%A4%A' };
    expect((await t.app.request('/trpc/auth.me', { headers })).status).toBe(200);
    expect((await t.app.request('/trpc/contacts.list', { headers })).status).toBe(401);
    expect((await t.app.request('/exports/contacts.csv', { headers })).status).toBe(401);
  });

  it('an invalid saved block is a 400 naming the field', async () => {
    const browser = await signedIn(acme.users.marketer.email);
    const res = await browser.mutate('templates.saveBlock', { name: 'Broken', block: { columns: 'nope' } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error?.data.fieldErrors ?? {})[0]).toMatch(/^block/);
  });
});

describe('other workspaces’ ids are 404, not empty lists', () => {
  it('contacts.segments, messages.forContact and segments.members', async () => {
    const theirs = await signedIn(other.users.owner.email);
    await theirs.mutate('segments.create', {
      name: 'Theirs',
      rules: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'has', value: 'vip' }] },
    });
    const [segment] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(`select id from segments where workspace_id = ?`, [other.id]);
    const [contact] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `insert into contacts (id, workspace_id, email, created_at, updated_at)
         values (gen_random_uuid(), ?, 'theirs@example.com', now(), now()) returning id`,
        [other.id],
      );
    const mine = await signedIn(acme.users.owner.email);
    expect((await mine.query('contacts.segments', { id: contact!.id })).status).toBe(404);
    expect((await mine.query('messages.forContact', { contactId: contact!.id })).status).toBe(404);
    expect((await mine.query('segments.members', { id: segment!.id })).status).toBe(404);
    expect((await theirs.query('segments.members', { id: segment!.id })).status).toBe(200);
    expect((await theirs.query('contacts.segments', { id: contact!.id })).status).toBe(200);
  });
});

describe('every route limits its body before reading it', () => {
  /** A 50 MB body that counts how much of it the server pulled. */
  function hugeBody() {
    const chunk = new Uint8Array(64 * 1024).fill(120);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 50 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled: () => pulled };
  }

  for (const [path, type] of [
    ['/hooks/twilio/inbound', 'application/x-www-form-urlencoded'],
    ['/trpc/auth.signIn', 'application/json'],
    ['/u/some-token', 'application/x-www-form-urlencoded'],
    ['/confirm/some-token', 'application/x-www-form-urlencoded'],
    ['/api/v1/track', 'application/json'],
  ] as const) {
    it(`${path}: 413 from the declared length, and from the count of a chunked body`, async () => {
      const declared = await t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': type, 'content-length': String(50 * 1024 * 1024) },
        body: 'x',
      });
      expect(declared.status).toBe(413);
      const chunked = hugeBody();
      const res = await t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': type, 'transfer-encoding': 'chunked' },
        body: chunked.stream,
        duplex: 'half',
      });
      expect(res.status).toBe(413);
      expect(chunked.pulled()).toBeLessThan(3 * 1024 * 1024);
    });
  }
});

describe('sign-in with a small body still works', () => {
  it('signs in', async () => {
    const browser = new TestBrowser(t.app);
    expect(
      (await browser.mutate('auth.signIn', { email: acme.users.agent.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });
});
