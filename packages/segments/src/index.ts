export {
  segmentGroupSchema,
  STAGES,
  FIELDS,
  CHANNELS,
  ENGAGEMENT_ACTIONS,
  type SegmentGroup,
  type SegmentCondition,
} from './rules/segment-rules.ts';
export {
  compileSegment,
  SegmentCompileError,
  STATIC_LIST,
  type CompileContext,
  type CompiledSegment,
  type AttributeType,
  type EventVolumes,
} from './compiler/compile-segment.ts';
export { estimateEventVolumes, forWholeWorkspace } from './store/event-volumes.ts';
export {
  previewSegment,
  listSegments,
  getSegment,
  saveSegment,
  deleteSegment,
  compileContext,
  segmentMembers,
  segmentMembersPage,
  liveSegmentCount,
  savedSegmentFilter,
  contactSegments,
  type SegmentInput,
  type SegmentView,
} from './store/segment-store.ts';
export {
  refreshMembershipFor,
  recomputeWorkspace,
  changedContacts,
  currentCursor,
  workspacesToRecompute,
  SEGMENT_ENTERED,
  SEGMENT_EXITED,
  type ChangeCursor,
} from './membership/segment-membership.ts';
export { findOrCreateStaticList, addToStaticList } from './store/static-lists.ts';
