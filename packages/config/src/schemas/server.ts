import { z } from 'zod';
import { databaseSchema } from './database.ts';
import { temporalSchema } from './temporal.ts';
import { emailSchema, messagingSchema, sandboxSchema, smsSchema } from './channels.ts';
import { flag, httpUrl, logLevel, port } from './primitives.ts';

export const serverConfigSchema = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: port.default(3000),
    PUBLIC_URL: httpUrl.default('http://localhost:3000'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 random characters (e.g. `openssl rand -hex 32`)'),
    WEB_DIST_DIR: z.string().optional(),
    /** Believe X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of us. */
    TRUST_PROXY: flag.default(false),
    LOG_LEVEL: logLevel,
    /** Port of the inbound SMTP listener for bounces, complaints, replies and mailto unsubscribes; unset = off. */
    INBOUND_SMTP_PORT: port.optional(),
    INBOUND_SMTP_HOST: z.string().default('127.0.0.1'),
    /** What your SPF record must include for the SMTP relay you send through, e.g. include:_spf.relay.example. */
    SPF_MECHANISM: z.string().default('a mx'),
  })
  .and(databaseSchema)
  .and(temporalSchema)
  .and(emailSchema)
  .and(smsSchema)
  .and(messagingSchema)
  .and(sandboxSchema);

export type ServerConfig = z.output<typeof serverConfigSchema>;
