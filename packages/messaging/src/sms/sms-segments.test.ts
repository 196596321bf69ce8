import { describe, expect, it } from 'vitest';
import { segmentSms, smsCost } from './sms-segments.ts';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

describe('segmentSms: GSM-7', () => {
  it('bills an empty body as one segment', () => {
    expect(segmentSms('')).toEqual({
      encoding: 'GSM-7',
      units: 0,
      segments: 1,
      perSegment: 160,
      remainingInSegment: 160,
    });
  });

  it('accepts every character of the basic table at one septet each', () => {
    expect(GSM_BASIC).toHaveLength(127);
    expect(segmentSms(GSM_BASIC)).toMatchObject({ encoding: 'GSM-7', units: 127, segments: 1 });
  });

  it('counts extension-table characters as two septets', () => {
    expect(segmentSms('^{}\\[~]|€\f')).toMatchObject({ encoding: 'GSM-7', units: 20, segments: 1 });
  });

  it('fits exactly 160 septets in one segment', () => {
    expect(segmentSms('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      units: 160,
      segments: 1,
      perSegment: 160,
      remainingInSegment: 0,
    });
  });

  it('switches to 153-septet parts at 161', () => {
    expect(segmentSms('a'.repeat(161))).toEqual({
      encoding: 'GSM-7',
      units: 161,
      segments: 2,
      perSegment: 153,
      remainingInSegment: 145,
    });
    expect(segmentSms('a'.repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(segmentSms('a'.repeat(307))).toMatchObject({ segments: 3, remainingInSegment: 152 });
  });

  it('keeps an escape pair ending exactly at 160 in one segment', () => {
    expect(segmentSms('a'.repeat(158) + '€')).toMatchObject({
      units: 160,
      segments: 1,
      remainingInSegment: 0,
    });
    expect(segmentSms('a'.repeat(159) + '€')).toMatchObject({
      units: 161,
      segments: 2,
      remainingInSegment: 145,
    });
  });

  it('moves an escape pair that would straddle a part boundary to the next part', () => {
    // 306 septets would fit 2 × 153, but € cannot start at septet 153 of part one, so one septet is wasted.
    const body = 'a'.repeat(152) + '€' + 'a'.repeat(152);
    expect(segmentSms(body)).toEqual({
      encoding: 'GSM-7',
      units: 306,
      segments: 3,
      perSegment: 153,
      remainingInSegment: 152,
    });
  });

  it('does not treat look-alikes (lower-case ç, curly quote) as GSM-7', () => {
    expect(segmentSms('ç').encoding).toBe('UCS-2');
    expect(segmentSms('It’s here')).toMatchObject({ encoding: 'UCS-2', units: 9 });
  });
});

describe('segmentSms: UCS-2', () => {
  it('counts Chinese text in UTF-16 units', () => {
    expect(segmentSms('您好，您的验证码是123456，5分钟内有效。')).toEqual({
      encoding: 'UCS-2',
      units: 23,
      segments: 1,
      perSegment: 70,
      remainingInSegment: 47,
    });
  });

  it('fits 70 units in one segment and switches to 67-unit parts at 71', () => {
    expect(segmentSms('你'.repeat(70))).toMatchObject({ segments: 1, perSegment: 70, remainingInSegment: 0 });
    expect(segmentSms('你'.repeat(71))).toEqual({
      encoding: 'UCS-2',
      units: 71,
      segments: 2,
      perSegment: 67,
      remainingInSegment: 63,
    });
  });

  it('forces UCS-2 for the whole message when one character is outside GSM-7', () => {
    expect(segmentSms('a'.repeat(100) + '—')).toMatchObject({ encoding: 'UCS-2', units: 101, segments: 2 });
  });

  it('counts an emoji as a surrogate pair of two units', () => {
    expect(segmentSms('😀')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(segmentSms('你'.repeat(68) + '😀')).toMatchObject({
      units: 70,
      segments: 1,
      remainingInSegment: 0,
    });
  });

  it('never splits a surrogate pair across parts', () => {
    // 134 units would fit 2 × 67, but the emoji cannot start at unit 67 of part one.
    const body = '你'.repeat(66) + '😀' + '你'.repeat(66);
    expect(segmentSms(body)).toEqual({
      encoding: 'UCS-2',
      units: 134,
      segments: 3,
      perSegment: 67,
      remainingInSegment: 66,
    });
  });
});

describe('smsCost', () => {
  it('multiplies and rounds to 5 decimals', () => {
    expect(smsCost(3, 0.0079)).toBe(0.0237);
    expect(smsCost(1, 0.123456789)).toBe(0.12346);
    expect(smsCost(1, 0.000005)).toBe(0.00001);
    expect(smsCost(0, 0.05)).toBe(0);
  });

  it('rejects nonsense input', () => {
    expect(() => smsCost(-1, 0.01)).toThrow(RangeError);
    expect(() => smsCost(1.5, 0.01)).toThrow(RangeError);
    expect(() => smsCost(1, Number.NaN)).toThrow(RangeError);
  });
});
