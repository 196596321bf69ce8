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
     * Workflows kept in memory between their steps (Temporal's sticky cache). One not cached is replayed from its
     * short history when it next moves (milliseconds), so a smaller cache costs CPU, not correctness. Each cached
     * journey instance holds ≈ 0.1 MB (its state in JavaScript and in Temporal's core; the workflow modules are
     * shared): with thousands of instances waiting days for an event, a large cache only holds instances that would
     * be replayed anyway. 250 keeps the worker near 400 MB with 10,000 waiting; a step runs in one workflow task, so
     * the cache matters little for how fast instances move.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).default(250),
    /**
     * Run workflow code in a thread of its own (the Temporal SDK's usual way) instead of the worker's main thread.
     * Off by default: journey workflows do little between their activities, and handing every activation to another
     * thread and back cost more than running it (≈ 3 of 25 ms of worker CPU per journey step, and ≈ 40 MB).
     */
    WORKER_WORKFLOW_THREAD: flag.default(false),
    /**
     * Keep the SDK's deadlock watchdog: an activation still running after 5 s fails. It needs the workflow thread
     * (implied), and costs a thread start per call into a workflow (see workflow-thread-setup.mjs).
     */
    WORKER_WORKFLOW_DEADLOCK_TIMEOUT: flag.default(false),
  })
  .and(databaseSchema)
  .and(temporalSchema)
  .and(emailSchema)
  .and(smsSchema)
  .and(messagingSchema)
  .and(chatSchema)
  .and(sandboxSchema);

export type WorkerConfig = z.output<typeof workerConfigSchema>;
