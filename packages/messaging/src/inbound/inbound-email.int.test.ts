import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSmtpEmailSender,
  startInboundSmtpListener,
  type InboundSmtpListener,
} from '@switchboard/channels';
import { eraseContact, identifyContact, sql, suppress, type ContactRow } from '@switchboard/contacts';
import { sendRawMail, startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import { useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { enqueueMessage } from '../ledger/message-ledger.ts';
import { deliverMessage, type DeliveryDeps } from '../delivery/deliver-message.ts';
import { processInboundEmail, type InboundEmailOutcome } from './process-inbound-email.ts';
import { judgeInboundRecipient } from './inbound-recipients.ts';
import { returnAddress, signedMessageReference } from '../email/bounce-address.ts';

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
    acceptRecipient: (address) =>
      Promise.resolve(judgeInboundRecipient(address, new Set(['in.acme.example']), SECRET)),
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

async function send(to: string, purpose: 'marketing' | 'transactional' = 'marketing') {
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
    purpose,
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

  it('a bounce without our address is matched by the signed header of the returned original (Office 365 sample)', async () => {
    const id = await send('dee@example.org');
    const sample = (
      await readFile(new URL('../bounces/corpus/office365-recipient-not-found.eml', import.meta.url), 'utf8')
    ).replace(
      /X-Switchboard-Message: [0-9a-f-]+/gi,
      `X-Switchboard-Message: ${signedMessageReference(SECRET, id)}`,
    );
    await sendRawMail(
      { host: '127.0.0.1', port: listener.port },
      { to: ['postmaster@in.acme.example'] },
      sample,
    );
    await expect.poll(() => messageStatus(id), { timeout: 10_000 }).toBe('bounced');
  });

  it('ignores reports that name a message only by its visible id: forged bounces and complaints change nothing', async () => {
    const id = await send('frank@example.org');
    const office365 = await readFile(
      new URL('../bounces/corpus/office365-recipient-not-found.eml', import.meta.url),
      'utf8',
    );
    const forgeries = [
      // The bare id, as anyone who saw the Message-ID or a tracking link knows it.
      office365.replace(/X-Switchboard-Message: [0-9a-f-]+/gi, `X-Switchboard-Message: ${id}`),
      // A signature made for another message.
      office365.replace(
        /X-Switchboard-Message: [0-9a-f-]+/gi,
        `X-Switchboard-Message: ${id}.${signedMessageReference(SECRET, randomUUID()).split('.')[1]}`,
      ),
      arf(`X-Switchboard-Message: ${id}`),
    ];
    for (const forged of forgeries) {
      const before = outcomes.length;
      await sendRawMail(
        { host: '127.0.0.1', port: listener.port },
        { to: ['postmaster@in.acme.example'] },
        forged,
      );
      await expect.poll(() => outcomes.length, { timeout: 10_000 }).toBe(before + 1);
      expect(outcomes.at(-1)).toMatchObject({ kind: 'ignored' });
    }
    expect(await messageStatus(id)).toBe('sent');
    const [row] = await sql(
      database.db.fork(),
      `select 1 from suppressions where value_hash = encode(sha256(convert_to('email:frank@example.org', 'UTF8')), 'hex')`,
    );
    expect(row).toBeUndefined();
  });

  it('keeps every suppression reason: an earlier unsubscribe hides neither a later hard bounce nor an erasure', async () => {
    const email = 'bounce-gil@example.org';
    // Gil unsubscribed (the preference centre records exactly this); a receipt still goes, and hard-bounces.
    await suppress(database.db.fork(), workspaceId, { email }, 'unsubscribe');
    const receipt = await send(email, 'transactional');
    await expect.poll(() => messageStatus(receipt), { timeout: 10_000 }).toBe('bounced');
    const reasons = async () =>
      (
        await sql<{ reason: string }>(
          database.db.fork(),
          `select reason from suppressions where workspace_id = ? and value_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex') order by reason`,
          [workspaceId, `email:${email}`],
        )
      ).map((r) => r.reason);
    expect(await reasons()).toEqual(['bounce', 'unsubscribe']);

    const [contact] = await sql<ContactRow>(database.db.fork(), 'select * from contacts where email = ?', [
      email,
    ]);
    await eraseContact(database.db.fork(), contact!, { type: 'cli', id: null, label: 'test' });
    expect(await reasons()).toEqual(['bounce', 'erasure', 'unsubscribe']);
    const again = await identifyContact(database.db.fork(), workspaceId, {
      identities: { email },
      profile: {},
      attributes: {},
      at: new Date(),
      actor: { type: 'cli', id: null, label: 'test' },
    });
    const { message } = await enqueueMessage(database.db.fork(), {
      workspaceId,
      contactId: again.contact.id,
      idempotencyKey: `t:${randomUUID()}`,
      sourceKind: 'test',
      channel: 'email',
      purpose: 'transactional',
      content: { kind: 'email', subject: 'Your receipt', html: '<p>Thanks</p>' },
    });
    expect(await deliverMessage(deps, message.id)).toMatchObject({ outcome: 'suppressed' });
    const [decided] = await sql<{ rule: string }>(
      database.db.fork(),
      `select gate_decision ->> 'rule' as rule from messages where id = ?`,
      [message.id],
    );
    expect(decided!.rule).toBe('suppressed_erasure');
  });

  it('stores a reply on the contact, linked to the message, and honours a mailto unsubscribe', async () => {
    const id = await send('eve@example.org');
    const caught = peers.smtp
      .list(20)
      .find((m) =>
        m.headers.some(([k, v]) => k.toLowerCase() === 'x-switchboard-message' && v.startsWith(`${id}.`)),
      )!;
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

  it('refuses at RCPT TO every recipient but our signed addresses and role mailboxes on our own domain', async () => {
    const id = randomUUID();
    const bounce = returnAddress(SECRET, 'bounce', id, 'in.acme.example');
    const refused = [
      'victim@gmail.com',
      bounce.replace('@in.acme.example', '@gmail.com'),
      bounce.replace('@in.acme.example', '@in.acme.example.evil.test'),
      bounce.replace('@in.acme.example', '@sub.in.acme.example'),
      bounce.replace('@in.acme.example', '@in-acme.example'),
      'victim%gmail.com@in.acme.example',
      'victim@in.acme.example',
      bounce.replace(/\.[a-z0-9_-]{10}@/, '.aaaaaaaaaa@'),
    ];
    for (const to of refused)
      await expect(
        sendRawMail(
          { host: '127.0.0.1', port: listener.port },
          { from: 'x@example.org', to: [to] },
          'Subject: x\r\n\r\nx',
        ),
        to,
      ).rejects.toThrow(/relay access denied|no such mailbox/);
    for (const to of [bounce, 'postmaster@in.acme.example', 'POSTMASTER@IN.ACME.EXAMPLE']) {
      const before = outcomes.length;
      await sendRawMail(
        { host: '127.0.0.1', port: listener.port },
        { from: 'x@example.org', to: [to] },
        'Subject: x\r\n\r\nx',
      );
      await expect.poll(() => outcomes.length, { timeout: 10_000 }).toBe(before + 1);
    }
  });
});

/** A spam complaint (ARF) whose returned original carries the given header line. */
function arf(headerLine: string): string {
  return [
    'From: feedback@mail.example',
    'To: postmaster@in.acme.example',
    'Subject: Complaint',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'A spam complaint.',
    '--b',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: test/1.0',
    'Version: 1',
    '',
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    'From: news@acme.example',
    'To: frank@example.org',
    'Subject: Hello',
    headerLine,
    '',
    '--b--',
    '',
  ].join('\r\n');
}
