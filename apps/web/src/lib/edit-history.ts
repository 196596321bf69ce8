/**
 * Undo/redo over immutable snapshots. Typing in one field coalesces into one step (same key within a second), so
 * undo removes a word-burst, not a character.
 */
export class EditHistory<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private present: T,
    private readonly limit = 200,
    private readonly clock: () => number = Date.now,
  ) {}

  get current(): T {
    return this.present;
  }
  get canUndo() {
    return this.past.length > 0;
  }
  get canRedo() {
    return this.future.length > 0;
  }

  push(next: T, coalesceKey?: string): T {
    if (next === this.present) return next;
    const now = this.clock();
    const coalesce = coalesceKey !== undefined && coalesceKey === this.lastKey && now - this.lastAt < 1000;
    if (!coalesce) {
      this.past.push(this.present);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.present = next;
    this.future = [];
    this.lastKey = coalesceKey ?? null;
    this.lastAt = now;
    return next;
  }

  undo(): T {
    const previous = this.past.pop();
    if (previous === undefined) return this.present;
    this.future.push(this.present);
    this.present = previous;
    this.lastKey = null;
    return previous;
  }

  redo(): T {
    const next = this.future.pop();
    if (next === undefined) return this.present;
    this.past.push(this.present);
    this.present = next;
    this.lastKey = null;
    return next;
  }
}
