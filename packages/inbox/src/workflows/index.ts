export { conversationWakeWorkflow } from './conversation-wake.workflow.ts';
