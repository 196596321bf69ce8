import type { Permission } from '@switchboard/accounts';

/**
 * A permission some inputs of a procedure need on top of the procedure's own: each action inside a procedure needs
 * the permission of what it changes (adding to a list changes a list; a filter reaches the whole audience).
 */
export interface InputAccessRule {
  /** `action.kind=addToList`: the value at a dotted path equals this; `target.filter`: the path is present. */
  when: string;
  access: Permission;
  /** What the rule guards, completing "Your role cannot …". */
  doing: string;
}

function valueAt(input: unknown, path: string): unknown {
  let value = input;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Whether the raw (not yet validated) input selects what the rule guards. */
export function ruleApplies(rule: Pick<InputAccessRule, 'when'>, input: unknown): boolean {
  const eq = rule.when.indexOf('=');
  if (eq < 0) return valueAt(input, rule.when) !== undefined;
  return valueAt(input, rule.when.slice(0, eq)) === rule.when.slice(eq + 1);
}

/** The smallest raw input that selects the rule, for tests that walk every rule with every role. */
export function inputSelecting(rule: Pick<InputAccessRule, 'when'>): Record<string, unknown> {
  const eq = rule.when.indexOf('=');
  const path = (eq < 0 ? rule.when : rule.when.slice(0, eq)).split('.');
  const leaf: unknown = eq < 0 ? {} : rule.when.slice(eq + 1);
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf) as Record<string, unknown>;
}
