import { describe, expect, it } from 'vitest';
import { dropSide } from './drag-payload.ts';

describe('dropSide', () => {
  it('lands before a block from its upper half and after it from its lower half', () => {
    const box = { top: 100, height: 40 };
    expect(dropSide(101, box)).toBe('before');
    expect(dropSide(119, box)).toBe('before');
    expect(dropSide(120, box)).toBe('after');
    expect(dropSide(139, box)).toBe('after');
  });
});
