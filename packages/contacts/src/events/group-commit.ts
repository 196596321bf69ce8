import type { Database } from '@switchboard/db';
import { ingestEvents, UnknownContactError, type EventInput } from './ingest-events.ts';

interface Pending {
  event: EventInput;
  resolve: (outcome: 'stored' | 'duplicate') => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most events written by one transaction. */
  maxBatch?: number;
  /** Transactions in flight at once (keep below the connection pool size). */
  maxConcurrentFlushes?: number;
}

/**
 * Coalesces single `track` calls arriving at the same time into one bulk write. Each caller still waits for its
 * own event to be committed, so an accepted event is durable; under light load a batch holds one event and nothing
 * waits, under heavy load one transaction carries hundreds.
 */
export class EventGroupCommit {
  private readonly queues = new Map<string, Pending[]>();
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxConcurrent: number;

  constructor(
    private readonly db: Database,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxConcurrent = options.maxConcurrentFlushes ?? 4;
  }

  submit(workspaceId: string, event: EventInput): Promise<'stored' | 'duplicate'> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(workspaceId) ?? [];
      queue.push({ event, resolve, reject });
      this.queues.set(workspaceId, queue);
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets every request already parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump() {
    for (const [workspaceId, queue] of this.queues) {
      while (queue.length && this.inFlight < this.maxConcurrent) {
        const batch = queue.splice(0, this.maxBatch);
        this.inFlight++;
        void this.flush(workspaceId, batch).finally(() => {
          this.inFlight--;
          if ([...this.queues.values()].some((q) => q.length)) this.schedule();
        });
      }
      if (!queue.length) this.queues.delete(workspaceId);
    }
  }

  private async flush(workspaceId: string, batch: Pending[]): Promise<void> {
    const remaining = [...batch];
    // An unknown contact id fails only its own call: drop it and write the rest.
    for (;;) {
      try {
        const result = await ingestEvents(
          this.db.fork(),
          workspaceId,
          remaining.map((p) => p.event),
        );
        remaining.forEach((p, i) => p.resolve(result.outcomes[i]!));
        return;
      } catch (error) {
        if (error instanceof UnknownContactError) {
          const [bad] = remaining.splice(error.index, 1);
          bad!.reject(new UnknownContactError(0, error.contactId));
          if (!remaining.length) return;
          continue;
        }
        for (const p of remaining) p.reject(error);
        return;
      }
    }
  }
}
