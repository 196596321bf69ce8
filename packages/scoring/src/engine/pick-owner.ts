import { LIFECYCLE_STAGES, type LifecycleStage } from '@switchboard/contacts';

export interface AssignmentRuleView {
  id: string;
  name: string;
  position: number;
  stage: LifecycleStage;
  attributeKey: string | null;
  attributeValue: string | null;
  /** Users still in the workspace, in the order the rule lists them. */
  userIds: string[];
  nextIndex: number;
}

export interface AssignableContact {
  lifecycleStage: LifecycleStage;
  attributes: Record<string, unknown>;
}

const rank = (stage: LifecycleStage) => LIFECYCLE_STAGES.indexOf(stage);

/** Attribute values compare as text, case-insensitively ("EU" matches "eu"); lists match if any item does. */
function attributeMatches(value: unknown, wanted: string): boolean {
  const want = wanted.trim().toLowerCase();
  const same = (v: unknown) =>
    (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') &&
    String(v).trim().toLowerCase() === want;
  return Array.isArray(value) ? value.some(same) : same(value);
}

/**
 * The rule that hands this contact to someone: the first (by position) whose stage the contact has reached, whose
 * attribute filter matches, and which still has users. The owner is the rule's next user in round-robin order.
 */
export function pickOwner(rules: readonly AssignmentRuleView[], contact: AssignableContact) {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    if (rank(contact.lifecycleStage) < rank(rule.stage)) continue;
    if (
      rule.attributeKey &&
      !attributeMatches(contact.attributes[rule.attributeKey], rule.attributeValue ?? '')
    )
      continue;
    if (rule.userIds.length === 0) continue;
    return { rule, userId: rule.userIds[rule.nextIndex % rule.userIds.length]! };
  }
  return null;
}
