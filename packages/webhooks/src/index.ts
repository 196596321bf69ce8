export {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TEST_TYPE,
  type WebhookEventType,
} from './definition/webhook-event-types.ts';
export { nextAttemptAt, RETRY_FOR_MS } from './definition/retry-schedule.ts';
export {
  webhookEndpointInput,
  webhookEndpointPatch,
  endpointUrlProblem,
  createWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
  rotateWebhookSecret,
  deleteWebhookEndpoint,
  type WebhookEndpointView,
} from './store/webhook-endpoints.ts';
export {
  listWebhookDeliveries,
  webhookDeliveryDetail,
  resendWebhookDelivery,
  sendTestWebhook,
  type WebhookDeliveryView,
} from './store/webhook-deliveries.ts';
export {
  deliverDueWebhooks,
  type WebhookDeliveryDeps,
  type DeliverDueResult,
} from './activities/deliver-due-webhooks.ts';
export { createWebhookActivities, type WebhookActivities } from './activities/webhook-activities.ts';
export { WebhookWaker, webhookWorkflowId, type WebhookWakerDeps } from './wake/webhook-waker.ts';
export {
  internetAndPrivateTargets,
  publicInternet,
  verifyWebhookSignature,
  type WebhookTransport,
} from './transport/index.ts';
