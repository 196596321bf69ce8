import { describe, expect, it } from 'vitest';
import { visibleWindow } from './visible-window.ts';

describe('visibleWindow', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    expect(visibleWindow(0, 440, 44, 1_000_000)).toEqual({ start: 0, end: 20 });
    expect(visibleWindow(44 * 500_000, 440, 44, 1_000_000)).toEqual({ start: 499_990, end: 500_020 });
    expect(visibleWindow(44 * 995, 440, 44, 1000)).toEqual({ start: 985, end: 1000 });
    expect(visibleWindow(0, 440, 44, 0)).toEqual({ start: 0, end: 0 });
  });
});
