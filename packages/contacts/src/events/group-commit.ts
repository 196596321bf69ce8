import type { Database } from '@switchboard/db';
import { ingestEvents, UnknownContactError, type EventInput } from './ingest-events.ts';

type Outcome = 'stored' | 'duplicate';

/** One caller's events: written together or not at all. */
interface Submission {
  events: EventInput[];
  resolve: (outcomes: Outcome[]) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Events after which a write takes no further submissions (one submission is never split). */
  maxBatch?: number;
  /** Writes in flight at once (keep below the connection pool size). */
  maxConcurrentFlushes?: number;
}

/**
 * Coalesces `track` and `batch` calls arriving at the same time into one bulk write. Each caller still waits for
 * its own events to be committed, so an accepted event is durable; under light load a write holds one call and
 * nothing waits, under heavy load one statement carries hundreds of events, which costs the database far less per
 * event than one statement per call.
 */
export class EventGroupCommit {
  private readonly queues = new Map<string, Submission[]>();
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxConcurrent: number;

  constructor(
    private readonly db: Database,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxConcurrent = options.maxConcurrentFlushes ?? 4;
  }

  /** One event; an unknown contact id rejects with UnknownContactError (index 0). */
  async submit(workspaceId: string, event: EventInput): Promise<Outcome> {
    const [outcome] = await this.submitAll(workspaceId, [event]);
    return outcome!;
  }

  /** Events that stand or fall together; UnknownContactError carries the index within `events`. */
  submitAll(workspaceId: string, events: EventInput[]): Promise<Outcome[]> {
    if (!events.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(workspaceId) ?? [];
      queue.push({ events, resolve, reject });
      this.queues.set(workspaceId, queue);
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets every request already parsed in this turn of the event loop join the write.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump() {
    for (const [workspaceId, queue] of this.queues) {
      while (queue.length && this.inFlight < this.maxConcurrent) {
        const taken = this.take(queue);
        this.inFlight++;
        void this.flush(workspaceId, taken).finally(() => {
          this.inFlight--;
          if ([...this.queues.values()].some((q) => q.length)) this.schedule();
        });
      }
      if (!queue.length) this.queues.delete(workspaceId);
    }
  }

  private take(queue: Submission[]): Submission[] {
    let events = 0;
    let count = 0;
    while (count < queue.length && (count === 0 || events + queue[count]!.events.length <= this.maxBatch)) {
      events += queue[count]!.events.length;
      count++;
    }
    return queue.splice(0, count);
  }

  private async flush(workspaceId: string, submissions: Submission[]): Promise<void> {
    const remaining = [...submissions];
    // An unknown contact id fails only its own submission: drop it and write the rest.
    while (remaining.length) {
      const events = remaining.flatMap((s) => s.events);
      try {
        const { outcomes } = await ingestEvents(this.db.fork(), workspaceId, events);
        let offset = 0;
        for (const s of remaining) {
          s.resolve(outcomes.slice(offset, offset + s.events.length));
          offset += s.events.length;
        }
        return;
      } catch (error) {
        if (!(error instanceof UnknownContactError)) {
          // Something in one submission broke the shared statement: each is tried alone, so only the culprit fails.
          if (remaining.length === 1) remaining[0]!.reject(error);
          else for (const s of remaining) await this.flush(workspaceId, [s]);
          return;
        }
        let offset = 0;
        const culprit = remaining.findIndex((s) => {
          if (error.index < offset + s.events.length) return true;
          offset += s.events.length;
          return false;
        });
        const [bad] = remaining.splice(culprit, 1);
        bad!.reject(new UnknownContactError(error.index - offset, error.contactId));
      }
    }
  }
}
