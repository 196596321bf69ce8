export { segmentMembershipWorkflow, type SegmentMembershipInput } from './segment-membership.workflow.ts';
