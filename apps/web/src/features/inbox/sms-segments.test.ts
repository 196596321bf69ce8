import { describe, expect, it } from 'vitest';
import { smsSize } from './sms-segments.ts';

describe('smsSize', () => {
  it('counts GSM-7 in 160 / 153 and extension characters twice', () => {
    expect(smsSize('')).toMatchObject({ segments: 0 });
    expect(smsSize('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, remaining: 0 });
    expect(smsSize('a'.repeat(161))).toMatchObject({ segments: 2, remaining: 306 - 161 });
    expect(smsSize('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
  });

  it('switches to UCS-2 for Chinese and emoji (emoji are two units)', () => {
    expect(smsSize('你好'.repeat(35))).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSize('你好'.repeat(36))).toMatchObject({ segments: 2 });
    expect(smsSize('ok 👍')).toMatchObject({ encoding: 'UCS-2', units: 5 });
  });
});
