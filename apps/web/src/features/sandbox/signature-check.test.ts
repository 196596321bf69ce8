import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureMatches } from './signature-check.ts';

describe('checking a webhook signature in the sandbox', () => {
  const body = '{"id":"e1","type":"webhook.test","data":{"message":"你好"}}';
  const header = `t=1796464800,v1=${createHmac('sha256', 'whsec_x').update(`1796464800.${body}`).digest('hex')}`;

  it('matches the server’s HMAC over "t.body", Unicode included', async () => {
    expect(await signatureMatches('whsec_x', body, header)).toBe(true);
  });

  it('refuses another secret, another body and a header without parts', async () => {
    expect(await signatureMatches('whsec_y', body, header)).toBe(false);
    expect(await signatureMatches('whsec_x', `${body} `, header)).toBe(false);
    expect(await signatureMatches('whsec_x', body, 'v1=abc')).toBe(false);
  });
});
