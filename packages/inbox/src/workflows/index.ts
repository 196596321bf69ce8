export { conversationWakeWorkflow } from './conversation-wake.workflow.ts';
export { conversationSlaWorkflow } from './conversation-sla.workflow.ts';
