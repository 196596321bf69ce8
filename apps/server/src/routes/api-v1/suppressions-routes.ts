import type { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '@switchboard/db';
import {
  addSuppressions,
  listSuppressions,
  lookUpSuppressions,
  removeSuppressions,
  suppressionChangeInput,
  suppressionLookupInput,
  SUPPRESSION_REASONS,
} from '@switchboard/contacts';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';
import { apiActor } from './request-parts.ts';

const listQuery = z.object({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  reason: z.enum(SUPPRESSION_REASONS).optional(),
  kind: z.enum(['email', 'phone', 'wechatId', 'externalId']).optional(),
});
const removeInput = z
  .object({
    email: z.string().max(254).optional(),
    phone: z.string().max(40).optional(),
    wechatId: z.string().max(200).optional(),
    externalId: z.string().max(200).optional(),
    reason: z.enum(SUPPRESSION_REASONS),
  })
  .strict();

/**
 * The suppression list from code: addresses are never stored, only SHA-256 of "<kind>:<normalised value>", so the
 * list shows hashes and a lookup answers for the addresses a caller already has. Addresses travel in bodies, not
 * URLs (which end up in logs).
 */
export function mountSuppressionRoutes(api: Hono<ApiV1Env>, deps: { db: Database }) {
  const read = requireScope('suppressions:read');
  const write = requireScope('suppressions:write');

  api.get('/suppressions', read, async (c) => {
    const query = listQuery.parse(c.req.query());
    return c.json(
      await listSuppressions(deps.db.fork(), c.get('principal').workspace.id, {
        limit: query.limit,
        ...(query.after ? { after: query.after } : {}),
        ...(query.reason ? { reason: query.reason } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
      }),
    );
  });

  api.post('/suppressions/lookup', read, async (c) => {
    const body = suppressionLookupInput.parse(await readJson(c));
    return c.json({
      results: await lookUpSuppressions(deps.db.fork(), c.get('principal').workspace.id, body),
    });
  });

  api.post('/suppressions', write, async (c) => {
    const { reason, ...identities } = suppressionChangeInput.parse(await readJson(c));
    const result = await addSuppressions(
      deps.db.fork(),
      c.get('principal').workspace.id,
      identities,
      reason,
      apiActor(c),
    );
    return c.json(result, result.added > 0 ? 201 : 200);
  });

  api.post('/suppressions/remove', write, async (c) => {
    const { reason, ...identities } = removeInput.parse(await readJson(c));
    return c.json(
      await removeSuppressions(
        deps.db.fork(),
        c.get('principal').workspace.id,
        identities,
        reason,
        apiActor(c),
      ),
    );
  });
}
