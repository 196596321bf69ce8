import { z } from 'zod';
import { flag, httpUrl } from './primitives.ts';

const smtpUrl = z
  .string()
  .refine((u) => /^smtps?:\/\//.test(u), 'must be smtp://user:pass@host:port or smtps://…');

export const emailSchema = z
  .object({
    SMTP_URL: smtpUrl.default('smtp://127.0.0.1:2525'),
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    MAIL_FROM: z.string().min(3).default('Switchboard <no-reply@switchboard.local>'),
    DKIM_DOMAIN: z.string().optional(),
    DKIM_SELECTOR: z.string().optional(),
    DKIM_PRIVATE_KEY: z.string().optional(),
  })
  .refine((c) => !c.DKIM_DOMAIN || (c.DKIM_SELECTOR && c.DKIM_PRIVATE_KEY), {
    message: 'DKIM_DOMAIN needs DKIM_SELECTOR and DKIM_PRIVATE_KEY too',
    path: ['DKIM_SELECTOR'],
  });

export const smsSchema = z.object({
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must be the account auth token').optional(),
  TWILIO_FROM: z.string().optional(),
  /** Send through a Messaging Service (sender pool, compliance features) instead of the From number. */
  TWILIO_MESSAGING_SERVICE_SID: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/, 'must look like MG followed by 32 hex digits')
    .optional(),
  /** Where the Twilio API lives; only the sandbox (or a proxy) changes it. */
  TWILIO_API_BASE_URL: httpUrl.default('https://api.twilio.com'),
});

export const chatSchema = z.object({
  WECHATY_PUPPET: z.string().min(1).default('wechaty-puppet-mock'),
  WECHATY_PUPPET_TOKEN: z.string().optional(),
  WECHATY_NAME: z.string().default('switchboard'),
});

export const sandboxSchema = z.object({
  /** Base URL of the sandbox peers' HTTP side (Twilio API + outbox inspection); unset in production. */
  SANDBOX_URL: httpUrl.optional(),
  SANDBOX_ENABLED: flag.default(false),
});

/** Shared by the server (verifies tracking links) and the worker (signs them). */
export const messagingSchema = z.object({
  TRACKING_SECRET: z
    .string()
    .min(
      32,
      'must be at least 32 random characters (e.g. `openssl rand -hex 32`), the same on server and worker',
    ),
  /** Provider rate limits per worker process, messages per second (0 = none); e.g. 1 for a Twilio long code. */
  EMAIL_RATE_PER_SECOND: z.coerce.number().min(0).max(100_000).default(0),
  SMS_RATE_PER_SECOND: z.coerce.number().min(0).max(10_000).default(10),
  WECHAT_RATE_PER_SECOND: z.coerce.number().min(0).max(100).default(1),
  /**
   * Private `address:port` targets webhooks may reach besides the internet, comma-separated (e.g. a CRM at
   * 10.0.0.5:8080 on the same network as a self-hosted installation). Everything else private stays refused.
   */
  WEBHOOK_PRIVATE_TARGETS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\]):\d{1,5}$/i,
            'must be address:port, e.g. 10.0.0.5:8080',
          ),
      ),
    ),
  /** Domain whose mail reaches our inbound SMTP listener (bounces, replies); unset = the From address's domain. */
  INBOUND_EMAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name such as bounces.example.com')
    .optional(),
});
