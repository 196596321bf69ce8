export { journeyInstanceWorkflow, type JourneyWorkflowInput } from './journey-instance.workflow.ts';
