import { z } from 'zod';
import { databaseSchema } from './database.ts';
import { temporalSchema } from './temporal.ts';
import { chatSchema, emailSchema, messagingSchema, sandboxSchema, smsSchema } from './channels.ts';
import { flag, httpUrl, logLevel } from './primitives.ts';

export const workerConfigSchema = z
  .object({
    LOG_LEVEL: logLevel,
    /** Whether this process also holds the WeChat bot and serves the gateway task queue. */
    WORKER_WECHAT_GATEWAY: flag.default(true),
    /** Where people open the app; links in hand-off emails point here. */
    PUBLIC_URL: httpUrl.default('http://localhost:3000'),
    /**
     * Workflows kept in memory between their steps (Temporal's sticky cache). Each costs tens of KiB; one not cached
     * is replayed from its history when it next moves. 2,000 keeps 10,000 waiting journey instances well under
     * 500 MB of RSS.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  })
  .and(databaseSchema)
  .and(temporalSchema)
  .and(emailSchema)
  .and(smsSchema)
  .and(messagingSchema)
  .and(chatSchema)
  .and(sandboxSchema);

export type WorkerConfig = z.output<typeof workerConfigSchema>;
