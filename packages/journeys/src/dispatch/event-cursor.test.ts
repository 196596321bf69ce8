import { describe, expect, it } from 'vitest';
import { EventCursor } from './event-cursor.ts';

describe('the dispatcher’s event cursor', () => {
  it('moves along consecutive ids and hands each id out once', () => {
    const cursor = new EventCursor(10);
    expect(cursor.accept([11, 12, 13], 0)).toEqual([11, 12, 13]);
    expect(cursor.position).toBe(13);
    expect(cursor.accept([12, 13, 14], 1)).toEqual([14]);
    expect(cursor.position).toBe(14);
  });

  it('waits at a gap for a late commit, then hands the late id out', () => {
    const cursor = new EventCursor(0, 10_000);
    expect(cursor.accept([1, 3, 4], 0)).toEqual([1, 3, 4]);
    expect(cursor.position).toBe(1);
    // Re-read from the cursor: 3 and 4 are not handed out again; 2 committed late and is.
    expect(cursor.accept([2, 3, 4, 5], 500)).toEqual([2, 5]);
    expect(cursor.position).toBe(5);
    expect(cursor.waitingAboveGaps).toBe(0);
  });

  it('gives up on a gap that never fills (a rolled-back id) after the timeout', () => {
    const cursor = new EventCursor(0, 1000);
    cursor.accept([1, 3], 0);
    expect(cursor.position).toBe(1);
    cursor.accept([3], 999);
    expect(cursor.position).toBe(1);
    cursor.accept([3, 6], 1000);
    expect(cursor.position).toBe(3);
    cursor.accept([], 2500);
    expect(cursor.position).toBe(6);
  });
});
