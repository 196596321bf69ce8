import type { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '@switchboard/db';
import {
  getSegment,
  listSegments,
  liveSegmentCount,
  saveSegment,
  segmentGroupSchema,
  segmentMembersPage,
} from '@switchboard/segments';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';
import { apiActor, pageQuery, uuidParam, workspaceIdOf } from './request-parts.ts';

const segmentInput = z
  .object({
    name: z.string().trim().min(1, 'Name the segment').max(200),
    description: z.string().trim().max(2000).nullable().optional(),
    rules: segmentGroupSchema,
  })
  .strict();
const membersQuery = pageQuery(100, 1000);

/**
 * Segments from code (segments:read / segments:write): the list with member counts as of the last refresh, one
 * segment with its count this moment, its members page by page, and a new segment from rules (checked like the
 * builder's: unknown attributes and cycles are refused by name).
 */
export function mountSegmentRoutes(api: Hono<ApiV1Env>, deps: { db: Database }) {
  const read = requireScope('segments:read');
  const write = requireScope('segments:write');
  const em = () => deps.db.fork();
  const segmentId = (c: Parameters<typeof uuidParam>[0]) => uuidParam(c, 'id', 'Segment');

  api.get('/segments', read, async (c) => c.json({ segments: await listSegments(em(), workspaceIdOf(c)) }));

  api.post('/segments', write, async (c) => {
    const body = segmentInput.parse(await readJson(c));
    const segment = await saveSegment(em(), workspaceIdOf(c), body, apiActor(c));
    return c.json({ segment }, 201);
  });

  api.get('/segments/:id', read, async (c) => {
    const id = segmentId(c);
    const segment = await getSegment(em(), workspaceIdOf(c), id);
    return c.json({ segment: { ...segment, liveCount: await liveSegmentCount(em(), workspaceIdOf(c), id) } });
  });

  api.get('/segments/:id/members', read, async (c) => {
    const id = segmentId(c);
    const query = membersQuery.parse(c.req.query());
    return c.json(
      await segmentMembersPage(em(), workspaceIdOf(c), id, {
        limit: query.limit,
        ...(query.after ? { after: query.after } : {}),
      }),
    );
  });
}
