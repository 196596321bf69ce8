import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { hostileString, hostileValue } from './hostile-values.ts';

/** The parts of JSON Schema (OpenAPI 3.1 and zod's output) the sampler understands; anything else samples as text. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  examples?: unknown[];
  default?: unknown;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  $defs?: Record<string, JsonSchema>;
}

export type SchemaResolver = (ref: string) => JsonSchema | undefined;

/** Resolves `#/components/schemas/X` (OpenAPI) and `#/$defs/X` (zod) against a root document. */
export function resolverFor(root: {
  components?: { schemas?: Record<string, JsonSchema> };
  $defs?: Record<string, JsonSchema>;
}): SchemaResolver {
  return (ref) => {
    const name = ref.split('/').at(-1)!;
    return ref.startsWith('#/$defs/') ? root.$defs?.[name] : root.components?.schemas?.[name];
  };
}

/** Real ids for properties by name (`contactId`, `id`…), so samples reach past "not found" into the procedure. */
export type IdHint = (name: string) => string | undefined;

/** Plausible text for a property by its name and format, so a sample passes validation where it can. */
function sampleText(name: string, schema: JsonSchema, hint?: IdHint): string {
  if (schema.format === 'uuid') return hint?.(name) ?? randomUUID();
  if (schema.format === 'email' || /email/i.test(name)) return `fuzz.${randomUUID().slice(0, 8)}@example.com`;
  if (schema.format === 'date-time' || /(^at$|time|date|since|until|before|after)$/i.test(name))
    return new Date(Date.now() + 86_400_000).toISOString();
  if (/phone/i.test(name)) return '+4915112345678';
  if (/timezone/i.test(name)) return 'Europe/Berlin';
  if (/locale/i.test(name)) return 'en';
  if (/currency/i.test(name)) return 'EUR';
  if (/url|href/i.test(name)) return 'https://example.com/';
  if (/^ref$/.test(name)) return 'email:fuzz.ref@example.com';
  if (/^(event|name|slug|key|topic)$/i.test(name)) return `fuzz_${randomUUID().slice(0, 8)}`;
  return 'fuzz';
}

/** A value the schema accepts, as far as a sampler can tell (the fuzzer then breaks one part of it). */
export function sampleFromSchema(
  schema: JsonSchema | undefined,
  resolve: SchemaResolver,
  name = '',
  depth = 0,
  hint?: IdHint,
): unknown {
  if (!schema || depth > 12) return null;
  if (schema.$ref) return sampleFromSchema(resolve(schema.$ref), resolve, name, depth + 1, hint);
  if (schema.const !== undefined) return schema.const;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) {
    const concrete = options.find((o) => o.type !== 'null') ?? options[0];
    return sampleFromSchema(concrete, resolve, name, depth + 1, hint);
  }
  if (schema.allOf?.length)
    return Object.assign(
      {},
      ...schema.allOf.map((s) => sampleFromSchema(s, resolve, name, depth + 1, hint) as object),
    );
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        if (schema.required?.includes(key) || depth < 2)
          out[key] = sampleFromSchema(property, resolve, key, depth + 1, hint);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sampleFromSchema(schema.items, resolve, name, depth + 1, hint),
      );
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return sampleText(name, schema, hint);
  }
}

/** Every path into a value (objects and arrays, not inside strings), the value itself included as []. */
export function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (prefix.length < 8 && value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value))
      pathsOf(inner, [...prefix, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

function withValueAt(base: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  if (!path.length) return value;
  const copy: unknown = structuredClone(base);
  let target = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) target = target[part] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove && !Array.isArray(target)) delete target[last];
  else target[last] = value;
  return copy;
}

/**
 * Inputs near a valid sample: one part replaced by a hostile value, removed, or an unknown key added; now and then a
 * wholly hostile input. Near-valid inputs reach the deeper validation and the database, not only the outer schema.
 */
export function mutationsOf(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const inner = paths.filter((p) => p.length);
  const valueAt = (path: (string | number)[]) => {
    let value: unknown = base;
    for (const part of path) value = (value as Record<string | number, unknown>)[part];
    return value;
  };
  const leaves = inner.filter((path) => {
    const value = valueAt(path);
    return value === null || typeof value !== 'object';
  });
  const textLeaves = leaves.filter((path) => typeof valueAt(path) === 'string');
  return fc.oneof(
    // Mostly one text leaf of an otherwise valid input, still text but hostile: that is what reaches the database.
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.constantFrom(...(textLeaves.length ? textLeaves : paths)), hostileString)
        .map(([path, value]) => withValueAt(base, path, value, false)),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...(leaves.length ? leaves : paths)), hostileValue)
        .map(([path, value]) => withValueAt(base, path, value, false)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), hostileValue)
        .map(([path, value]) => withValueAt(base, path, value, false)),
    },
    {
      weight: 1,
      arbitrary: inner.length
        ? fc.constantFrom(...inner).map((path) => withValueAt(base, path, undefined, true))
        : hostileValue,
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('unexpected', '__proto__', 'constructor', 'workspaceId'), hostileValue)
        .map(([key, value]) =>
          base !== null && typeof base === 'object' && !Array.isArray(base)
            ? { ...base, [key]: value }
            : value,
        ),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}
