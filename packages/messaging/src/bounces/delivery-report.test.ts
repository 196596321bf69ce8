import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDeliveryReport } from './delivery-report.ts';

const corpus = new URL('./corpus/', import.meta.url);
const load = (file: string): Promise<Buffer> => readFile(new URL(file, corpus));

interface BounceCase {
  file: string;
  severity: 'hard' | 'soft';
  status: string;
  action: string;
  recipient: string;
  originalMessageId: string;
  correlation: string;
  diagnostic: string;
}

const bounces: BounceCase[] = [
  {
    file: 'postfix-hard-user-unknown.eml',
    diagnostic: 'User unknown in virtual mailbox table',
    severity: 'hard',
    status: '5.1.1',
    action: 'failed',
    recipient: 'nobody@customer-domain.test',
    originalMessageId: '20240610081457.8c1f2a9d@mail.example.com',
    correlation: '34dca0ee-41f8-41d2-b843-25af08414ce4',
  },
  {
    file: 'postfix-soft-mailbox-full-delayed.eml',
    diagnostic: 'Mailbox is full',
    severity: 'soft',
    status: '4.2.2',
    action: 'delayed',
    recipient: 'full.box@fastmail-like.test',
    originalMessageId: '20240611083050.0b7e44c1@mail.example.com',
    correlation: 'efac05db-de98-4ec8-a186-f57c40c718cc',
  },
  {
    file: 'office365-recipient-not-found.eml',
    diagnostic: 'RESOLVER.ADR.RecipientNotFound',
    severity: 'hard',
    status: '5.1.10',
    action: 'failed',
    recipient: 'gone@contoso.test',
    originalMessageId: '20240612091200.5d3a71e8@mail.example.com',
    correlation: '5a923e6d-3588-464b-b694-fc714453d36c',
  },
  {
    file: 'gmail-hard-no-such-user.eml',
    diagnostic: '550-5.1.1 The email account that you tried to reach does not exist',
    severity: 'hard',
    status: '5.1.1',
    action: 'failed',
    recipient: 'nosuchuser.42@gmail.com',
    originalMessageId: '20240613091339.a81c0f3e@mail.example.com',
    correlation: '0c8e7e11-b4e4-48aa-b5f4-ca1beba73192',
  },
  {
    file: 'gmail-soft-rate-limited-delay.eml',
    diagnostic: '450-4.2.1 The user you are trying to contact is receiving mail at a rate',
    severity: 'soft',
    status: '4.2.1',
    action: 'delayed',
    recipient: 'busy.person@gmail.com',
    originalMessageId: '20240614103802.f2c9d511@mail.example.com',
    correlation: '77eaf34e-678c-4923-ac44-bb4f8e6ad418',
  },
  {
    file: 'yahoo-554-policy-rejection.eml',
    diagnostic: '554 5.7.9 Message not accepted for policy reasons',
    severity: 'hard',
    status: '5.7.9',
    action: 'failed',
    recipient: 'policy.blocked@yahoo.com',
    originalMessageId: '20240615160540.77c3e0b2@mail.example.com',
    correlation: '5eb4d25c-ffb2-49e0-916c-7776ddb74fb5',
  },
  {
    // No delivery-status part and only a bare 552: the status comes from the reply code.
    file: 'yahoo-552-mailbox-full-failure-notice.eml',
    diagnostic: '552: delivery error: dd Requested mail action aborted, mailbox full',
    severity: 'hard',
    status: '5.2.2',
    action: 'failed',
    recipient: 'full.inbox@yahoo.com',
    originalMessageId: '20240616072215.3e9a1b6f@mail.example.com',
    correlation: '2d8263aa-79d9-480b-8905-b55a1b8c3b73',
  },
  {
    file: 'icloud-user-unknown.eml',
    diagnostic: 'user does not exist',
    severity: 'hard',
    status: '5.1.1',
    action: 'failed',
    recipient: 'ghost.user@icloud.com',
    originalMessageId: '20240617184406.c04d7a29@mail.example.com',
    correlation: '51b34465-4984-45cb-9d97-e9edc8311645',
  },
  {
    file: 'qmail-plain-text-bounce.eml',
    diagnostic: '550 5.1.1 <Old.User@oldhost.test>... User unknown',
    severity: 'hard',
    status: '5.1.1',
    action: 'failed',
    recipient: 'old.user@oldhost.test',
    originalMessageId: '20240618050130.19fe2c07@mail.example.com',
    correlation: '158d53c3-de8c-48f0-b048-796e229adc7c',
  },
  {
    file: 'exchange-legacy-undeliverable.eml',
    diagnostic: '#5.1.1',
    severity: 'hard',
    status: '5.1.1',
    action: 'failed',
    recipient: 'former.employee@legacy-corp.test',
    originalMessageId: '20240619130240.6ab0d3c4@mail.example.com',
    correlation: '60e84d56-9862-4856-9ce5-3340213a1f01',
  },
];

interface ComplaintCase {
  file: string;
  feedbackType: string;
  recipient: string;
  originalMessageId: string;
  correlation: string;
}

const complaints: ComplaintCase[] = [
  {
    file: 'arf-yahoo-feedback-loop.eml',
    feedbackType: 'abuse',
    recipient: 'reader.one@yahoo.com',
    originalMessageId: '20240620211043.44d1e8b0@mail.example.com',
    correlation: '2991612f-a4a6-4763-87bc-3bd5c95d5c1f',
  },
  {
    // No Original-Rcpt-To and a redacted To: the recipient comes from X-HmXmrOriginalRecipient.
    file: 'arf-microsoft-jmrp.eml',
    feedbackType: 'abuse',
    recipient: 'someone.else@outlook.com',
    originalMessageId: '20240621101208.e5f0c913@mail.example.com',
    correlation: '00bdd9c1-a14f-491c-87a3-79014953e65b',
  },
  {
    file: 'arf-generic-rfc822-headers.eml',
    feedbackType: 'abuse',
    recipient: 'complainer@isp-feedback.test',
    originalMessageId: '20240621115801.b03c66fa@mail.example.com',
    correlation: '17d79267-94f6-4e08-9838-647969fde5aa',
  },
];

const notReports = ['out-of-office-auto-reply.eml', 'human-reply.eml', 'dsn-delivered.eml'];

describe('parseDeliveryReport over the corpus', () => {
  it.each(bounces)('$file is a $severity bounce ($status)', async (expected) => {
    const report = await parseDeliveryReport(await load(expected.file));
    expect(report).toMatchObject({
      kind: 'bounce',
      severity: expected.severity,
      status: expected.status,
      action: expected.action,
      recipient: expected.recipient,
      originalMessageId: expected.originalMessageId,
    });
    expect(report?.originalHeaders['x-switchboard-message']).toBe(expected.correlation);
    expect(report?.kind === 'bounce' && report.diagnostic).toContain(expected.diagnostic);
  });

  it.each(complaints)('$file is a complaint', async (expected) => {
    const report = await parseDeliveryReport(await load(expected.file));
    expect(report).toMatchObject({
      kind: 'complaint',
      feedbackType: expected.feedbackType,
      recipient: expected.recipient,
      originalMessageId: expected.originalMessageId,
    });
    expect(report?.originalHeaders['x-switchboard-message']).toBe(expected.correlation);
  });

  it.each(notReports)('%s is not a report', async (file) => {
    expect(await parseDeliveryReport(await load(file))).toBeNull();
  });

  it('has a case for every sample', async () => {
    const covered = [...bounces, ...complaints].map((c) => c.file).concat(notReports);
    const files = (await readdir(corpus)).filter((f) => f.endsWith('.eml'));
    expect(files.sort()).toEqual(covered.sort());
  });

  it('accepts the raw message as a string', async () => {
    const raw = (await load('postfix-hard-user-unknown.eml')).toString('utf8');
    expect(await parseDeliveryReport(raw)).toMatchObject({ kind: 'bounce', status: '5.1.1' });
  });
});

describe('parseDeliveryReport edge cases', () => {
  const dsn = (recipientGroups: string): string =>
    [
      'From: MAILER-DAEMON@mta.example.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Report.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mta.example.test',
      '',
      recipientGroups,
      '--b--',
      '',
    ].join('\r\n');

  it('takes the first failed recipient of several', async () => {
    const report = await parseDeliveryReport(
      dsn(
        [
          'Final-Recipient: rfc822; ok@example.test\r\nAction: delivered\r\nStatus: 2.0.0\r\n',
          'Final-Recipient: rfc822; later@example.test\r\nAction: delayed\r\nStatus: 4.4.1\r\n',
          'Final-Recipient: rfc822;<First.Failed@Example.test>\r\nAction: Failed\r\nStatus: 5.1.1 (bad mailbox)\r\n',
          'Final-Recipient: rfc822; second@example.test\r\nAction: failed\r\nStatus: 5.2.1\r\n',
        ].join('\r\n'),
      ),
    );
    expect(report).toMatchObject({
      kind: 'bounce',
      severity: 'hard',
      status: '5.1.1',
      action: 'failed',
      recipient: 'first.failed@example.test',
      originalMessageId: null,
      originalHeaders: {},
    });
  });

  it('treats a failure with a transient status as soft', async () => {
    const report = await parseDeliveryReport(
      dsn('Final-Recipient: rfc822; slow@example.test\r\nAction: failed\r\nStatus: 4.4.7\r\n'),
    );
    expect(report).toMatchObject({ kind: 'bounce', severity: 'soft', status: '4.4.7' });
  });

  it('ignores relayed and expanded recipients', async () => {
    const groups = [
      'Final-Recipient: rfc822; a@example.test\r\nAction: relayed\r\nStatus: 2.0.0\r\n',
      'Final-Recipient: rfc822; b@example.test\r\nAction: expanded\r\nStatus: 2.0.0\r\n',
    ];
    expect(await parseDeliveryReport(dsn(groups.join('\r\n')))).toBeNull();
  });

  it('does not treat a human forwarding a bounce as a bounce', async () => {
    const raw = [
      'From: Pat <pat@customer.test>',
      'Subject: Fwd: Undelivered Mail Returned to Sender',
      '',
      'Why did this bounce?',
      '',
      '<x@customer.test>: host mx said: 550 5.1.1 User unknown',
    ].join('\n');
    expect(await parseDeliveryReport(raw)).toBeNull();
  });

  it('does not treat an auto-reply from a postmaster address as a bounce', async () => {
    const raw = [
      'From: postmaster@customer.test',
      'Subject: Automatic reply: Delivery Status Notification (Failure)',
      'X-Autoreply: yes',
      '',
      'Our postmaster is away; 550 5.1.1 issues will be looked at on Monday.',
    ].join('\n');
    expect(await parseDeliveryReport(raw)).toBeNull();
  });

  it('does not take the rejected sender for the recipient', async () => {
    const raw = [
      'From: MAILER-DAEMON@mx.customer.test',
      'To: bounce@bounces.example.com',
      'Subject: failure notice',
      '',
      '<real.rcpt@customer.test>:',
      'Remote host said: 550 5.7.1 <bounce@bounces.example.com>: Sender address rejected',
    ].join('\n');
    expect(await parseDeliveryReport(raw)).toMatchObject({
      status: '5.7.1',
      recipient: 'real.rcpt@customer.test',
    });
  });

  it('does not count an auth-failure (DMARC) report as a complaint', async () => {
    const raw = [
      'From: dmarc@receiver.test',
      'Subject: DMARC failure report',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="b"',
      '',
      '--b',
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: auth-failure',
      'Auth-Failure: dmarc',
      '--b--',
      '',
    ].join('\n');
    expect(await parseDeliveryReport(raw)).toBeNull();
  });

  it.each([
    ['an empty string', ''],
    ['random text', 'not an email at all \u0000\u0001 550 5.1.1'],
    ['random bytes', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a, 0x80])],
    [
      'a broken multipart report',
      'Content-Type: multipart/report; boundary=x\n\n--x\nContent-Type: message/delivery-status\n\n\n--x',
    ],
    ['a hostile header', '__proto__: polluted\nconstructor: x\n\nhello'],
    ['a huge body with no addresses', `Subject: failure notice\n\n${'a'.repeat(2_000_000)}`],
  ])('returns null for %s', async (_label, raw) => {
    expect(await parseDeliveryReport(raw)).toBeNull();
  });

  it('returns null instead of throwing for input of the wrong type', async () => {
    expect(await parseDeliveryReport(undefined as unknown as string)).toBeNull();
  });
});
