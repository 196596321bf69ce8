export { conversationWakeWorkflow } from './conversation-wake.workflow.ts';
export { conversationSlaWorkflow } from './conversation-sla.workflow.ts';
export { offlineAgentsSweepWorkflow } from './offline-agents-sweep.workflow.ts';
