import pg from 'pg';
import type { Client } from '@temporalio/client';
import type { Database } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { webhookEndpointWorkflow } from '../workflows/webhook-endpoint.workflow.ts';
import { webhooksQueuedSignal } from '../workflows/webhook-endpoint.workflow.ts';

export interface WebhookWakerDeps {
  db: Database;
  /** For the session that listens for queued deliveries. */
  databaseUrl: string;
  client: Client;
  taskQueue: string;
  log: (level: 'info' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** How often endpoints with pending deliveries are woken regardless of notifications (ms). */
  sweepMs?: number;
}

export const webhookWorkflowId = (endpointId: string) => `webhook-endpoint-${endpointId}`;

/**
 * Turns queued deliveries into running endpoint workflows: every statement that queues deliveries notifies
 * `switchboard_webhooks` with the endpoints concerned (a trigger), and this signals-with-start each one's workflow.
 * A sweep every minute wakes any endpoint with pending deliveries, so a notification missed while no worker was
 * listening delays delivery by a minute at most. Every worker runs one; a second signal only wakes a workflow twice.
 */
export class WebhookWaker {
  private client: pg.Client | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeLoop: (() => void) | null = null;
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly deps: WebhookWakerDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeLoop?.();
    await this.loop;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.client) await this.listen();
        await this.sweep();
      } catch (error) {
        this.deps.log('error', 'webhook waker pass failed', { error: (error as Error).message });
        await this.client?.end().catch(() => undefined);
        this.client = null;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.deps.sweepMs ?? 60_000);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeLoop = done;
      });
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.deps.databaseUrl });
    client.on('error', () => {
      // A lost connection is found and replaced by the next pass.
      this.client = null;
    });
    await client.connect();
    client.on('notification', (message) => {
      if (message.payload) this.wake(message.payload);
    });
    await client.query('listen switchboard_webhooks');
    this.client = client;
  }

  /** Wakes every enabled endpoint that has something pending; returns how many. */
  async sweep(): Promise<number> {
    const rows = await sql<{ id: string }>(
      this.deps.db.fork(),
      `select e.id from webhook_endpoints e
       where e.enabled and exists (select 1 from webhook_deliveries d where d.endpoint_id = e.id and d.status = 'pending')`,
    );
    await Promise.all(rows.map((row) => this.wakeNow(row.id)));
    return rows.length;
  }

  wake(endpointId: string): void {
    void this.wakeNow(endpointId);
  }

  private async wakeNow(endpointId: string): Promise<void> {
    // A burst of notifications for one endpoint becomes at most one signal in flight and one after it.
    if (this.inFlight.has(endpointId)) {
      this.again.add(endpointId);
      return;
    }
    this.inFlight.add(endpointId);
    try {
      await this.deps.client.workflow.signalWithStart<typeof webhookEndpointWorkflow, []>(
        'webhookEndpointWorkflow',
        {
          workflowId: webhookWorkflowId(endpointId),
          taskQueue: this.deps.taskQueue,
          args: [{ endpointId }],
          signal: webhooksQueuedSignal,
          signalArgs: [],
        },
      );
    } catch (error) {
      this.deps.log('error', 'could not wake a webhook endpoint', {
        endpointId,
        error: (error as Error).message,
      });
    } finally {
      this.inFlight.delete(endpointId);
      if (this.again.delete(endpointId)) void this.wakeNow(endpointId);
    }
  }
}
