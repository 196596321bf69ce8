/**
 * SMS segment counting per 3GPP TS 23.038 (GSM 03.38) and the concatenated-SMS user data header.
 *
 * A single SMS carries 140 octets: 160 GSM-7 septets or 70 UCS-2 code units. Once a message needs more than one
 * part, each part loses 6 octets to the concatenation header, leaving 153 septets or 67 code units.
 */

export interface SmsSegmentation {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (extension-table characters count 2) or UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Capacity of each segment: 160/153 for GSM-7, 70/67 for UCS-2 (single part / multi part). */
  perSegment: number;
  /** Units still free in the last segment before another segment would be needed. */
  remainingInSegment: number;
}

/**
 * The GSM 03.38 default alphabet, in code order 0x00–0x7F. 0x1B is the escape to the extension table, not a
 * character, so it is left out here. 0x09 is the capital C cedilla as the standard defines it (not 'ç').
 */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
    ' !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' +
    '¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Extension table characters: each is sent as ESC + code, so it costs 2 septets. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

type Encoding = SmsSegmentation['encoding'];

function isGsm7(char: string): boolean {
  return GSM7_BASIC.has(char) || GSM7_EXTENSION.has(char);
}

/** Cost of one character (a whole code point) in the chosen encoding. */
function unitWidth(char: string, encoding: Encoding): number {
  if (encoding === 'UCS-2') return char.length; // 2 for astral code points (surrogate pair), else 1
  return GSM7_EXTENSION.has(char) ? 2 : 1;
}

/**
 * Greedy packing of characters into parts of `capacity` units. A character that would straddle a boundary moves
 * whole to the next part, because carriers never split an escape sequence or a surrogate pair; that waste is why
 * dividing the unit count by the capacity can under-count.
 */
function packSegments(widths: number[], capacity: number): { segments: number; lastFill: number } {
  let segments = 1;
  let fill = 0;
  for (const width of widths) {
    if (fill + width > capacity) {
      segments += 1;
      fill = 0;
    }
    fill += width;
  }
  return { segments, lastFill: fill };
}

/**
 * Counts the segments a message body will be billed as.
 *
 * An empty body is reported as 1 segment with 0 units: carriers still send (and bill) one empty message, and it
 * keeps `segments >= 1` as an invariant for cost estimates.
 */
export function segmentSms(body: string): SmsSegmentation {
  // Iterating the string yields whole code points, so a surrogate pair is never separated.
  const chars = Array.from(body);
  const encoding: Encoding = chars.every(isGsm7) ? 'GSM-7' : 'UCS-2';
  const widths = chars.map((char) => unitWidth(char, encoding));
  const units = widths.reduce((sum, width) => sum + width, 0);
  const limit = LIMITS[encoding];

  if (units <= limit.single) {
    return {
      encoding,
      units,
      segments: 1,
      perSegment: limit.single,
      remainingInSegment: limit.single - units,
    };
  }
  const { segments, lastFill } = packSegments(widths, limit.multi);
  return { encoding, units, segments, perSegment: limit.multi, remainingInSegment: limit.multi - lastFill };
}

/** Rounds to 5 decimals, first trimming binary noise (3 × 0.0079 = 0.023700000000000002) so halves round up. */
function roundTo5(value: number): number {
  const scaled = Number((value * 1e5).toPrecision(15));
  return Math.round(scaled) / 1e5;
}

/** Price of a message: segments × price per segment, rounded to 5 decimals (sub-cent carrier prices). */
export function smsCost(segments: number, pricePerSegment: number): number {
  if (!Number.isInteger(segments) || segments < 0) {
    throw new RangeError(`segments must be a non-negative integer, got ${segments}`);
  }
  if (!Number.isFinite(pricePerSegment) || pricePerSegment < 0) {
    throw new RangeError(`pricePerSegment must be a non-negative finite number, got ${pricePerSegment}`);
  }
  return roundTo5(segments * pricePerSegment);
}
