import { describe, expect, it } from 'vitest';
import { matchesFilters, propertyAt, triggerKeyOf } from './property-filters.ts';

const cart = {
  cart_id: 'c-1',
  total: '59.90',
  items: [{ sku: 'MUG' }],
  tags: ['gift', 'Sale'],
  __proto__: { evil: 1 },
};

describe('event property filters', () => {
  it('reads dotted paths through arrays, never through the prototype', () => {
    expect(propertyAt(cart, 'items.0.sku')).toBe('MUG');
    expect(propertyAt(cart, 'evil')).toBeUndefined();
    expect(propertyAt(cart, 'constructor')).toBeUndefined();
    expect(propertyAt(null, 'a')).toBeUndefined();
  });

  it('compares numbers given as text, strings without case, and arrays by membership', () => {
    expect(matchesFilters(cart, [{ property: 'total', op: 'gt', value: 50 }])).toBe(true);
    expect(matchesFilters(cart, [{ property: 'total', op: 'lte', value: 59.9 }])).toBe(true);
    expect(matchesFilters(cart, [{ property: 'tags', op: 'contains', value: 'sale' }])).toBe(true);
    expect(matchesFilters(cart, [{ property: 'items.0.sku', op: 'eq', value: 'mug' }])).toBe(true);
    expect(matchesFilters(cart, [{ property: 'items.0.sku', op: 'neq', value: 'mug' }])).toBe(false);
    expect(matchesFilters(cart, [{ property: 'coupon', op: 'exists' }])).toBe(false);
    expect(matchesFilters(cart, [{ property: 'coupon', op: 'neq', value: 'X' }])).toBe(false);
    expect(matchesFilters(cart, [{ property: 'total', op: 'gt', value: 'abc' }])).toBe(false);
    expect(matchesFilters(cart, [])).toBe(true);
  });

  it('keys instances by a string or number property and refuses keyed events without one', () => {
    expect(triggerKeyOf(cart, 'cart_id')).toBe('c-1');
    expect(triggerKeyOf({ cart_id: 7 }, 'cart_id')).toBe('7');
    expect(triggerKeyOf({ cart_id: ' ' }, 'cart_id')).toBeNull();
    expect(triggerKeyOf({ cart_id: { a: 1 } }, 'cart_id')).toBeNull();
    expect(triggerKeyOf({}, undefined)).toBe('');
  });
});
