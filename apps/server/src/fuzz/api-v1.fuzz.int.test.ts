import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_SCOPES, createApiKey } from '@switchboard/accounts';
import { useTestApp } from '../testing/test-app.ts';
import { seedWorkspace } from '../testing/seed-workspace.ts';
import { openApiDocument } from '../routes/api-v1/openapi-document.ts';
import { jsonBytes } from './hostile-values.ts';
import { mutationsOf, resolverFor, sampleFromSchema, type JsonSchema } from './schema-samples.ts';
import { answerProblem, databaseFingerprint, mustBeRefused } from './response-checks.ts';
import { fuzzParameters, urlPart } from './fuzz-settings.ts';

/**
 * Every /api/v1 operation of the OpenAPI document, called with inputs near a valid sample and one part hostile:
 * never a 5xx, never a stack trace, a refusal names the field, and a refused request changes no table.
 */
const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'fuzz');
const { key } = await createApiKey(t.database.db.fork(), {
  workspaceId: acme.id,
  name: 'fuzz',
  scopes: [...API_SCOPES],
  actor: { type: 'cli', id: null, label: 'fuzz' },
});
// Some contacts for references to find.
for (const email of ['fuzz.ref@example.com', 'ana@example.com'])
  await t.app.request('/api/v1/identify', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, firstName: 'Fuzz' }),
  });

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: JsonSchema;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const document = openApiDocument('http://switchboard.test');
const resolve = resolverFor(document);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = Object.entries(
  document.paths as unknown as Record<string, Record<string, Operation> & { parameters?: Parameter[] }>,
).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => HTTP_METHODS.includes(method))
    .map(([method, entry]) => ({ method, operation: entry as Operation }))
    .map(({ method, operation }) => ({
      path,
      method,
      // Parameters declared once for the path apply to each of its operations.
      operation: { ...operation, parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])] },
    })),
);

interface RequestInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
}

function sampleRequest(path: string, operation: Operation): RequestInput {
  const params: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const parameter of operation.parameters ?? []) {
    const value = sampleFromSchema(parameter.schema, resolve, parameter.name);
    if (parameter.in === 'path') params[parameter.name] = value;
    if (parameter.in === 'query') query[parameter.name] = value;
  }
  for (const [, name] of path.matchAll(/\{(\w+)\}/g))
    params[name!] ??= sampleFromSchema({ type: 'string' }, resolve, name);
  const json = operation.requestBody?.content?.['application/json'];
  return json ? { params, query, body: sampleFromSchema(json.schema, resolve) } : { params, query };
}

/** A URL carries bytes: text goes as UTF-8, so a lone surrogate arrives as U+FFFD (as from any browser). */
const asSentInUrl = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'), 'utf8').toString('utf8');

async function call(method: string, path: string, input: RequestInput) {
  const params = input.params ?? {};
  const query = input.query && typeof input.query === 'object' ? input.query : {};
  const url =
    '/api/v1' +
    path.replace(/\{(\w+)\}/g, (_, name: string) => urlPart(params[name] ?? 'missing')) +
    (Object.keys(query).length
      ? '?' +
        Object.entries(query)
          .map(([k, v]) => `${urlPart(k)}=${urlPart(v)}`)
          .join('&')
      : '');
  const hasBody = 'body' in input && method !== 'get' && method !== 'delete';
  const res = await t.app.request(url, {
    method: method.toUpperCase(),
    headers: {
      authorization: `Bearer ${key}`,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(hasBody ? { body: jsonBytes(input.body) } : {}),
  });
  // What actually went out: the path's own parameters, the query and the body; nothing else of the input.
  const sent = {
    path: [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => asSentInUrl(params[name!] ?? 'missing')),
    query: Object.entries(query).map(([k, v]) => [asSentInUrl(k), asSentInUrl(v)]),
    ...(hasBody ? { body: input.body } : {}),
  };
  return { status: res.status, body: await res.text(), sent };
}

describe('fuzzing /api/v1 from its OpenAPI document', () => {
  it('covers every operation of the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
  });

  for (const { path, method, operation } of operations) {
    // The CSV upload has its own property below (its body is a file, not JSON).
    if (path === '/imports' && method === 'post') continue;
    it(`${method.toUpperCase()} ${path}`, async () => {
      const base = sampleRequest(path, operation);
      await fc.assert(
        fc.asyncProperty(mutationsOf(base), async (mutated) => {
          const input = (
            mutated && typeof mutated === 'object' ? mutated : { params: {}, query: {}, body: mutated }
          ) as RequestInput;
          const before = await databaseFingerprint(t.database.db);
          const answer = await call(method, path, input);
          const problem = answerProblem(answer, 'rest');
          if (problem) throw new Error(`${method.toUpperCase()} ${path}: ${problem}`);
          if (answer.status < 400 && mustBeRefused(answer.sent))
            throw new Error(
              `${method.toUpperCase()} ${path} accepted input it cannot store as sent (${answer.status})`,
            );
          if (answer.status >= 400 && (await databaseFingerprint(t.database.db)) !== before)
            throw new Error(
              `${method.toUpperCase()} ${path} answered ${answer.status} but changed the database`,
            );
        }),
        fuzzParameters(80),
      );
    }, 120_000);
  }

  it('POST /imports: hostile files are refused with a reason, never a 5xx, and leave nothing behind', async () => {
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc
        .array(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 4 }), {
          maxLength: 6,
        })
        .map((rows) => Buffer.from(['Email,Name', ...rows.map((r) => r.join(','))].join('\n'))),
      fc.constantFrom(
        Buffer.from('Email\n"never closed\nx@y.de\n'),
        Buffer.from('E\u0000m\u0000a\u0000i\u0000l\u0000\n'),
        Buffer.from([0xef, 0xbb, 0xbf, 0x45, 0x0a, 0xff]),
        Buffer.from('Email\n' + 'x,'.repeat(10_000)),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.constantFrom('', '?options=%7B', '?mapping=%00', '?fileName=%E0%A4%A'),
        async (bytes, query) => {
          const before = await databaseFingerprint(t.database.db);
          const res = await t.app.request(`/api/v1/imports${query}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
            body: bytes,
          });
          const answer = { status: res.status, body: await res.text() };
          const problem = answerProblem(answer, 'rest');
          if (problem) throw new Error(`POST /imports: ${problem}`);
          if (answer.status >= 400 && (await databaseFingerprint(t.database.db)) !== before)
            throw new Error(`POST /imports answered ${answer.status} but changed the database`);
        },
      ),
      fuzzParameters(30),
    );
  }, 120_000);

  it('stores accepted text exactly: what identify accepts comes back the same', async () => {
    const storable = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(storable, storable, async (firstName, note) => {
        const email = `roundtrip.${Math.random().toString(36).slice(2)}@example.com`;
        const identify = await t.app.request('/api/v1/identify', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ email, firstName, attributes: { note: `x${note}` } }),
        });
        expect(identify.status).toBeLessThan(300);
        const read = await t.app.request(`/api/v1/contacts/email:${encodeURIComponent(email)}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        const contact = (
          (await read.json()) as { contact: { firstName: string; attributes: { note: string } } }
        ).contact;
        expect(contact.firstName).toBe(firstName);
        expect(contact.attributes.note).toBe(`x${note}`);
      }),
      fuzzParameters(30),
    );
  }, 120_000);
});
