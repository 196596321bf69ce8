/** The types a custom attribute can have; each workspace defines (or the API infers) one per attribute key. */
export const ATTRIBUTE_TYPES = ['text', 'number', 'boolean', 'date', 'list'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
export type AttributeValue = string | number | boolean | string[] | null;

const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const MAX_TEXT = 2000;
export const MAX_LIST_ITEMS = 100;

export type Coerced = { ok: true; value: AttributeValue } | { ok: false; message: string };

export function isValidAttributeKey(key: string): boolean {
  return KEY.test(key);
}

/** What type a first-seen value implies, so the API can accept new attributes without a schema step. */
export function inferAttributeType(value: unknown): AttributeType | null {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string')
    return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? 'date' : 'text';
  return null;
}

/** Validates (and lightly coerces, e.g. "42" → 42 for numbers from CSV) a value for an attribute of `type`. */
export function coerceAttribute(type: AttributeType, value: unknown): Coerced {
  if (value === null) return { ok: true, value: null };
  switch (type) {
    case 'text':
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      if (typeof value !== 'string') return { ok: false, message: 'must be text' };
      return value.length > MAX_TEXT
        ? { ok: false, message: `must be at most ${MAX_TEXT} characters` }
        : { ok: true, value };
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, message: 'must be a number' };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (typeof value === 'string' && /^(true|false|yes|no|1|0)$/i.test(value.trim()))
        return { ok: true, value: /^(true|yes|1)$/i.test(value.trim()) };
      return { ok: false, message: 'must be true or false' };
    case 'date': {
      if (typeof value !== 'string' || !ISO_DATE.test(value.trim()) || Number.isNaN(Date.parse(value)))
        return { ok: false, message: 'must be an ISO date such as 2026-11-26 or 2026-11-26T09:30:00Z' };
      return { ok: true, value: value.trim() };
    }
    case 'list': {
      const items =
        typeof value === 'string'
          ? value
              .split(/[;,]/)
              .map((s) => s.trim())
              .filter(Boolean)
          : value;
      if (!Array.isArray(items) || items.some((i) => typeof i !== 'string' || i.length > 200))
        return { ok: false, message: 'must be a list of texts (each at most 200 characters)' };
      if (items.length > MAX_LIST_ITEMS)
        return { ok: false, message: `must have at most ${MAX_LIST_ITEMS} items` };
      return { ok: true, value: [...new Set(items as string[])] };
    }
  }
}
