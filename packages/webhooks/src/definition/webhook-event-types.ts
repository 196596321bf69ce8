/**
 * What an endpoint can subscribe to. The database triggers that queue deliveries
 * (Migration20261211000000Webhooks) produce exactly these types.
 */
export const WEBHOOK_EVENT_TYPES = [
  'message.sent',
  'message.delivered',
  'message.bounced',
  'message.opened',
  'message.clicked',
  'message.replied',
  'message.received',
  'message.unsubscribed',
  'message.complained',
  'contact.created',
  'contact.updated',
  'contact.merged',
  'contact.erased',
  'consent.changed',
  'segment.entered',
  'segment.exited',
  'conversion',
  'journey.entered',
  'journey.ended',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by the test button; never queued by a change, so it cannot be subscribed to. */
export const WEBHOOK_TEST_TYPE = 'webhook.test';
