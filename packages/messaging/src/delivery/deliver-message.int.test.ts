import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from 'mailauth';
import { simpleParser } from 'mailparser';
import { createSmtpEmailSender, createTwilioSmsSender, type EmailSender } from '@switchboard/channels';
import { sql, suppress } from '@switchboard/contacts';
import { startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import { useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { enqueueMessage, type EnqueueInput } from '../ledger/message-ledger.ts';
import { readReturnAddress } from '../email/bounce-address.ts';
import { addSendingDomain } from '../sending-domains/sending-domains.ts';
import { saveMessagingPolicy, DEFAULT_POLICY } from '../policy/messaging-policy.ts';
import { deliverMessage, type DeliveryDeps } from './deliver-message.ts';
import { HandOver } from './hand-over.ts';

const SECRET = 'delivery-test-tracking-secret-'.padEnd(48, 'd');
let database: TestDatabase;
let peers: SandboxPeers;
let email: EmailSender;
let deps: DeliveryDeps;
let workspaceId: string;
const daytime = new Date('2026-11-26T15:00:00Z'); // 10:00 in New York, 16:00 in Berlin

async function contact(fields: { email?: string; phone?: string; timezone?: string; locale?: string }) {
  const id = randomUUID();
  await sql(
    database.db.fork(),
    `insert into contacts (id, workspace_id, email, phone, timezone, locale, first_name, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'Ada', now(), now())`,
    [
      id,
      workspaceId,
      fields.email ?? null,
      fields.phone ?? null,
      fields.timezone ?? null,
      fields.locale ?? null,
    ],
  );
  return id;
}

async function optIn(contactId: string, channel: 'email' | 'sms') {
  await sql(
    database.db.fork(),
    `insert into consents (contact_id, channel, topic, workspace_id, status, updated_at)
     values (?, ?, '', ?, 'opted_in', now())`,
    [contactId, channel, workspaceId],
  );
}

async function enqueue(
  contactId: string,
  fields: Partial<EnqueueInput> & Pick<EnqueueInput, 'channel' | 'content'>,
) {
  const { message } = await enqueueMessage(database.db.fork(), {
    workspaceId,
    contactId,
    idempotencyKey: `test:${randomUUID()}`,
    sourceKind: 'test',
    purpose: 'marketing',
    ...fields,
  });
  return message.id;
}

const status = async (id: string) =>
  (
    await sql<{ status: string; error_code: string | null }>(
      database.db.fork(),
      'select status, error_code from messages where id = ?',
      [id],
    )
  )[0];

beforeAll(async () => {
  database = await useTestDatabase();
  peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  workspaceId = randomUUID();
  await sql(
    database.db.fork(),
    `insert into workspaces (id, slug, name, postal_address, default_locale, created_at)
     values (?, 'acme', 'Acme Shop', 'Acme GmbH, Hauptstraße 1, 10115 Berlin', 'en', now())`,
    [workspaceId],
  );
  email = createSmtpEmailSender({ url: peers.smtpUrl, poolSize: 2, from: 'Acme <news@acme.example>' });
  deps = {
    db: database.db,
    channels: {
      email,
      sms: createTwilioSmsSender({ ...peers.twilio, apiBaseUrl: peers.httpUrl }),
    },
    email: {
      baseUrl: 'https://sb.acme.example',
      trackingSecret: SECRET,
      defaultFrom: 'Acme <news@acme.example>',
      inboundDomain: 'in.acme.example',
    },
    smsStatusCallbackUrl: null,
    now: () => daytime,
  };
});

afterAll(async () => {
  email.close();
  await peers.stop();
});

describe('email delivery', () => {
  it('sends one DKIM-signed marketing email with one-click unsubscribe, tracking, footer and a bounce address', async () => {
    const domain = await addSendingDomain(
      database.db.fork(),
      workspaceId,
      { domain: 'acme.example' },
      { spfMechanism: 'a mx' },
    );
    // Warm-up would cap a brand-new domain at 50 a day; this test is about the message itself.
    await sql(database.db.fork(), 'update sending_domains set warmup_started_at = null where id = ?', [
      domain.id,
    ]);
    const to = await contact({ email: 'ada@example.org' });
    const id = await enqueue(to, {
      channel: 'email',
      content: {
        kind: 'email',
        subject: 'Winter sale',
        html: '<html><body><h1>Hello {{ contact.first_name }}</h1><p><a href="https://shop.acme.example/sale?x=1&amp;y=2">Shop now</a></p></body></html>',
      },
    });
    expect(await deliverMessage(deps, id)).toMatchObject({ outcome: 'sent' });
    expect(await deliverMessage(deps, id)).toEqual({ outcome: 'finished', status: 'sent' });
    expect(peers.smtp.count()).toBe(1);

    const caught = peers.smtp.list(1)[0]!;
    const raw = (await peers.smtp.raw(caught.id))!;
    const dkimRecord = domain.records.find((r) => r.kind === 'dkim')!;
    const auth = await authenticate(raw, {
      ip: '127.0.0.1',
      sender: caught.envelopeFrom,
      disableArc: true,
      disableBimi: true,
      disableDmarc: true,
      resolver: async (name: string, type: string) => {
        if (type === 'TXT' && name === dkimRecord.name) return [[dkimRecord.value]];
        const error = new Error(`no ${type} for ${name}`) as Error & { code: string };
        error.code = 'ENOTFOUND';
        throw error;
      },
    });
    const dkim = auth.dkim.results[0]!;
    expect(dkim.status.result).toBe('pass');
    // The signature's h= tag must cover both one-click headers (RFC 8058 §4).
    const header = /^DKIM-Signature:(.*(?:\r?\n[ \t].*)*)/im.exec(raw)![1]!.replace(/\s+/g, '');
    const signed = /(?:^|;)h=([^;]+)/.exec(header)![1]!.toLowerCase().split(':');
    expect(signed).toEqual(
      expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']),
    );

    const parsed = await simpleParser(raw);
    const headerLine = (name: string) => parsed.headerLines.find((h) => h.key === name)?.line ?? '';
    // One unfolded line: some receivers mis-read folded List-Unsubscribe headers.
    const listUnsubscribe = headerLine('list-unsubscribe').replace(/^List-Unsubscribe: /i, '');
    expect(listUnsubscribe).toMatch(
      /^<https:\/\/sb\.acme\.example\/u\/[^>]+>, <mailto:unsubscribe\+[0-9a-f]{32}\.[^@]+@in\.acme\.example\?subject=unsubscribe>$/,
    );
    expect(headerLine('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(parsed.messageId).toBe(`<${id}@acme.example>`);
    expect(readReturnAddress(SECRET, caught.envelopeFrom)).toEqual({ kind: 'bounce', messageId: id });
    expect(readReturnAddress(SECRET, parsed.replyTo!.value[0]!.address!)).toEqual({
      kind: 'reply',
      messageId: id,
    });
    expect(parsed.html).toContain('https://sb.acme.example/t/c/');
    expect(parsed.html).not.toContain('href="https://shop.acme.example');
    expect(parsed.html).toMatch(/\/t\/o\/[^"]+\.gif/);
    expect(parsed.html).toContain('Acme GmbH, Hauptstraße 1, 10115 Berlin');
    expect(parsed.html).toContain('<h1>Hello Ada</h1>');
    expect(parsed.text).toContain('Hello Ada');
    expect(parsed.text).toContain('https://shop.acme.example/sale?x=1&y=2');
    expect(await status(id)).toMatchObject({ status: 'sent' });
  });

  it('never sends again when a retry finds the claim of an attempt that died after the provider accepted', async () => {
    const to = await contact({ email: 'grace@example.org' });
    const id = await enqueue(to, {
      channel: 'email',
      purpose: 'transactional',
      content: { kind: 'email', subject: 'Receipt', html: '<p>Thanks</p>' },
    });
    const before = peers.smtp.count();
    let release: () => void = () => undefined;
    const dying: EmailSender = {
      ...email,
      // The provider accepts, then the worker hangs as if killed before recording the result.
      send: async (message) => {
        await email.send(message);
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error('worker died');
      },
    };
    void deliverMessage({ ...deps, channels: { email: dying } }, id).catch(() => undefined);
    await expect.poll(() => peers.smtp.count(), { timeout: 10_000 }).toBe(before + 1);
    // Temporal's retry after the start-to-close timeout:
    expect(await deliverMessage(deps, id)).toMatchObject({ outcome: 'failed' });
    expect(await status(id)).toEqual({ status: 'failed', error_code: 'outcome_unknown' });
    release();
    await new Promise((r) => setTimeout(r, 100));
    expect(peers.smtp.count()).toBe(before + 1);
  });

  it('a claim that was never handed over is sent by the retry; the stale attempt may no longer hand it over', async () => {
    const to = await contact({ email: 'claimed@example.org' });
    const id = await enqueue(to, {
      channel: 'email',
      purpose: 'transactional',
      content: { kind: 'email', subject: 'Claimed only', html: '<p>Hi</p>' },
    });
    const staleClaim = randomUUID();
    // An attempt claimed it and died before handing it to SMTP.
    await sql(
      database.db.fork(),
      `update messages set status = 'sending', claim_id = ?, claimed_at = now() where id = ?`,
      [staleClaim, id],
    );
    const before = peers.smtp.count();
    expect(await deliverMessage(deps, id)).toMatchObject({ outcome: 'sent' });
    expect(peers.smtp.count()).toBe(before + 1);
    // Had the stale attempt been merely slow, it would find the claim gone and not send.
    expect(await new HandOver(database.db.fork(), staleClaim, [id]).mayHandOver(0)).toBe(false);
  });

  it('transactional mail skips unsubscribes and caps but never a hard bounce or complaint', async () => {
    const unsubscribed = await contact({ email: 'left@example.org' });
    const bounced = await contact({ email: 'gone@example.org' });
    await suppress(database.db.fork(), workspaceId, { email: 'left@example.org' }, 'unsubscribe');
    await suppress(database.db.fork(), workspaceId, { email: 'gone@example.org' }, 'bounce');
    const content = { kind: 'email' as const, subject: 'Your order', html: '<p>Shipped</p>' };
    const receipt = await enqueue(unsubscribed, { channel: 'email', purpose: 'transactional', content });
    const promo = await enqueue(unsubscribed, { channel: 'email', content });
    const dead = await enqueue(bounced, { channel: 'email', purpose: 'transactional', content });
    expect(await deliverMessage(deps, receipt)).toMatchObject({ outcome: 'sent' });
    expect(await deliverMessage(deps, promo)).toMatchObject({
      outcome: 'suppressed',
      rule: 'suppressed_unsubscribe',
    });
    expect(await deliverMessage(deps, dead)).toMatchObject({
      outcome: 'suppressed',
      rule: 'suppressed_bounce',
    });
  });
});

describe('SMS delivery', () => {
  it('defers marketing SMS through quiet hours in the contact’s time zone, then sends it with opt-out text and cost', async () => {
    const to = await contact({ phone: '+12125550101', timezone: 'America/New_York' });
    await optIn(to, 'sms');
    const id = await enqueue(to, {
      channel: 'sms',
      content: {
        kind: 'sms',
        body: 'Flash sale: 20% off today only{% if contact.first_name == "nobody" %}!{% endif %}',
      },
    });
    const night = new Date('2026-11-27T03:30:00Z'); // 22:30 in New York
    expect(await deliverMessage({ ...deps, now: () => night }, id)).toEqual({
      outcome: 'deferred',
      rule: 'quiet_hours',
      until: '2026-11-27T13:00:00.000Z',
    });
    expect(peers.sms.filter((m) => m.to === '+12125550101')).toHaveLength(0);
    const morning = new Date('2026-11-27T13:00:01Z');
    expect(await deliverMessage({ ...deps, now: () => morning }, id)).toMatchObject({ outcome: 'sent' });
    const sent = peers.sms.filter((m) => m.to === '+12125550101');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toBe('Flash sale: 20% off today only\nReply STOP to opt out');
    const [row] = await sql<{ segments: number; cost: string; provider_message_id: string }>(
      database.db.fork(),
      'select segments, cost, provider_message_id from messages where id = ?',
      [id],
    );
    expect(row).toEqual({ segments: 1, cost: '0.00790', provider_message_id: sent[0]!.sid });
  });

  it('needs an SMS opt-in for marketing (TCPA) and holds the frequency cap across email and SMS', async () => {
    const policy = { ...DEFAULT_POLICY, frequencyCap: { count: 2, days: 7 } };
    await saveMessagingPolicy(database.db.fork(), workspaceId, policy);
    const stranger = await contact({ phone: '+12125550102' });
    const noConsent = await enqueue(stranger, { channel: 'sms', content: { kind: 'sms', body: 'Hi' } });
    expect(await deliverMessage(deps, noConsent)).toMatchObject({
      outcome: 'suppressed',
      rule: 'consent_missing',
    });

    const fan = await contact({
      email: 'fan@example.org',
      phone: '+4915112345678',
      timezone: 'Europe/Berlin',
    });
    await optIn(fan, 'sms');
    const mail = { kind: 'email' as const, subject: 'News', html: '<p>News</p>' };
    expect(await deliverMessage(deps, await enqueue(fan, { channel: 'email', content: mail }))).toMatchObject(
      { outcome: 'sent' },
    );
    expect(
      await deliverMessage(
        deps,
        await enqueue(fan, { channel: 'sms', content: { kind: 'sms', body: 'News' } }),
      ),
    ).toMatchObject({ outcome: 'sent' });
    expect(await deliverMessage(deps, await enqueue(fan, { channel: 'email', content: mail }))).toMatchObject(
      {
        outcome: 'suppressed',
        rule: 'frequency_cap',
      },
    );
    expect(
      await deliverMessage(
        deps,
        await enqueue(fan, { channel: 'email', purpose: 'transactional', content: mail }),
      ),
    ).toMatchObject({ outcome: 'sent' });
    await saveMessagingPolicy(database.db.fork(), workspaceId, DEFAULT_POLICY);
  });
});
