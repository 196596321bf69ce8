import { describe, expect, it } from 'vitest';
import { ratingIn, ratingToken, readRatingToken } from './rating-token.ts';

const id = '01a24b16-1b22-7000-8000-000000000001';

describe('rating tokens', () => {
  it('round-trip and refuse tampering or another secret', () => {
    const at = new Date('2026-12-06T12:00:00.123Z');
    const token = ratingToken('secret', id, at);
    expect(readRatingToken('secret', token)).toEqual({ conversationId: id, requestedAt: at });
    expect(readRatingToken('other', token)).toBeNull();
    expect(readRatingToken('secret', token.replace(id, id.replace('1', '2')))).toBeNull();
    expect(readRatingToken('secret', 'nonsense')).toBeNull();
  });
});

describe('ratingIn', () => {
  it('reads a lone 1–5, full-width too', () => {
    expect(ratingIn(' 5 ')).toBe(5);
    expect(ratingIn('４')).toBe(4);
    expect(ratingIn('6')).toBeNull();
    expect(ratingIn('5 stars')).toBeNull();
  });
});
