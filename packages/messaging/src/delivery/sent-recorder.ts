import type { EntityManager } from '@switchboard/db';
import type { MessageRow } from '../ledger/message-ledger.ts';
import { recordSent } from './record-results.ts';
import type { SentThroughChannel } from './send-through-channel.ts';

type Sent = { message: MessageRow; result: SentThroughChannel };

/**
 * Writes "sent" for a batch as it goes, a few dozen messages per statement, one statement at a time: if the process
 * dies mid-batch, only the last few accepted messages are left without their record. The outcome is known and only
 * this process holds it, so a database outage while recording (a restart takes seconds) is waited out for up to a
 * minute, telling the caller it is still alive meanwhile; if it lasts longer the claims stay, and the activity's
 * retry reports those messages' outcome as unknown (a late write here still corrects them to sent).
 */
export class SentRecorder {
  private pending: Sent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly every = 50,
    private readonly stillWorking: () => void = () => {},
    private readonly retryForMs = 60_000,
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
      .then(() =>
        withRetries(() => recordSent(this.em.fork(), this.now(), batch), this.retryForMs, this.stillWorking),
      )
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      });
  }
}

async function withRetries<T>(
  work: () => Promise<T>,
  retryForMs: number,
  stillWorking: () => void,
): Promise<T> {
  const giveUpAt = Date.now() + retryForMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const pause = Math.min(250 * 2 ** attempt, 4_000);
      if (Date.now() + pause > giveUpAt) throw error;
      stillWorking();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
