import fc from 'fast-check';

/**
 * What attackers and broken integrations send: text PostgreSQL cannot store, broken percent-encoding, direction
 * overrides, template and markup injection, huge and empty strings, wrong types, numbers JSON cannot round-trip,
 * hostile nesting and keys that reach prototypes.
 */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  'end\uD83D',
  '%',
  '100%',
  '%E0%A4%A',
  '%00',
  '%zz',
  '\u202Eevil\u202C',
  '\u200B\uFEFF',
  '😀 汉字 Ünïcödé',
  "'; drop table contacts; --",
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{ 7 | times: 7 }}{% for i in (1..100000000) %}x{% endfor %}',
  '../../etc/passwd',
  '\r\n\r\nX-Injected: 1',
  'NaN',
  '1e309',
  '-0',
  'a'.repeat(1_000),
  'b'.repeat(70_000),
] as const;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  // Ordinary-looking text with one character PostgreSQL cannot store somewhere inside.
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('\u0000', '\u0000', '\uD800', '\uDFFF', '\uDBFF'),
        fc.string({ maxLength: 8 }),
      )
      .map(([a, bad, b]) => a + bad + b),
  },
  // Any UTF-16 code unit, lone surrogates and control characters included.
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A JSON token written as is: numbers such as 1e309 that JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a cut sequence) inside a JSON string. */
export class InvalidUtf8 {
  constructor(readonly bytes: number[]) {}
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? { n: value } : [value];
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 53 + 1,
      -1e308,
      [],
      {},
      [null],
      { __proto__: { admin: true } },
      JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}') as unknown,
      nested(40),
      nested(2_000),
      new RawJson('1e309'),
      new RawJson('-1e309'),
      new RawJson('123456789012345678901234567890'),
      new InvalidUtf8([0x80]),
      new InvalidUtf8([0xc0, 0xaf]),
      new InvalidUtf8([0xe0, 0xa4]),
      new InvalidUtf8([0xff, 0xfe]),
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
);

/** JSON as bytes, with RawJson tokens and InvalidUtf8 bytes spliced in where they stand. */
export function jsonBytes(value: unknown): Buffer {
  const parts: Buffer[] = [];
  const text = (s: string) => parts.push(Buffer.from(s, 'utf8'));
  // Iterative, so 2,000 levels of nesting do not exhaust our own stack.
  const stack: ({ value: unknown } | { literal: string })[] = [{ value }];
  while (stack.length) {
    const item = stack.pop()!;
    if ('literal' in item) {
      text(item.literal);
      continue;
    }
    const v = item.value;
    if (v instanceof RawJson) text(v.text);
    else if (v instanceof InvalidUtf8) {
      text('"x');
      parts.push(Buffer.from(v.bytes));
      text('y"');
    } else if (Array.isArray(v)) {
      const items: ({ value: unknown } | { literal: string })[] = [{ literal: '[' }];
      v.forEach((element, i) => {
        if (i) items.push({ literal: ',' });
        items.push({ value: element });
      });
      items.push({ literal: ']' });
      stack.push(...items.reverse());
    } else if (v !== null && typeof v === 'object') {
      const items: ({ value: unknown } | { literal: string })[] = [{ literal: '{' }];
      Object.keys(v).forEach((key, i) => {
        items.push({ literal: `${i ? ',' : ''}${JSON.stringify(key)}:` });
        items.push({ value: (v as Record<string, unknown>)[key] });
      });
      items.push({ literal: '}' });
      stack.push(...items.reverse());
    } else text(JSON.stringify(v) ?? 'null');
  }
  return Buffer.concat(parts);
}

/** Whether a value holds something only a raw body can carry (so it cannot go into a query string as JSON). */
export function needsRawBody(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v instanceof RawJson || v instanceof InvalidUtf8) return true;
    if (v && typeof v === 'object') stack.push(...(Object.values(v) as unknown[]));
  }
  return false;
}
