import type { api } from '../../lib/trpc.ts';

export type SegmentRules = Parameters<typeof api.segments.preview.query>[0]['rules'];
export type Condition = SegmentRules['conditions'][number];
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** A segment condition before the user picked the segment. */
const PLACEHOLDER_SEGMENT = '00000000-0000-4000-8000-000000000000';

export const CONDITION_KINDS = [
  'attribute',
  'field',
  'tag',
  'lifecycle',
  'event',
  'engagement',
  'consent',
  'segment',
  'bucket',
] as const;

export const OPS_BY_TYPE: Record<string, string[]> = {
  text: ['eq', 'neq', 'contains', 'not_contains', 'starts_with', 'exists', 'not_exists'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'],
  boolean: ['is_true', 'is_false', 'exists', 'not_exists'],
  date: ['within_last_days', 'not_within_last_days', 'before', 'after', 'exists', 'not_exists'],
  list: ['includes', 'exists', 'not_exists'],
  timestamp: ['within_last_days', 'not_within_last_days', 'before', 'after'],
};

export const FIELD_TYPES: Record<string, string> = {
  email: 'text',
  phone: 'text',
  firstName: 'text',
  lastName: 'text',
  timezone: 'text',
  locale: 'text',
  leadScore: 'number',
  createdAt: 'timestamp',
};

/** Operators whose value is a number of days or a number rather than text. */
export const NUMERIC_VALUE_OPS = new Set(['within_last_days', 'not_within_last_days']);

export function newCondition(kind: ConditionKind, firstAttribute?: string): Condition {
  switch (kind) {
    case 'attribute':
      return { kind, key: firstAttribute ?? 'plan', op: 'eq', value: '' };
    case 'field':
      return { kind, field: 'leadScore', op: 'gte', value: 50 };
    case 'tag':
      return { kind, op: 'has', value: '' };
    case 'lifecycle':
      return { kind, op: 'at_least', value: 'mql' };
    case 'event':
      return { kind, op: 'did', name: 'order_completed', atLeast: 1, withinDays: 30, where: [] };
    case 'engagement':
      return { kind, op: 'did', channel: 'email', action: 'opened', withinDays: 30 };
    case 'consent':
      return { kind, channel: 'email', topic: '', status: 'opted_in' };
    case 'segment':
      return { kind, op: 'in', segmentId: PLACEHOLDER_SEGMENT };
    case 'bucket':
      return { kind, salt: 'split-1', from: 0, to: 10 };
  }
}

export const emptyRules = (): SegmentRules => ({ kind: 'group', match: 'all', conditions: [] });

/** Operators that compare with nothing the user types. */
export const VALUELESS_OPS = new Set(['exists', 'not_exists', 'is_true', 'is_false']);

type RuleNode = SegmentRules | Condition;

/**
 * Whether a rule still has a blank the user has not filled (a new tag condition, an event without a name): the
 * builder waits for it instead of asking the server and showing its refusal before anyone typed.
 */
export function isUnfinished(node: RuleNode): boolean {
  const blank = (value: unknown) =>
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  switch (node.kind) {
    case 'group':
      return node.conditions.some((child) => isUnfinished(child));
    case 'tag':
      return blank(node.value);
    case 'attribute':
      return blank(node.key) || (!VALUELESS_OPS.has(node.op) && blank(node.value));
    case 'field':
      return !VALUELESS_OPS.has(node.op) && blank(node.value);
    case 'event':
      return blank(node.name) || (node.where ?? []).some((f) => blank(f.key) || blank(f.value));
    case 'segment':
      return node.segmentId === PLACEHOLDER_SEGMENT;
    default:
      return false;
  }
}
