import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '@hono/node-server';
import { sql } from '@switchboard/contacts';
import { createSmtpEmailSender, createTwilioSmsSender } from '@switchboard/channels';
import { startDeliveryWorker } from '@switchboard/messaging/testing';
import { startSandboxPeers, twilioSignature } from '@switchboard/sandbox';
import { TestBrowser, TEST_PUBLIC_URL, TEST_TRACKING_SECRET, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const taskQueue = `messages-${Math.random().toString(36).slice(2, 8)}`;
const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
const t = await useTestApp({ taskQueue, twilioAuthToken: peers.twilio.authToken });
// A real listening server, so the Twilio peer's signed status callbacks can reach the hooks.
const listening = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => listening.once('listening', resolve));
const port = (listening.address() as { port: number }).port;
const email = createSmtpEmailSender({ url: peers.smtpUrl, poolSize: 2, from: 'Acme <news@acme.test>' });
const worker = await startDeliveryWorker({
  taskQueue,
  db: t.database.db,
  channels: { email, sms: createTwilioSmsSender({ ...peers.twilio, apiBaseUrl: peers.httpUrl }) },
  email: {
    baseUrl: TEST_PUBLIC_URL,
    trackingSecret: TEST_TRACKING_SECRET,
    defaultFrom: 'Acme <news@acme.test>',
    inboundDomain: null,
  },
  smsStatusCallbackUrl: `http://127.0.0.1:${port}/hooks/twilio/status`,
});
afterAll(async () => {
  await worker.stop();
  email.close();
  listening.close();
  await peers.stop();
});

const acme = await seedWorkspace(t.database.db, 'acme');
const admin = new TestBrowser(t.app);
await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
const keyFor = async (scopes: string[]) =>
  (await admin.mutate<{ key: string }>('apiKeys.create', { name: scopes.join(','), scopes })).body.result!
    .data.key;
const key = await keyFor([
  'messages:send',
  'messages:read',
  'contacts:read',
  'contacts:write',
  'events:write',
]);

const api = (
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  t.app.request(`/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

interface MessageBody {
  id: string;
  status: string;
  contactId: string;
  gate: { outcome: string; rule?: string } | null;
  providerMessageId: string | null;
  events: { kind: string; machine: boolean; url: string | null }[];
}

async function settled(
  id: string,
  until: (m: MessageBody) => boolean = (m) => !['queued', 'sending', 'deferred'].includes(m.status),
) {
  for (let i = 0; i < 150; i++) {
    const body = (await (await api(`/messages/${id}`)).json()) as MessageBody;
    if (until(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`message ${id} did not settle`);
}

const identified = await api('/identify', {
  body: { email: 'ada@example.org', phone: '+12125550123', firstName: 'Ada', timezone: 'UTC' },
});
if (identified.status >= 300) throw new Error(await identified.text());
await api('/identify', { body: { email: 'li@example.cn', firstName: '丽', locale: 'zh-CN' } });
const newsletter = {
  contact: 'ada@example.org',
  channel: 'email',
  purpose: 'marketing',
  content: {
    subject: 'Winter sale',
    html: '<p>Hi Ada, <a href="https://shop.example.com/sale">shop the sale</a></p>',
  },
};
const sentEmail = async (messageId: string) => {
  await expect
    .poll(() =>
      peers.smtp
        .list(50)
        .find((m) =>
          m.headers.some(
            ([k, v]) => k.toLowerCase() === 'x-switchboard-message' && v.startsWith(`${messageId}.`),
          ),
        ),
    )
    .toBeDefined();
  return peers.smtp
    .list(50)
    .find((m) =>
      m.headers.some(
        ([k, v]) => k.toLowerCase() === 'x-switchboard-message' && v.startsWith(`${messageId}.`),
      ),
    )!;
};

describe('POST /api/v1/messages', () => {
  it('sends one email through the ledger; a retry with the same Idempotency-Key returns the first message', async () => {
    const first = await api('/messages', { body: newsletter, headers: { 'idempotency-key': 'sale-ada-1' } });
    expect(first.status).toBe(202);
    const created = (await first.json()) as MessageBody;
    expect(first.headers.get('location')).toBe(`/api/v1/messages/${created.id}`);
    const again = await api('/messages', { body: newsletter, headers: { 'idempotency-key': 'sale-ada-1' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as MessageBody).id).toBe(created.id);
    expect((await settled(created.id)).status).toBe('sent');
    await sentEmail(created.id);
    expect(peers.smtp.list(50).filter((m) => m.subject === 'Winter sale')).toHaveLength(1);

    const reused = await api('/messages', {
      body: { ...newsletter, content: { ...newsletter.content, subject: 'Other' } },
      headers: { 'idempotency-key': 'sale-ada-1' },
    });
    expect(reused.status).toBe(409);
  });

  it('names what is wrong in a bad request and writes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...newsletter, content: { html: '<p>x</p>' } }, 400, 'content'],
      [{ ...newsletter, channel: 'fax' }, 400, 'channel'],
      [{ ...newsletter, contact: 'nobody@example.org' }, 404, 'contact'],
      [{ ...newsletter, channel: 'sms' }, 400, 'content.body'],
    ];
    const [{ count: before } = { count: '' }] = await sql<{ count: string }>(
      t.database.db.fork(),
      'select count(*) from messages',
    );
    for (const [body, status, field] of cases) {
      const response = await api('/messages', { body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      const error = ((await response.json()) as { error: { fields?: Record<string, string> } }).error;
      expect(Object.keys(error.fields ?? {}).join(' ')).toContain(field);
    }
    const [{ count: after } = { count: '' }] = await sql<{ count: string }>(
      t.database.db.fork(),
      'select count(*) from messages',
    );
    expect(after).toBe(before);
    const readOnly = await keyFor(['contacts:read']);
    const forbidden = await t.app.request('/api/v1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/json' },
      body: JSON.stringify(newsletter),
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('tracking and unsubscribe', () => {
  const iphone =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
  let messageId: string;
  let html: string;

  it('records a human open and click on the message and the contact timeline; machines are flagged', async () => {
    messageId = ((await (await api('/messages', { body: newsletter })).json()) as MessageBody).id;
    await settled(messageId);
    html = (await sentEmail(messageId)).html!;
    // As if the email had been sent an hour ago: hits within seconds of sending count as scanners.
    await sql(t.database.db.fork(), `update messages set sent_at = now() - interval '1 hour' where id = ?`, [
      messageId,
    ]);
    const pixel = new URL(/src="([^"]+\/t\/o\/[^"]+)"/.exec(html)![1]!).pathname;
    const link = new URL(/href="([^"]+\/t\/c\/[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&')).pathname;

    const applePrefetch = await t.app.request(pixel, { headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(applePrefetch.headers.get('content-type')).toBe('image/gif');
    expect((await settled(messageId)).status).toBe('sent');
    await t.app.request(pixel, { headers: { 'user-agent': iphone } });
    const scanner = await t.app.request(link, { method: 'HEAD', headers: { 'user-agent': iphone } });
    expect(scanner.status).toBe(302);
    const click = await t.app.request(link, { headers: { 'user-agent': iphone } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://shop.example.com/sale');

    const message = await settled(messageId);
    expect(message.status).toBe('clicked');
    expect(message.events.filter((e) => e.kind === 'opened').map((e) => e.machine)).toEqual([true, false]);
    expect(message.events.filter((e) => e.kind === 'clicked').map((e) => [e.machine, e.url])).toEqual([
      [true, 'https://shop.example.com/sale'],
      [false, 'https://shop.example.com/sale'],
    ]);
    const timeline = await sql<{ name: string; machine: string | null }>(
      t.database.db.fork(),
      `select name, properties ->> 'machine' as machine from events where contact_id = ? and name like 'email_%' order by id`,
      [message.contactId],
    );
    expect(timeline.filter((e) => e.machine === null).map((e) => e.name)).toEqual(
      expect.arrayContaining(['email_sent', 'email_opened', 'email_clicked']),
    );
  });

  it('never redirects a tampered click token, javascript: or another site', async () => {
    const link = /href="[^"]+\/t\/c\/([^"]+)"/.exec(html)![1]!;
    const [id, , signature] = link.split('.');
    const evil = `${id}.${Buffer.from('https://evil.example/').toString('base64url')}.${signature}`;
    const js = `${id}.${Buffer.from('javascript:alert(1)').toString('base64url')}.${signature}`;
    for (const token of [evil, js, `${link}x`, 'garbage']) {
      const response = await t.app.request(`/t/c/${token}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('one-click unsubscribe: GET changes nothing, a cookieless POST answers 200 without redirect and suppresses', async () => {
    const unsubscribe = new URL(/href="([^"]+\/u\/[^"]+)"/.exec(html)![1]!).pathname;
    const page = await t.app.request(unsubscribe, { headers: { 'user-agent': 'Proofpoint scanner' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('a•••@example.org');
    const consent = async () =>
      (
        await sql<{ status: string }>(
          t.database.db.fork(),
          `select k.status from consents k join contacts c on c.id = k.contact_id where c.email = 'ada@example.org' and k.channel = 'email' and k.topic = ''`,
        )
      )[0]?.status;
    expect(await consent()).not.toBe('opted_out');

    const forged = await t.app.request(unsubscribe + 'x', {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(forged.status).toBe(404);
    // A message sent 31 days ago: its link still works.
    await sql(
      t.database.db.fork(),
      `update messages set created_at = now() - interval '31 days', sent_at = now() - interval '31 days' where id = ?`,
      [messageId],
    );
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const oneClick = await t.app.request(unsubscribe, { method: 'POST', body: form });
    expect(oneClick.status).toBe(200);
    expect(oneClick.headers.get('location')).toBeNull();
    expect(await consent()).toBe('opted_out');
    const urlencoded = await t.app.request(unsubscribe, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(urlencoded.status).toBe(200);

    const later = ((await (await api('/messages', { body: newsletter })).json()) as MessageBody).id;
    const suppressed = await settled(later);
    expect(suppressed.status).toBe('suppressed');
    expect(suppressed.gate?.rule).toBe('suppressed_unsubscribe');

    // Changed their mind: the same page subscribes them again, and mail flows.
    expect(await (await t.app.request(unsubscribe)).text()).toContain('Subscribe me again');
    const again = await t.app.request(unsubscribe, {
      method: 'POST',
      body: new URLSearchParams({ action: 'save' }),
    });
    expect(again.status).toBe(200);
    expect(await consent()).toBe('opted_in');
    const resumed = ((await (await api('/messages', { body: newsletter })).json()) as MessageBody).id;
    expect((await settled(resumed)).status).toBe('sent');
  });

  it('shows the preference centre in Chinese to a Chinese-speaking contact', async () => {
    const id = (
      (await (
        await api('/messages', { body: { ...newsletter, contact: 'li@example.cn' } })
      ).json()) as MessageBody
    ).id;
    await settled(id);
    const page = new URL(/href="([^"]+\/u\/[^"]+)"/.exec((await sentEmail(id)).html!)![1]!).pathname;
    const text = await (await t.app.request(page)).text();
    expect(text).toContain('<html lang="zh-CN">');
    expect(text).toContain('退订全部营销邮件');
    const chosen = await t.app.request(page, {
      method: 'POST',
      body: new URLSearchParams({ action: 'all' }),
    });
    expect(await chosen.text()).toContain('您已退订');
  });

  it('exports the messages with the contact, and erasure leaves only anonymous delivery records', async () => {
    const exported = (await (await api('/contacts/li@example.cn/export')).json()) as {
      messagesSent: { to: string; subject: string }[];
    };
    expect(exported.messagesSent).toEqual([
      expect.objectContaining({ to: 'li@example.cn', subject: 'Winter sale' }),
    ]);
    expect((await api('/contacts/li@example.cn', { method: 'DELETE' })).status).toBe(204);
    const left = await sql<{ to_address: string | null; subject: string | null }>(
      t.database.db.fork(),
      'select to_address, subject from messages where contact_id is null',
    );
    expect(left).toEqual([{ to_address: null, subject: null }]);
  });
});

describe('Twilio webhooks', () => {
  const hookUrl = `${TEST_PUBLIC_URL}/hooks/twilio/inbound`;
  const post = (
    path: string,
    params: Record<string, string>,
    signature: string | null,
    headers: Record<string, string> = {},
  ) =>
    t.app.request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature ? { 'x-twilio-signature': signature } : {}),
        ...headers,
      },
      body: new URLSearchParams(params),
    });
  let sid = 0;
  const inbound = (body: string, from = '+12125550123') => {
    const params = {
      AccountSid: peers.twilio.accountSid,
      MessageSid: `SMin${++sid}`,
      From: from,
      To: peers.twilio.from,
      Body: body,
    };
    return post('/hooks/twilio/inbound', params, twilioSignature(peers.twilio.authToken, hookUrl, params));
  };
  const smsConsent = async () =>
    (
      await sql<{ status: string }>(
        t.database.db.fork(),
        `select k.status from consents k join contacts c on c.id = k.contact_id where c.phone = '+12125550123' and k.channel = 'sms' and k.topic = ''`,
      )
    )[0]?.status;

  it('accepts only a valid X-Twilio-Signature for the URL Twilio called (PUBLIC_URL behind a proxy)', async () => {
    const params = {
      AccountSid: peers.twilio.accountSid,
      MessageSid: 'SMsig1',
      From: '+12125550123',
      To: peers.twilio.from,
      Body: 'hello',
    };
    const valid = twilioSignature(peers.twilio.authToken, hookUrl, params);
    expect((await post('/hooks/twilio/inbound', { ...params, Body: 'tampered' }, valid)).status).toBe(403);
    expect((await post('/hooks/twilio/inbound', params, null)).status).toBe(403);
    expect(
      (await post('/hooks/twilio/inbound', params, twilioSignature('0'.repeat(32), hookUrl, params))).status,
    ).toBe(403);
    expect(
      (
        await post(
          '/hooks/twilio/inbound',
          params,
          twilioSignature(peers.twilio.authToken, 'https://evil.example/hooks/twilio/inbound', params),
        )
      ).status,
    ).toBe(403);
    const accepted = await post('/hooks/twilio/inbound', params, valid);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('<Response></Response>');
  });

  it('STOP, 退订 and free text opt out with one plain confirmation; START opts back in; HELP answers; others are stored', async () => {
    const replies = () => peers.sms.filter((m) => m.to === '+12125550123').map((m) => m.body);
    await inbound('STOP');
    expect(await smsConsent()).toBe('opted_out');
    await expect
      .poll(replies, { timeout: 15_000 })
      .toEqual([expect.stringContaining('unsubscribed from Workspace acme')]);
    await inbound('START');
    expect(await smsConsent()).toBe('opted_in');
    await inbound('please stop texting me');
    expect(await smsConsent()).toBe('opted_out');
    await inbound('unstop');
    await inbound('退订');
    expect(await smsConsent()).toBe('opted_out');
    await inbound('HELP');
    await expect.poll(() => replies().length, { timeout: 15_000 }).toBe(6);
    // Each confirmation is its own delivery, so they may arrive in any order.
    expect(replies().find((r) => r.includes('reply STOP to opt out, START to opt back in'))).toBeDefined();
    expect(replies().find((r) => r.includes('退订'))).toBeDefined();
    expect(replies().every((r) => !/sale|offer|%/i.test(r))).toBe(true);

    await inbound('Where is the bus stop?');
    const stored = await sql<{ body: string; keyword: string | null }>(
      t.database.db.fork(),
      'select body, keyword from inbound_messages where body = ?',
      ['Where is the bus stop?'],
    );
    expect(stored).toEqual([{ body: 'Where is the bus stop?', keyword: null }]);
    expect(await smsConsent()).toBe('opted_out');
    // Twilio redelivers a webhook it thinks failed: stored once, answered once.
    const params = {
      AccountSid: peers.twilio.accountSid,
      MessageSid: 'SMdup',
      From: '+12125550123',
      To: peers.twilio.from,
      Body: 'STOP',
    };
    await post('/hooks/twilio/inbound', params, twilioSignature(peers.twilio.authToken, hookUrl, params));
    await post('/hooks/twilio/inbound', params, twilioSignature(peers.twilio.authToken, hookUrl, params));
    const dup = await sql(
      t.database.db.fork(),
      `select 1 from inbound_messages where provider_message_id = 'SMdup'`,
    );
    expect(dup).toHaveLength(1);
  });

  it('an SMS goes out, its signed delivery report comes back, and after STOP the next one is suppressed', async () => {
    await api('/identify', { body: { phone: '+12125550188', timezone: 'UTC' } });
    await api('/contacts/+12125550188/consents', {
      body: { channel: 'sms', status: 'opted_in', source: 'form' },
    });
    const text = {
      contact: '+12125550188',
      channel: 'sms',
      purpose: 'transactional',
      content: { body: 'Your code is 123456' },
    };
    const id = ((await (await api('/messages', { body: text })).json()) as MessageBody).id;
    const delivered = await settled(id, (m) => m.status === 'delivered');
    expect(delivered.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['queued', 'sent', 'delivered']),
    );
    expect(peers.sms.find((m) => m.sid === delivered.providerMessageId)?.body).toBe('Your code is 123456');

    await inbound('STOP', '+12125550188');
    const promo = { ...text, purpose: 'marketing', content: { body: 'Sale today' } };
    const later = ((await (await api('/messages', { body: promo })).json()) as MessageBody).id;
    expect((await settled(later)).gate?.rule).toBe('consent_channel');
  });
});
