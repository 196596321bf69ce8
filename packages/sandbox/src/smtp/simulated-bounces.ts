import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';

/**
 * The sandbox plays the recipient's mail server: mail to `bounce…@` comes back as a hard bounce (5.1.1), to
 * `full…@` as a full mailbox (5.2.2), to `complain…@` as a spam complaint (ARF) — delivered to the envelope sender
 * (our per-message bounce address) through the product's inbound SMTP listener, as a real server would.
 */
export type SimulatedReaction = 'hard_bounce' | 'mailbox_full' | 'complaint';

export function reactionFor(recipient: string): SimulatedReaction | null {
  const local = recipient.toLowerCase().split('@')[0] ?? '';
  if (local.startsWith('bounce')) return 'hard_bounce';
  if (local.startsWith('full')) return 'mailbox_full';
  if (local.startsWith('complain')) return 'complaint';
  return null;
}

const headerSection = (raw: string) => raw.split(/\r?\n\r?\n/)[0] ?? '';

function deliveryStatusNotification(recipient: string, status: string, diagnostic: string, original: string) {
  const boundary = `sandbox-dsn-${randomBytes(6).toString('hex')}`;
  return [
    `From: MAILER-DAEMON@sandbox.switchboard.local (Mail Delivery System)`,
    `Subject: Undelivered Mail Returned to Sender`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@sandbox.switchboard.local>`,
    `Auto-Submitted: auto-replied`,
    `MIME-Version: 1.0`,
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    ``,
    `--${boundary}`,
    `Content-Type: text/plain; charset=us-ascii`,
    ``,
    `This is the sandbox mail server. Your message could not be delivered to <${recipient}>:`,
    `${diagnostic}`,
    ``,
    `--${boundary}`,
    `Content-Type: message/delivery-status`,
    ``,
    `Reporting-MTA: dns; sandbox.switchboard.local`,
    ``,
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822; ${recipient}`,
    `Action: failed`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${diagnostic}`,
    ``,
    `--${boundary}`,
    `Content-Type: text/rfc822-headers`,
    ``,
    headerSection(original),
    ``,
    `--${boundary}--`,
    ``,
  ].join('\r\n');
}

function abuseReport(recipient: string, original: string) {
  const boundary = `sandbox-arf-${randomBytes(6).toString('hex')}`;
  return [
    `From: feedback-loop@sandbox.switchboard.local`,
    `Subject: Complaint about a message you sent`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@sandbox.switchboard.local>`,
    `MIME-Version: 1.0`,
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    ``,
    `--${boundary}`,
    `Content-Type: text/plain; charset=us-ascii`,
    ``,
    `A recipient of the sandbox mail server marked this message as spam.`,
    ``,
    `--${boundary}`,
    `Content-Type: message/feedback-report`,
    ``,
    `Feedback-Type: abuse`,
    `User-Agent: SwitchboardSandbox/1.0`,
    `Version: 1`,
    `Original-Rcpt-To: ${recipient}`,
    `Arrival-Date: ${new Date().toUTCString()}`,
    ``,
    `--${boundary}`,
    `Content-Type: text/rfc822-headers`,
    ``,
    headerSection(original),
    ``,
    `--${boundary}--`,
    ``,
  ].join('\r\n');
}

export function simulatedReport(reaction: SimulatedReaction, recipient: string, original: string): string {
  if (reaction === 'complaint') return abuseReport(recipient, original);
  return reaction === 'hard_bounce'
    ? deliveryStatusNotification(
        recipient,
        '5.1.1',
        '550 5.1.1 <' + recipient + '>: Recipient address rejected: User unknown',
        original,
      )
    : deliveryStatusNotification(recipient, '5.2.2', '552 5.2.2 <' + recipient + '>: Mailbox full', original);
}

/** Hands a ready-made message to an SMTP server as-is (null sender by default, as bounces use). */
export async function sendRawMail(
  relay: { host: string; port: number },
  envelope: { from?: string; to: string[] },
  raw: string | Buffer,
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({ envelope: { from: envelope.from ?? '', to: envelope.to }, raw });
  } finally {
    transport.close();
  }
}
