export {
  webhookEndpointWorkflow,
  webhooksQueuedSignal,
  type WebhookEndpointWorkflowInput,
} from './webhook-endpoint.workflow.ts';
