import { describe, expect, it } from 'vitest';
import { smsLength } from './sms-length.ts';

describe('SMS length preview', () => {
  it('counts GSM-7 texts in 160-character parts, 153 once split', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
  });

  it('switches to UCS-2 for Chinese or emoji: 70 units, 67 once split', () => {
    expect(smsLength('你好'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsLength('你好'.repeat(36))).toEqual({ encoding: 'UCS-2', units: 72, segments: 2 });
    expect(smsLength('Sale 🎉')).toMatchObject({ encoding: 'UCS-2', units: 7 });
  });
});
