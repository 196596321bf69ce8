import type { PropertyFilter } from '../definition/journey-graph.ts';

/** The value at a dotted path (`items.0.sku`), own properties only, so `__proto__` or `constructor` find nothing. */
export function propertyAt(properties: unknown, path: string): unknown {
  let value: unknown = properties;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const asNumber = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
};

/** Equal as the marketer means it: `"42"` equals 42, `"true"` equals true, strings ignore case. */
function looselyEqual(actual: unknown, expected: unknown): boolean {
  const a = asNumber(actual);
  const b = asNumber(expected);
  if (a !== null && b !== null) return a === b;
  if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean') return false;
  return String(actual).toLowerCase() === String(expected).toLowerCase();
}

function compare(actual: unknown, expected: unknown): number | null {
  const a = asNumber(actual);
  const b = asNumber(expected);
  if (a !== null && b !== null) return a - b;
  // ISO dates and other strings compare as text.
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  return null;
}

/** Whether one property satisfies one filter (`not_exists` for branches; events use `exists`). */
export function matchesCondition(
  actual: unknown,
  op: PropertyFilter['op'] | 'not_exists',
  expected: PropertyFilter['value'],
): boolean {
  const present = actual !== undefined && actual !== null && actual !== '';
  switch (op) {
    case 'exists':
      return present;
    case 'not_exists':
      return !present;
    case 'eq':
      return Array.isArray(actual)
        ? actual.some((item) => looselyEqual(item, expected))
        : looselyEqual(actual, expected);
    case 'neq':
      return (
        present &&
        !(Array.isArray(actual)
          ? actual.some((i) => looselyEqual(i, expected))
          : looselyEqual(actual, expected))
      );
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => looselyEqual(item, expected));
      return (
        typeof actual === 'string' && actual.toLowerCase().includes(String(expected ?? '').toLowerCase())
      );
    default: {
      const order = compare(actual, expected);
      if (order === null) return false;
      return op === 'gt' ? order > 0 : op === 'gte' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
    }
  }
}

/** Whether an event's properties pass every filter (no filters: every event of the name). */
export function matchesFilters(properties: unknown, filters: readonly PropertyFilter[]): boolean {
  return filters.every((filter) =>
    matchesCondition(propertyAt(properties, filter.property), filter.op, filter.value),
  );
}

/** The trigger key's value as instances store it ('' = not keyed); null when a keyed event lacks it. */
export function triggerKeyOf(properties: unknown, keyPath: string | undefined): string | null {
  if (!keyPath) return '';
  const value = propertyAt(properties, keyPath);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.slice(0, 200);
}
