import { describe, expect, it } from 'vitest';
import { webhookSignature } from './post-webhook.ts';
import { verifyWebhookSignature } from './verify-signature.ts';

const at = new Date('2026-12-05T10:00:00Z');
const body = '{"id":"evt_1","type":"contact.created"}';

describe('verifying a webhook signature', () => {
  it('accepts what Switchboard signed, within five minutes', () => {
    const header = webhookSignature('whsec_a', body, at);
    expect(verifyWebhookSignature('whsec_a', body, header, { now: new Date(at.getTime() + 299_000) })).toBe(
      true,
    );
  });

  it('refuses another secret, a changed body, an old timestamp and garbage', () => {
    const header = webhookSignature('whsec_a', body, at);
    expect(verifyWebhookSignature('whsec_b', body, header, { now: at })).toBe(false);
    expect(verifyWebhookSignature('whsec_a', body.replace('1', '2'), header, { now: at })).toBe(false);
    expect(verifyWebhookSignature('whsec_a', body, header, { now: new Date(at.getTime() + 301_000) })).toBe(
      false,
    );
    expect(verifyWebhookSignature('whsec_a', body, 'v1=zz', { now: at })).toBe(false);
    expect(verifyWebhookSignature('whsec_a', body, '', { now: at })).toBe(false);
  });
});
