import type { Hono } from 'hono';
import {
  AttributeSchema,
  InputError,
  batchSchema,
  identifyContact,
  identifySchema,
  identifyInputFrom,
  ingestEvents,
  trackSchema,
  eventInputFrom,
  type EventInput,
  type FieldErrors,
  type IdentifyInput,
  type AttributeType,
  UnknownContactError,
  EventGroupCommit,
} from '@switchboard/contacts';
import type { Database } from '@switchboard/db';
import type { Actor } from '@switchboard/accounts';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';

const actorOf = (c: { get(key: 'principal'): ApiV1Env['Variables']['principal'] }): Actor => {
  const principal = c.get('principal');
  return { type: 'api_key', id: principal.keyId, label: `API key ${principal.name}` };
};

function throwIfErrors(errors: FieldErrors) {
  if (Object.keys(errors).length) throw new InputError(errors);
}

/** identify, track and batch: how CRMs, websites and backends push people and what they do. */
export function mountIngestionRoutes(api: Hono<ApiV1Env>, deps: { db: Database }) {
  // Four writes in flight kept both the 1-event and the 100-event benchmarks at their best on 2 cores (ADR 0010).
  const groupCommit = new EventGroupCommit(deps.db, { maxConcurrentFlushes: 4 });
  api.post('/identify', requireScope('contacts:write'), async (c) => {
    const body = identifySchema.parse(await readJson(c));
    const em = deps.db.fork();
    const workspaceId = c.get('principal').workspace.id;
    const schema = await AttributeSchema.load(em, workspaceId);
    const { input, newTypes, errors } = identifyInputFrom(body, schema, actorOf(c), new Date());
    throwIfErrors(errors);
    await schema.define(em, newTypes);
    const result = await identifyContact(em, workspaceId, input);
    return c.json(
      { contactId: result.contact.id, created: result.created, mergedContactIds: result.mergedContactIds },
      result.created ? 201 : 200,
    );
  });

  api.post('/track', requireScope('events:write'), async (c) => {
    const body = trackSchema.parse(await readJson(c));
    const { input, errors } = eventInputFrom(body, new Date());
    throwIfErrors(errors);
    const status = await groupCommit.submit(c.get('principal').workspace.id, input);
    return c.json({ status });
  });

  api.post('/batch', async (c) => {
    const body = batchSchema.parse(await readJson(c));
    const principal = c.get('principal');
    const needs = new Set(body.batch.map((i) => (i.type === 'identify' ? 'contacts:write' : 'events:write')));
    const missing = [...needs].filter((s) => !principal.scopes.includes(s));
    if (missing.length)
      return c.json(
        {
          error: {
            code: 'forbidden',
            message: `This API key lacks the ${missing.map((m) => `"${m}"`).join(' and ')} scope`,
          },
        },
        403,
      );

    const em = deps.db.fork();
    const now = new Date();
    const identifies = body.batch.some((i) => i.type === 'identify');
    const schema = identifies
      ? await AttributeSchema.load(em, principal.workspace.id)
      : AttributeSchema.empty(principal.workspace.id);
    const errors: FieldErrors = {};
    const newTypes = new Map<string, AttributeType>();
    // Validate everything first: a batch with one bad item writes nothing.
    const steps: ({ type: 'identify'; input: IdentifyInput } | { type: 'track'; input: EventInput })[] =
      body.batch.map((item, index) => {
        const prefix = `batch.${index}.`;
        if (item.type === 'identify') {
          const { type: _type, ...rest } = item;
          const converted = identifyInputFrom(rest, schema, actorOf(c), now, prefix);
          Object.assign(errors, converted.errors);
          for (const [k, v] of converted.newTypes) newTypes.set(k, v);
          return { type: 'identify', input: converted.input };
        }
        const { type: _type, ...rest } = item;
        const converted = eventInputFrom(rest, now, prefix);
        Object.assign(errors, converted.errors);
        return { type: 'track', input: converted.input };
      });
    throwIfErrors(errors);

    if (!identifies) {
      // Events only: they join concurrent calls in one write, and still stand or fall together.
      const outcomes = await groupCommit
        .submitAll(
          principal.workspace.id,
          steps.flatMap((step) => (step.type === 'track' ? [step.input] : [])),
        )
        .catch((error: unknown) => {
          if (error instanceof UnknownContactError) error.field = `batch.${error.index}.contactId`;
          throw error;
        });
      return c.json({ results: outcomes.map((status, index) => ({ index, type: 'track', status })) });
    }

    const results = await em.transactional(async (tx) => {
      await schema.define(tx, newTypes);
      const out: { index: number; type: string; status: string; contactId?: string }[] = [];
      let pending: { index: number; input: EventInput }[] = [];
      const flushTracks = async () => {
        if (!pending.length) return;
        const ingested = await ingestEvents(
          tx,
          principal.workspace.id,
          pending.map((p) => p.input),
          now,
        ).catch((error: unknown) => {
          if (error instanceof UnknownContactError)
            error.field = `batch.${pending[error.index]!.index}.contactId`;
          throw error;
        });
        pending.forEach((p, i) => out.push({ index: p.index, type: 'track', status: ingested.outcomes[i]! }));
        pending = [];
      };
      for (const [index, step] of steps.entries()) {
        if (step.type === 'track') {
          pending.push({ index, input: step.input });
          continue;
        }
        await flushTracks();
        const identified = await identifyContact(tx, principal.workspace.id, step.input);
        out.push({
          index,
          type: 'identify',
          status: identified.created ? 'created' : 'updated',
          contactId: identified.contact.id,
        });
      }
      await flushTracks();
      return out.sort((a, b) => a.index - b.index);
    });
    return c.json({ results });
  });
}
