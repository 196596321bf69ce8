export {
  postWebhook,
  webhookSignature,
  publicInternet,
  internetAndPrivateTargets,
  WebhookFailed,
  WebhookRefused,
  RESPONSE_BODY_LIMIT,
  type WebhookTransport,
  type WebhookResponse,
} from './post-webhook.ts';
export { isPublicAddress } from './public-address.ts';
export { verifyWebhookSignature } from './verify-signature.ts';
