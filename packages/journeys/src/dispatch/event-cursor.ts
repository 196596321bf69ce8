/**
 * Where the dispatcher is in the event stream. Event ids come from a sequence, so a transaction that took an id
 * earlier can commit later than one with a higher id: the cursor only moves past an id once that id was seen, or
 * after `gapTimeoutMs` (sequence values are also lost to rollbacks and skipped duplicates, and never show up).
 * Ids above the cursor that were already handled are remembered so re-reads skip them.
 */
export class EventCursor {
  private readonly seen = new Set<number>();
  /** Start of each gap above the cursor → when it was first noticed. */
  private readonly gaps = new Map<number, number>();

  constructor(
    public position: number,
    private readonly gapTimeoutMs = 10_000,
  ) {}

  /** Of the ids read above the cursor, those not handled yet; marks them handled and moves the cursor. */
  accept(ids: readonly number[], nowMs: number): number[] {
    const fresh = ids.filter((id) => id > this.position && !this.seen.has(id));
    for (const id of fresh) this.seen.add(id);
    this.advance(nowMs);
    return fresh;
  }

  private advance(nowMs: number): void {
    const ahead = [...this.seen].sort((a, b) => a - b);
    for (const id of ahead) {
      const gapStart = this.position + 1;
      if (id > gapStart) {
        const noticed = this.gaps.get(gapStart);
        if (noticed === undefined) this.gaps.set(gapStart, nowMs);
        if (noticed === undefined || nowMs - noticed < this.gapTimeoutMs) break;
        this.gaps.delete(gapStart);
      }
      this.position = id;
      this.seen.delete(id);
    }
    for (const start of this.gaps.keys()) if (start <= this.position) this.gaps.delete(start);
  }

  /** How many handled ids wait above the cursor for a gap to fill (bounded by the gap timeout). */
  get waitingAboveGaps(): number {
    return this.seen.size;
  }
}
