import pg from 'pg';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Database } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { INBOX_CHANNEL } from '../realtime/inbox-events.ts';
import { warningTime } from './sla-targets.ts';
import type { conversationSlaWorkflow } from '../workflows/conversation-sla.workflow.ts';

export interface SlaTimerDeps {
  db: Database;
  databaseUrl: string;
  temporal: Client;
  taskQueue: string;
  log: (level: 'info' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Starts a durable timer (a Temporal workflow) for every new service-level deadline. Deadlines are written by
 * whatever changed the conversation (a webhook, an agent, a timer); each commit there NOTIFYs, which wakes this
 * scheduler to start timers for deadlines that have none yet. One workflow id per conversation and deadline, so
 * two workers (or a retry) start it once; a timer whose deadline moved finds nothing to do.
 */
export class SlaTimerScheduler {
  private client: pg.Client | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: SlaTimerDeps) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.deps.databaseUrl });
    client.on('error', (error) =>
      this.deps.log('error', 'SLA scheduler connection', { error: error.message }),
    );
    client.on('notification', () => this.wake());
    client.on('end', () => {
      // The connection dropped: reconnect, and catch up on what was committed meanwhile.
      if (this.stopped) return;
      this.client = null;
      setTimeout(() => void this.start().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`listen ${INBOX_CHANNEL}`);
    this.client = client;
    this.wake();
  }

  private wake() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.schedulePass()) > 0);
        } catch (error) {
          this.deps.log('error', 'SLA timers could not be started; retrying on the next change', {
            error: (error as Error).message,
          });
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Starts timers for up to 200 deadlines without one; returns how many it marked as having one. */
  async schedulePass(): Promise<number> {
    const em = this.deps.db.fork();
    const due = await sql<{ id: string; workspace_id: string; sla_due_at: Date; updated_at: Date }>(
      em,
      `select id, workspace_id, sla_due_at, updated_at from conversations
       where sla_due_at is not null and sla_scheduled_for is distinct from sla_due_at limit 200`,
    );
    let handled = 0;
    for (const row of due) {
      const dueAt = new Date(row.sla_due_at);
      try {
        await this.deps.temporal.workflow.start<typeof conversationSlaWorkflow>('conversationSlaWorkflow', {
          taskQueue: this.deps.taskQueue,
          workflowId: `conversation-sla-${row.id}-${dueAt.getTime()}`,
          args: [
            {
              workspaceId: row.workspace_id,
              conversationId: row.id,
              dueAt: dueAt.toISOString(),
              warnAt: warningTime(new Date(row.updated_at), dueAt).toISOString(),
            },
          ],
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      const marked = await sql(
        em,
        'update conversations set sla_scheduled_for = ? where id = ? and sla_due_at = ? returning id',
        [dueAt, row.id, dueAt],
      );
      handled += marked.length;
    }
    // Rows whose deadline moved meanwhile are picked up by the next wake, never spun on here.
    return handled;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.client?.end().catch(() => undefined);
  }
}
