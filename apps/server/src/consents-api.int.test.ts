import { describe, expect, it } from 'vitest';
import { createApiKey } from '@switchboard/accounts';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const { key } = await createApiKey(t.database.db.fork(), {
  workspaceId: acme.id,
  name: 'crm',
  scopes: ['contacts:read', 'contacts:write', 'events:write'],
  actor: { type: 'cli', id: null, label: 'test' },
});
const api = async (method: string, path: string, body?: unknown) => {
  const res = await t.app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

/** The confirmation email sent to this address (it goes out through the real email path, so it takes a moment). */
async function confirmationFor(address: string) {
  for (let i = 0; i < 50; i++) {
    const mail = t.smtp.list().find((m) => m.to.includes(address));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`No confirmation email reached ${address}`);
}

describe('consent', () => {
  it('records each change with its source and proof; the current state follows the latest change', async () => {
    await api('POST', '/identify', { email: 'mei@example.cn' });
    const optIn = await api('POST', '/contacts/mei@example.cn/consents', {
      channel: 'email',
      topic: 'newsletter',
      status: 'opted_in',
      source: 'form',
      timestamp: '2026-11-01T10:00:00Z',
      proof: { ip: '203.0.113.9', formId: 'footer-signup', wordingVersion: 'v3' },
    });
    expect(optIn.status).toBe(201);
    // A late-arriving older change is kept in the history but does not overwrite the newer state.
    await api('POST', '/contacts/mei@example.cn/consents', {
      channel: 'email',
      topic: 'newsletter',
      status: 'opted_out',
      timestamp: '2026-10-01T00:00:00Z',
    });
    const read = await api('GET', '/contacts/mei@example.cn/consents');
    expect(read.body.current).toEqual([
      expect.objectContaining({ channel: 'email', topic: 'newsletter', status: 'opted_in' }),
    ]);
    expect(read.body.history).toHaveLength(2);
    expect(read.body.history[0]).toMatchObject({
      status: 'opted_in',
      source: 'form',
      proof: { ip: '203.0.113.9', formId: 'footer-signup', wordingVersion: 'v3' },
    });
  });

  it('names invalid fields', async () => {
    const bad = await api('POST', '/contacts/mei@example.cn/consents', {
      channel: 'fax',
      status: 'maybe',
      topic: 'Has Spaces',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['channel', 'status', 'topic']);
    expect(
      (await api('POST', '/contacts/nobody@example.cn/consents', { channel: 'sms', status: 'opted_in' }))
        .status,
    ).toBe(404);
  });

  it('survives a merge (newest state wins), appears in the export, and disappears with erasure', async () => {
    await api('POST', '/identify', { phone: '+8613800138000' });
    await api('POST', '/contacts/+8613800138000/consents', {
      channel: 'email',
      topic: 'newsletter',
      status: 'opted_out',
      timestamp: '2026-11-20T00:00:00Z',
    });
    await api('POST', '/contacts/+8613800138000/consents', {
      channel: 'sms',
      status: 'opted_in',
      source: 'inbound_keyword',
    });
    await api('POST', '/identify', { email: 'mei@example.cn', phone: '+8613800138000' });
    const merged = await api('GET', '/contacts/mei@example.cn/consents');
    expect(
      merged.body.current
        .map((c: { channel: string; topic: string; status: string }) => `${c.channel}/${c.topic}=${c.status}`)
        .sort(),
    ).toEqual(['email/newsletter=opted_out', 'sms/=opted_in']);
    expect(merged.body.history).toHaveLength(4);
    const exported = await api('GET', '/contacts/mei@example.cn/export');
    expect(exported.body.consentHistory).toHaveLength(4);
    await api('DELETE', '/contacts/mei@example.cn');
    const [row] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(
        'select (select count(*) from consents) + (select count(*) from consent_changes) as n',
      );
    expect(Number(row!.n)).toBe(0);
  });

  it('can be set from the app, recorded with who did it', async () => {
    const created = await api('POST', '/identify', { email: 'walkin@example.com' });
    const agent = new TestBrowser(t.app);
    await agent.signIn(acme.users.agent.email, TEST_PASSWORD);
    const res = await agent.mutate<{ history: { source: string; proof: { text: string } }[] }>(
      'contacts.setConsent',
      {
        id: created.body.contactId,
        channel: 'wechat',
        status: 'opted_in',
      },
    );
    expect(res.body.result?.data.history[0]).toMatchObject({
      source: 'admin',
      proof: { text: `set by ${acme.users.agent.email}` },
    });
    const analyst = new TestBrowser(t.app);
    await analyst.signIn(acme.users.analyst.email, TEST_PASSWORD);
    expect(
      (
        await analyst.mutate('contacts.setConsent', {
          id: created.body.contactId,
          channel: 'sms',
          status: 'opted_in',
        })
      ).status,
    ).toBe(403);
  });

  it('double opt-in: pending until the signed link is confirmed by a click, never by merely opening it', async () => {
    await api('POST', '/identify', { email: 'dora@example.com' });
    const requested = await api('POST', '/contacts/dora@example.com/double-opt-in', {
      topic: 'newsletter',
      wordingVersion: 'signup-form-v3',
      ip: '203.0.113.9',
    });
    expect(requested.status).toBe(202);
    const pending = (s: { current: { topic: string; status: string }[] }) =>
      s.current.find((c) => c.topic === 'newsletter')?.status;
    expect(pending(requested.body)).toBe('pending');

    const mail = await confirmationFor('dora@example.com');
    expect(mail.subject).toBe('Please confirm your subscription to Workspace acme');
    const link = /(https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
    const path = new URL(link).pathname;

    const opened = await t.app.request(path);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Confirm my subscription');
    expect(pending((await api('GET', '/contacts/dora@example.com/consents')).body)).toBe('pending');

    const tampered = await t.app.request(`${path.slice(0, -3)}abc`, { method: 'POST' });
    expect(tampered.status).toBe(400);
    const confirmed = await t.app.request(path, { method: 'POST', headers: { 'user-agent': 'Browser/1.0' } });
    expect(confirmed.status).toBe(200);
    const after = (await api('GET', '/contacts/dora@example.com/consents')).body as {
      current: { topic: string; status: string }[];
      history: { source: string; status: string; proof: Record<string, string> }[];
    };
    expect(pending(after)).toBe('opted_in');
    expect(after.history.slice(0, 2)).toEqual([
      expect.objectContaining({
        status: 'opted_in',
        source: 'double_opt_in',
        proof: expect.objectContaining({ userAgent: 'Browser/1.0' }),
      }),
      expect.objectContaining({
        status: 'pending',
        source: 'double_opt_in',
        proof: expect.objectContaining({ wordingVersion: 'signup-form-v3', ip: '203.0.113.9' }),
      }),
    ]);

    await api('POST', '/identify', { phone: '+8613800138000' });
    const noEmail = await api('POST', '/contacts/+8613800138000/double-opt-in', {});
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.fields.email).toContain('no email');
  });

  it('double opt-in speaks Chinese to a Chinese contact (email) and to a Chinese browser (pages)', async () => {
    await api('POST', '/identify', { email: 'wang.fang@example.cn', locale: 'zh-CN' });
    expect(
      (await api('POST', '/contacts/wang.fang@example.cn/double-opt-in', { topic: 'newsletter' })).status,
    ).toBe(202);
    const mail = await confirmationFor('wang.fang@example.cn');
    expect(mail.subject).toBe('请确认订阅 Workspace acme');
    expect(mail.text).toContain('请确认你愿意接收来自 Workspace acme 的“newsletter”邮件');
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('确认订阅');
    const link = /(https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
    const path = new URL(link).pathname;
    const chinese = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
    const opened = await (await t.app.request(path, { headers: chinese })).text();
    expect(opened).toContain('<html lang="zh-CN">');
    expect(opened).toContain('点击一下即可完成订阅：<strong>newsletter</strong>');
    expect(await (await t.app.request(path, { headers: { 'accept-language': 'en-GB' } })).text()).toContain(
      'Confirm my subscription',
    );
    const done = await t.app.request(path, { method: 'POST', headers: chinese });
    expect(await done.text()).toContain('订阅成功');
    const broken = await t.app.request(`${path.slice(0, -3)}abc`, { headers: chinese });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('此链接无效');
  });
});
