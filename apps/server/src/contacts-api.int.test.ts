import { describe, expect, it } from 'vitest';
import { createApiKey } from '@switchboard/accounts';
import { useTestApp } from './testing/test-app.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const other = await seedWorkspace(t.database.db, 'other');
const actor = { type: 'cli' as const, id: null, label: 'test' };
const key = (
  await createApiKey(t.database.db.fork(), {
    workspaceId: acme.id,
    name: 'all',
    scopes: ['contacts:read', 'contacts:write', 'events:write'],
    actor,
  })
).key;
const eventsOnlyKey = (
  await createApiKey(t.database.db.fork(), {
    workspaceId: acme.id,
    name: 'events',
    scopes: ['events:write'],
    actor,
  })
).key;
const otherKey = (
  await createApiKey(t.database.db.fork(), {
    workspaceId: other.id,
    name: 'other',
    scopes: ['contacts:read', 'contacts:write', 'events:write'],
    actor,
  })
).key;

async function api(method: string, path: string, body?: unknown, apiKey = key) {
  const res = await t.app.request(`/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}
const count = async (query: string, params: unknown[] = []) =>
  Number((await t.database.db.fork().getConnection().execute<{ n: string }[]>(query, params))[0]!.n);

describe('identify', () => {
  it('creates a contact with normalised identities, then updates the same contact', async () => {
    const created = await api('POST', '/identify', {
      email: ' Ana@Example.COM ',
      phone: '+49 151 1234 5678',
      firstName: 'Ana',
      attributes: { plan: 'pro', seats: 5 },
    });
    expect(created.status).toBe(201);
    const again = await api('POST', '/identify', {
      phone: '+4915112345678',
      attributes: { seats: 7 },
      tags: ['vip'],
    });
    expect(again).toMatchObject({ status: 200, body: { contactId: created.body.contactId, created: false } });
    const read = await api('GET', '/contacts/email:ana@example.com');
    expect(read.body.contact).toMatchObject({
      email: 'ana@example.com',
      phone: '+4915112345678',
      firstName: 'Ana',
      attributes: { plan: 'pro', seats: 7 },
      tags: ['vip'],
    });
  });

  it('names every invalid field, and keeps attribute types once inferred', async () => {
    const bad = await api('POST', '/identify', {
      email: 'not-an-email',
      phone: '123',
      timezone: 'Mars/Base',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['timezone']);
    const badIdentity = await api('POST', '/identify', { email: 'not-an-email', phone: '123' });
    expect(Object.keys(badIdentity.body.error.fields).sort()).toEqual(['email', 'phone']);
    const wrongType = await api('POST', '/identify', {
      email: 'typed@example.com',
      attributes: { seats: 'many', 'bad key': 1 },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.fields['attributes.seats']).toMatch(
      /must be a number \(seats is a number attribute\)/,
    );
    expect(wrongType.body.error.fields['attributes.bad key']).toBeDefined();
    expect(await count(`select count(*) as n from contacts where email = 'typed@example.com'`)).toBe(0);
    expect((await api('POST', '/identify', { firstName: 'Nobody' })).body.error.fields.email).toMatch(
      /at least one of/,
    );
    expect((await api('POST', '/identify', { email: 'x@example.com', surprise: 1 })).status).toBe(400);
  });

  it('merges two contacts when one call names identities of both: events move, newest traits win, audit records it', async () => {
    const a = await api('POST', '/identify', {
      email: 'li@example.cn',
      attributes: { city: 'Beijing' },
      timestamp: '2026-11-01T00:00:00Z',
    });
    const b = await api('POST', '/identify', {
      wechatId: 'wxid_li',
      attributes: { city: 'Shanghai', vip: true },
      timestamp: '2026-11-02T00:00:00Z',
    });
    await api('POST', '/track', { email: 'li@example.cn', event: 'page_viewed' });
    await api('POST', '/track', { wechatId: 'wxid_li', event: 'message_received' });
    const merged = await api('POST', '/identify', { email: 'li@example.cn', wechatId: 'wxid_li' });
    expect(merged.body).toMatchObject({ contactId: a.body.contactId, mergedContactIds: [b.body.contactId] });
    const read = await api('GET', '/contacts/wechat:wxid_li');
    expect(read.body.contact).toMatchObject({
      id: a.body.contactId,
      email: 'li@example.cn',
      wechatId: 'wxid_li',
      attributes: { city: 'Shanghai', vip: true },
    });
    expect(read.body.recentEvents.map((e: { name: string }) => e.name).sort()).toEqual([
      'message_received',
      'page_viewed',
    ]);
    expect((await api('GET', `/contacts/${b.body.contactId}`)).status).toBe(404);
    // An event addressed to the absorbed id follows it to the survivor, alone and among new people.
    expect((await api('POST', '/track', { contactId: b.body.contactId, event: 'late' })).status).toBe(200);
    const mixed = await api('POST', '/batch', {
      batch: [
        { type: 'track', contactId: b.body.contactId, event: 'later' },
        { type: 'track', email: 'someone-new@example.cn', event: 'later' },
      ],
    });
    expect(mixed.status).toBe(200);
    expect(
      await count(`select count(*) as n from events where name in ('late', 'later') and contact_id = ?`, [
        a.body.contactId,
      ]),
    ).toBe(2);
    expect(
      await count(`select count(*) as n from audit_log where action = 'contact.merged' and target_id = ?`, [
        a.body.contactId,
      ]),
    ).toBe(1);
  });
});

describe('track', () => {
  it('stores an event once per messageId, creating the contact on first sight', async () => {
    const first = await api('POST', '/track', {
      email: 'buyer@example.com',
      event: 'order_completed',
      revenue: 99.5,
      currency: 'EUR',
      messageId: 'order-1',
      properties: { items: [{ sku: 'A1', qty: 2 }] },
    });
    const again = await api('POST', '/track', {
      email: 'buyer@example.com',
      event: 'order_completed',
      revenue: 99.5,
      currency: 'EUR',
      messageId: 'order-1',
    });
    expect([first.body.status, again.body.status]).toEqual(['stored', 'duplicate']);
    expect(await count(`select count(*) as n from events where message_id = 'order-1'`)).toBe(1);
    const read = await api('GET', '/contacts/buyer@example.com');
    expect(read.body.recentEvents[0]).toMatchObject({
      name: 'order_completed',
      revenue: 99.5,
      currency: 'EUR',
      properties: { items: [{ sku: 'A1', qty: 2 }] },
    });
  });

  it('answers 404 naming contactId for an unknown or foreign contact id, 400 for bad fields', async () => {
    const foreign = await api('POST', '/identify', { email: 'someone@other.test' }, otherKey);
    const res = await api('POST', '/track', { contactId: foreign.body.contactId, event: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.error.fields).toHaveProperty('contactId');
    const bad = await api('POST', '/track', {
      email: 'a@example.com',
      event: '',
      revenue: 'lots',
      currency: 'euro',
      timestamp: 'yesterday',
    });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['currency', 'event', 'revenue', 'timestamp']);
    const future = await api('POST', '/track', {
      email: 'a@example.com',
      event: 'x',
      timestamp: '2999-01-01T00:00:00Z',
    });
    expect(future.body.error.fields.timestamp).toMatch(/future/);
  });

  it('refuses malformed JSON, other content types and missing scopes with clear 4xx', async () => {
    expect((await api('POST', '/track', '{"event": ')).status).toBe(400);
    const res = await t.app.request('/api/v1/track', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(res.status).toBe(415);
    expect((await api('POST', '/identify', { email: 'x@example.com' }, eventsOnlyKey)).status).toBe(403);
  });
});

describe('batch', () => {
  it('applies identify and track items in order, in one go', async () => {
    const res = await api('POST', '/batch', {
      batch: [
        { type: 'identify', email: 'wang@example.cn', firstName: 'Fang' },
        { type: 'track', email: 'wang@example.cn', event: 'cart_abandoned', messageId: 'cart-9' },
        { type: 'track', email: 'wang@example.cn', event: 'cart_abandoned', messageId: 'cart-9' },
        { type: 'track', phone: '+8613800138000', event: 'sms_clicked' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'stored',
      'duplicate',
      'stored',
    ]);
  });

  it('writes nothing when any item is invalid, and names it', async () => {
    const before = await count('select count(*) as n from events');
    const res = await api('POST', '/batch', {
      batch: [
        { type: 'track', email: 'ok@example.com', event: 'fine' },
        { type: 'identify', email: 'new@example.com' },
        { type: 'track', email: 'broken', event: 'x' },
      ],
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['batch.2.email']);
    expect(await count('select count(*) as n from events')).toBe(before);
    expect(
      await count(`select count(*) as n from contacts where email in ('ok@example.com', 'new@example.com')`),
    ).toBe(0);
    const tooMany = await api('POST', '/batch', {
      batch: Array.from({ length: 1001 }, () => ({ type: 'track', email: 'a@example.com', event: 'x' })),
    });
    expect(tooMany.status).toBe(400);
    const unknown = await api('POST', '/batch', {
      batch: [
        { type: 'track', email: 'a@example.com', event: 'x' },
        { type: 'track', contactId: crypto.randomUUID(), event: 'x' },
      ],
    });
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['batch.1.contactId']);
    expect(await count('select count(*) as n from events')).toBe(before);
  });
});

describe('contacts/{ref}', () => {
  it('addresses a contact by id, email, phone, WeChat id or external id, never across workspaces', async () => {
    const created = await api('POST', '/identify', {
      email: 'ref@example.com',
      phone: '+14155552671',
      wechatId: 'wxid_ref',
      externalId: 'CRM-77',
    });
    const id = created.body.contactId;
    for (const ref of [
      id,
      'email:REF@example.com',
      'ref@example.com',
      'phone:+1 415 555 2671',
      '+14155552671',
      'wechat:wxid_ref',
      'external:CRM-77',
    ])
      expect((await api('GET', `/contacts/${encodeURIComponent(ref)}`)).body.contact?.id, ref).toBe(id);
    expect((await api('GET', `/contacts/${id}`, undefined, otherKey)).status).toBe(404);
    expect((await api('GET', '/contacts/nobody@example.com')).status).toBe(404);
    expect((await api('GET', '/contacts/garbage')).status).toBe(400);
  });

  it('updates attributes and tags with PATCH', async () => {
    await api('POST', '/identify', { email: 'patch@example.com' });
    const res = await api('PATCH', '/contacts/patch@example.com', {
      attributes: { plan: 'team' },
      tags: ['beta'],
      lifecycleStage: 'lead',
    });
    expect(res.body.contact).toMatchObject({
      attributes: { plan: 'team' },
      tags: ['beta'],
      lifecycleStage: 'lead',
    });
  });

  it('exports everything held about a contact, and erasure leaves only a hashed suppression', async () => {
    await api('POST', '/identify', {
      email: 'erase.me@example.com',
      phone: '+4930901820',
      firstName: 'Erika',
    });
    await api('POST', '/track', {
      email: 'erase.me@example.com',
      event: 'purchase',
      properties: { address: 'Hauptstr. 1' },
    });
    const exported = await api('GET', '/contacts/erase.me@example.com/export');
    expect(exported.body.contact).toMatchObject({ email: 'erase.me@example.com', firstName: 'Erika' });
    expect(exported.body.events).toEqual([
      expect.objectContaining({ name: 'purchase', properties: { address: 'Hauptstr. 1' } }),
    ]);

    expect((await api('DELETE', '/contacts/erase.me@example.com')).status).toBe(204);
    expect((await api('GET', '/contacts/erase.me@example.com')).status).toBe(404);
    const dump = JSON.stringify(
      await t.database.db
        .fork()
        .getConnection()
        .execute('select * from contacts, events where contacts.id = events.contact_id'),
    );
    expect(dump).not.toContain('Hauptstr');
    expect(
      JSON.stringify(await t.database.db.fork().getConnection().execute('select * from events')),
    ).not.toContain('Hauptstr');
    // The erased id leads nowhere: events sent to it are refused rather than kept for nobody.
    const late = await api('POST', '/track', { contactId: exported.body.contact.id, event: 'late' });
    expect(late.status).toBe(404);
    expect(await count(`select count(*) as n from suppressions where reason = 'erasure'`)).toBe(2);
    expect(
      JSON.stringify(await t.database.db.fork().getConnection().execute('select * from suppressions')),
    ).not.toContain('erase.me');

    const back = await api('POST', '/identify', { email: 'Erase.Me@example.com' });
    expect(back.status).toBe(201);
    expect((await api('GET', `/contacts/${back.body.contactId}`)).body.contact.doNotContact).toBe(true);
    expect(
      await count(
        `select count(*) as n from audit_log where action in ('contact.erased', 'contact.exported')`,
      ),
    ).toBe(2);
  });
});
