export { deliverMessageWorkflow, type DeliverMessageInput } from './deliver-message.workflow.ts';
export { resumeStalledMessagesWorkflow } from './resume-stalled-messages.workflow.ts';
