import { createPrivateKey, type KeyObject } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import {
  PermanentSendError,
  type DkimKey,
  type EmailMessage,
  type EmailSender,
  type SendResult,
} from '../channel-port.ts';

export interface SmtpOptions {
  url: string;
  poolSize: number;
  from: string;
  dkim?: DkimKey;
}

/** Thread headers nodemailer formats itself (a list of message ids); it cannot take them prepared. */
const THREAD_HEADERS = new Set(['in-reply-to', 'references']);

/** Headers passed through untouched: nodemailer would otherwise MIME-encode or fold them as it sees fit. */
function preparedHeaders(headers: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      THREAD_HEADERS.has(name.toLowerCase()) ? value : { prepared: true, value },
    ]),
  );
}

const SIGNING_KEYS_KEPT = 256;
const signingKeys = new Map<string, KeyObject>();

/**
 * The DKIM key parsed once: signing with the PEM text parses it on every message, which took 0.9 of the 1.6 ms an
 * RSA-2048 signature costs here. Keys are few (one per sending domain), so a small map holds them all.
 */
function signingKey(dkim: DkimKey): DkimKey {
  let key = signingKeys.get(dkim.privateKey);
  if (!key) {
    key = createPrivateKey(dkim.privateKey);
    if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.delete(signingKeys.keys().next().value!);
    signingKeys.set(dkim.privateKey, key);
  }
  // nodemailer hands the key to crypto's Sign#sign, which takes a KeyObject; its types only name the PEM forms.
  return { ...dkim, privateKey: key as unknown as string };
}

/** Pooled SMTP through nodemailer, DKIM-signed when a key is configured. */
export function createSmtpEmailSender(options: SmtpOptions): EmailSender {
  const url = new URL(options.url);
  const transportOptions: SMTPPool.Options = {
    pool: true,
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    maxConnections: options.poolSize,
    maxMessages: Infinity,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // Local peers speak plain SMTP; elsewhere nodemailer upgrades with STARTTLS when offered.
    ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
    ...(options.dkim ? { dkim: signingKey(options.dkim) } : {}),
  };
  const transport = nodemailer.createTransport(transportOptions);
  return {
    async send(message: EmailMessage): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: message.from ?? options.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          ...(message.headers ? { headers: preparedHeaders(message.headers) } : {}),
          ...(message.messageId ? { messageId: `<${message.messageId}>` } : {}),
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((file) => ({
                  filename: file.filename,
                  content: file.content,
                  contentType: file.contentType,
                })),
              }
            : {}),
          ...(message.envelopeFrom ? { envelope: { from: message.envelopeFrom, to: [message.to] } } : {}),
          ...(message.dkim ? { dkim: signingKey(message.dkim) } : {}),
        });
        return { providerMessageId: info.messageId, status: 'accepted' };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx replies are permanent (RFC 5321 §4.2.1); everything else (4xx, network) is worth retrying.
        if (code && code >= 500) throw new PermanentSendError((error as Error).message, code);
        throw error;
      }
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
