import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInboundSmtpListener, type InboundSmtpListener } from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import {
  enqueueMessage,
  judgeInboundRecipient,
  processInboundEmail,
  returnAddress,
  signedMessageReference,
} from '@switchboard/messaging';
import { sendRawMail } from '@switchboard/sandbox';
import { useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { hostileString } from './hostile-values.ts';
import { fuzzParameters } from './fuzz-settings.ts';

/**
 * The inbound SMTP listener, as the server runs it, fed hostile mail at a real message's signed bounce and reply
 * addresses and at postmaster: broken MIME, DSNs and ARF reports with hostile fields, NUL bytes, invalid UTF-8,
 * huge headers. Whatever arrives is either handled (250) or refused for good (5xx) — never a 451, which would mean
 * our handling failed and the sender should retry for days — and the listener keeps answering.
 */
const SECRET = 'fuzz-inbound-tracking-secret-'.padEnd(48, 'f');
const DOMAIN = 'in.fuzz.example';
let database: TestDatabase;
let listener: InboundSmtpListener;
let messageId: string;

beforeAll(async () => {
  database = await useTestDatabase();
  listener = await startInboundSmtpListener({
    port: 0,
    host: '127.0.0.1',
    maxBytes: 1024 * 1024,
    acceptRecipient: (address) => Promise.resolve(judgeInboundRecipient(address, new Set([DOMAIN]), SECRET)),
    onMessage: async (raw, envelope) => {
      await processInboundEmail(database.db.fork(), { trackingSecret: SECRET }, raw, envelope);
    },
  });
  const workspaceId = randomUUID();
  const em = database.db.fork();
  await sql(
    em,
    `insert into workspaces (id, slug, name, created_at) values (?, 'fuzz-inbound', 'Fuzz', now())`,
    [workspaceId],
  );
  const [contact] = await sql<{ id: string }>(
    em,
    `insert into contacts (id, workspace_id, email, created_at, updated_at) values (?, ?, 'dee@example.org', now(), now())
     returning id`,
    [randomUUID(), workspaceId],
  );
  const { message } = await enqueueMessage(em, {
    workspaceId,
    contactId: contact!.id,
    idempotencyKey: 'fuzz-inbound',
    sourceKind: 'test',
    channel: 'email',
    purpose: 'marketing',
    content: { kind: 'email', subject: 'Hello', html: '<p>Hello</p>' },
  });
  messageId = message.id;
  await sql(
    em,
    `update messages set status = 'sent', to_address = 'dee@example.org', provider = 'smtp' where id = ?`,
    [messageId],
  );
}, 60_000);

afterAll(async () => {
  await listener?.stop();
});

function dsn(fields: {
  status: string;
  diagnostic: string;
  recipient: string;
  subject: string;
  ref: string;
}) {
  return [
    'From: MAILER-DAEMON@mx.example.org',
    `To: ${returnAddress(SECRET, 'bounce', messageId, DOMAIN)}`,
    `Subject: ${fields.subject}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Delivery failed: ${fields.diagnostic}`,
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    `Final-Recipient: rfc822; ${fields.recipient}`,
    'Action: failed',
    `Status: ${fields.status}`,
    `Diagnostic-Code: smtp; ${fields.diagnostic}`,
    '',
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    `X-Switchboard-Message: ${fields.ref === 'SIGNED' ? signedMessageReference(SECRET, messageId) : fields.ref}`,
    `Message-ID: <${fields.ref}@example.org>`,
    '',
    '--b--',
    '',
  ].join('\r\n');
}

const mail = fc.oneof(
  fc
    .record({
      status: fc.oneof(fc.constantFrom('5.1.1', '4.2.2', '5.7.1', '9.9.9'), hostileString),
      diagnostic: hostileString,
      recipient: fc.oneof(fc.constant('dee@example.org'), hostileString),
      subject: hostileString,
      ref: fc.oneof(fc.constant('SIGNED'), hostileString),
    })
    .map((fields) => Buffer.from(dsn(fields), 'utf8')),
  fc
    .tuple(hostileString, hostileString)
    .map(([subject, body]) =>
      Buffer.from(
        `From: Dee <dee@example.org>\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@x>\r\n\r\n${body}\r\n`,
      ),
    ),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.concat([Buffer.from('Subject: x\r\n\r\n'), bytes])),
  fc.constantFrom(
    Buffer.from('Content-Type: multipart/mixed; boundary="never"\r\n\r\n--never\r\nbroken'),
    Buffer.from(`X-Long: ${'h'.repeat(100_000)}\r\n\r\nbody`),
    Buffer.from('Subject: nul\r\n\r\nbefore\u0000after'),
    Buffer.from([0x53, 0x75, 0x62, 0x6a, 0x3a, 0x20, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a, 0xc0, 0xaf]),
  ),
);

describe('fuzzing the inbound SMTP listener', () => {
  it('handles or refuses hostile mail for good, never with a temporary failure', async () => {
    const recipients = fc.constantFrom('bounce', 'reply', 'unsubscribe', 'postmaster');
    await fc.assert(
      fc.asyncProperty(mail, recipients, async (raw, kind) => {
        const to =
          kind === 'postmaster' ? `postmaster@${DOMAIN}` : returnAddress(SECRET, kind, messageId, DOMAIN);
        try {
          await sendRawMail({ host: '127.0.0.1', port: listener.port }, { to: [to] }, raw);
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          if (code === undefined || code < 500)
            throw new Error(
              `answered ${code ?? 'nothing'} to mail for ${kind}: ${(error as Error).message}`,
              {
                cause: error,
              },
            );
        }
      }),
      fuzzParameters(60),
    );
  }, 120_000);
});
