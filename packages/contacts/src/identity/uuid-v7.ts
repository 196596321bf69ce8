import { randomFillSync } from 'node:crypto';

/**
 * A time-ordered UUID (RFC 9562 version 7): 48 bits of milliseconds, then random bits. New rows land at the right
 * edge of the primary-key index instead of on random pages, which keeps bulk inserts fast as tables grow.
 */
export function uuidV7(now = Date.now()): string {
  const bytes = randomFillSync(new Uint8Array(16));
  bytes[0] = (now / 2 ** 40) & 0xff;
  bytes[1] = (now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
