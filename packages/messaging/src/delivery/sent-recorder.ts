import type { EntityManager } from '@switchboard/db';
import type { MessageRow } from '../ledger/message-ledger.ts';
import { recordSent } from './record-results.ts';
import type { SentThroughChannel } from './send-through-channel.ts';

type Sent = { message: MessageRow; result: SentThroughChannel };

/**
 * Writes "sent" for a batch as it goes, a few dozen messages per statement, one statement at a time: if the process
 * dies mid-batch, only the last few accepted messages are left without their record. A database hiccup while
 * recording must not turn into a resend, so each write is retried a few times; if it still fails the claims stay,
 * and the activity's retry reports those messages' outcome as unknown.
 */
export class SentRecorder {
  private pending: Sent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly every = 50,
  ) {}

  add(sent: Sent) {
    this.pending.push(sent);
    if (this.pending.length >= this.every) this.write();
  }

  async flush(): Promise<void> {
    this.write();
    await this.writing;
    if (this.failure) throw this.failure;
  }

  private write() {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // Kept, not thrown here: flush() reports it once the batch is done (an unhandled rejection would kill the worker).
    this.writing = this.writing
      .then(() => withRetries(() => recordSent(this.em.fork(), this.now(), batch)))
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      });
  }
}

async function withRetries<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}
