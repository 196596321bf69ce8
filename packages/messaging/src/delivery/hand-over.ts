import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';

/**
 * Marks messages as handed to the provider just before they go, a small chunk at a time (one statement per chunk,
 * in send order). After a crash, a claimed message without the mark provably never left and is sent by the retry;
 * only marked ones are in doubt. The mark is taken only under this attempt's claim, so an overlapping retry that
 * re-claimed a message makes this attempt skip it instead of sending it twice.
 */
export class HandOver {
  private readonly chunks = new Map<number, Promise<Set<string>>>();

  constructor(
    private readonly em: EntityManager,
    private readonly claimId: string,
    private readonly ids: readonly string[],
    private readonly chunkSize = 20,
  ) {}

  /** Whether the message at `index` (in send order) may go to the provider now. */
  async mayHandOver(index: number): Promise<boolean> {
    const chunk = Math.floor(index / this.chunkSize);
    let marked = this.chunks.get(chunk);
    if (!marked) {
      const ids = this.ids.slice(chunk * this.chunkSize, (chunk + 1) * this.chunkSize);
      marked = sql<{ id: string }>(
        this.em.fork(),
        `update messages set handed_at = now() where id = any(${TEXT_LIST}::uuid[]) and status = 'sending'
           and claim_id = ?::uuid returning id`,
        [list(ids), this.claimId],
      ).then((rows) => new Set(rows.map((r) => r.id)));
      this.chunks.set(chunk, marked);
    }
    return (await marked).has(this.ids[index]!);
  }
}
