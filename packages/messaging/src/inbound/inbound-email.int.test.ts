import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSmtpEmailSender,
  startInboundSmtpListener,
  type InboundSmtpListener,
} from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import { sendRawMail, startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import { useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { enqueueMessage } from '../ledger/message-ledger.ts';
import { deliverMessage, type DeliveryDeps } from '../delivery/deliver-message.ts';
import { processInboundEmail, type InboundEmailOutcome } from './process-inbound-email.ts';

const SECRET = 'inbound-test-tracking-secret-'.padEnd(48, 'i');
let database: TestDatabase;
let peers: SandboxPeers;
let listener: InboundSmtpListener;
let deps: DeliveryDeps;
let workspaceId: string;
const outcomes: InboundEmailOutcome[] = [];

beforeAll(async () => {
  database = await useTestDatabase();
  listener = await startInboundSmtpListener({
    port: 0,
    host: '127.0.0.1',
    acceptDomains: ['in.acme.example'],
    maxBytes: 5 * 1024 * 1024,
    onMessage: async (raw, envelope) => {
      outcomes.push(await processInboundEmail(database.db.fork(), { trackingSecret: SECRET }, raw, envelope));
    },
  });
  peers = await startSandboxPeers({
    smtpPort: 0,
    httpPort: 0,
    inboundSmtp: { host: '127.0.0.1', port: listener.port },
  });
  workspaceId = randomUUID();
  await sql(
    database.db.fork(),
    `insert into workspaces (id, slug, name, postal_address, created_at) values (?, 'acme', 'Acme', 'Acme, 1 Main St', now())`,
    [workspaceId],
  );
  deps = {
    db: database.db,
    channels: {
      email: createSmtpEmailSender({ url: peers.smtpUrl, poolSize: 1, from: 'news@acme.example' }),
    },
    email: {
      baseUrl: 'https://sb.acme.example',
      trackingSecret: SECRET,
      defaultFrom: 'Acme <news@acme.example>',
      inboundDomain: 'in.acme.example',
    },
    smsStatusCallbackUrl: null,
  };
});

afterAll(async () => {
  deps.channels.email?.close();
  await peers.stop();
  await listener.stop();
});

async function send(to: string) {
  const contactId = randomUUID();
  await sql(
    database.db.fork(),
    `insert into contacts (id, workspace_id, email, created_at, updated_at) values (?, ?, ?, now(), now())
     on conflict (workspace_id, email) do nothing`,
    [contactId, workspaceId, to],
  );
  const [contact] = await sql<{ id: string }>(database.db.fork(), 'select id from contacts where email = ?', [
    to,
  ]);
  const { message } = await enqueueMessage(database.db.fork(), {
    workspaceId,
    contactId: contact!.id,
    idempotencyKey: `t:${randomUUID()}`,
    sourceKind: 'test',
    channel: 'email',
    purpose: 'marketing',
    content: { kind: 'email', subject: 'Hello', html: '<p>Hello</p>' },
  });
  expect(await deliverMessage(deps, message.id)).toMatchObject({ outcome: 'sent' });
  return message.id;
}

const suppressions = async (reason: string) =>
  (
    await sql(database.db.fork(), 'select 1 from suppressions where workspace_id = ? and reason = ?', [
      workspaceId,
      reason,
    ])
  ).length;
const messageStatus = async (id: string) =>
  (await sql<{ status: string }>(database.db.fork(), 'select status from messages where id = ?', [id]))[0]
    ?.status;

describe('bounces, complaints, replies and mailto unsubscribes through the inbound SMTP listener', () => {
  it('a hard bounce from the recipient’s server suppresses the address and marks the message bounced', async () => {
    const id = await send('bounce-ada@example.org');
    await expect.poll(() => messageStatus(id), { timeout: 10_000 }).toBe('bounced');
    expect(outcomes.find((o) => o.kind === 'bounce' && o.messageId === id)).toMatchObject({
      hard: true,
      suppressed: true,
    });
    expect(await suppressions('bounce')).toBe(1);
  });

  it('a full mailbox is soft: the address is suppressed only at the third one', async () => {
    for (let n = 1; n <= 3; n++) {
      const id = await send('full-bo@example.org');
      await expect
        .poll(() => outcomes.some((o) => o.kind === 'bounce' && o.messageId === id), { timeout: 10_000 })
        .toBe(true);
      expect(outcomes.find((o) => o.kind === 'bounce' && o.messageId === id)).toMatchObject({
        hard: false,
        suppressed: n === 3,
      });
    }
    expect(await suppressions('bounce')).toBe(2);
  });

  it('a complaint suppresses everywhere and opts the contact out of email', async () => {
    const id = await send('complain-cy@example.org');
    await expect.poll(() => messageStatus(id), { timeout: 10_000 }).toBe('complained');
    expect(await suppressions('complaint')).toBe(1);
    const [consent] = await sql<{ status: string; source: string }>(
      database.db.fork(),
      `select k.status, h.source from consents k join consent_changes h on h.contact_id = k.contact_id
       join contacts c on c.id = k.contact_id where c.email = 'complain-cy@example.org' and k.channel = 'email'`,
    );
    expect(consent).toEqual({ status: 'opted_out', source: 'complaint' });
  });

  it('a bounce without our address is matched by the header of the returned original (Office 365 sample)', async () => {
    const id = await send('dee@example.org');
    const sample = (
      await readFile(new URL('../bounces/corpus/office365-recipient-not-found.eml', import.meta.url), 'utf8')
    ).replace(/X-Switchboard-Message: [0-9a-f-]+/gi, `X-Switchboard-Message: ${id}`);
    await sendRawMail(
      { host: '127.0.0.1', port: listener.port },
      { to: ['postmaster@in.acme.example'] },
      sample,
    );
    await expect.poll(() => messageStatus(id), { timeout: 10_000 }).toBe('bounced');
  });

  it('stores a reply on the contact, linked to the message, and honours a mailto unsubscribe', async () => {
    const id = await send('eve@example.org');
    const caught = peers.smtp
      .list(20)
      .find((m) => m.headers.some(([k, v]) => k.toLowerCase() === 'x-switchboard-message' && v === id))!;
    const header = (name: string) => caught.headers.find(([k]) => k.toLowerCase() === name)![1];
    const replyTo = /<?([^<>\s]+@in\.acme\.example)>?/.exec(header('reply-to'))![1]!;
    await sendRawMail(
      { host: '127.0.0.1', port: listener.port },
      { from: 'eve@example.org', to: [replyTo] },
      `From: Eve <eve@example.org>\r\nTo: ${replyTo}\r\nSubject: Re: Hello\r\nMessage-ID: <reply-1@example.org>\r\n\r\nDo you ship to Austria?\r\n`,
    );
    await expect.poll(() => messageStatus(id), { timeout: 10_000 }).toBe('replied');
    const [inbound] = await sql<{ body: string; in_reply_to_id: string; from_address: string }>(
      database.db.fork(),
      `select body, in_reply_to_id, from_address from inbound_messages where channel = 'email'`,
    );
    expect(inbound).toEqual({
      body: 'Do you ship to Austria?',
      in_reply_to_id: id,
      from_address: 'eve@example.org',
    });

    const mailto = /mailto:([^?>]+)/.exec(header('list-unsubscribe'))![1]!;
    await sendRawMail(
      { host: '127.0.0.1', port: listener.port },
      { from: 'eve@example.org', to: [mailto] },
      'Subject: unsubscribe\r\n\r\n',
    );
    await expect.poll(() => messageStatus(id), { timeout: 10_000 }).toBe('unsubscribed');
  });

  it('refuses mail for other domains at RCPT TO (not an open relay)', async () => {
    await expect(
      sendRawMail(
        { host: '127.0.0.1', port: listener.port },
        { from: 'x@example.org', to: ['someone@gmail.com'] },
        'Subject: x\r\n\r\nx',
      ),
    ).rejects.toThrow(/relay access denied/);
  });
});
