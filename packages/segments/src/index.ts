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
  type CompileContext,
  type CompiledSegment,
  type AttributeType,
} from './compiler/compile-segment.ts';
export {
  previewSegment,
  listSegments,
  getSegment,
  saveSegment,
  deleteSegment,
  compileContext,
  type SegmentInput,
  type SegmentView,
} from './store/segment-store.ts';
