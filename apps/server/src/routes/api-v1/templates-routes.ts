import type { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '@switchboard/db';
import {
  createTemplate,
  createTemplateSchema,
  getTemplate,
  listTemplatesPage,
  publishTemplate,
  saveDraft,
} from '@switchboard/content';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';
import { apiActor, pageQuery, uuidParam, workspaceIdOf } from './request-parts.ts';

const listQuery = pageQuery(50, 200).extend({ channel: z.enum(['email', 'sms', 'wechat']).optional() });
const draftInput = z
  .object({ name: z.string().trim().min(1, 'Name the template').max(200).optional(), draft: z.unknown() })
  .strict()
  .refine((body) => body.draft !== undefined, { path: ['draft'], message: 'Send the draft' });

/**
 * Templates from code (templates:read / templates:write): the same drafts, pre-send checks and immutable published
 * versions as the editor. A campaign names a template; it sends the version that was published when it was saved.
 */
export function mountTemplateRoutes(api: Hono<ApiV1Env>, deps: { db: Database }) {
  const read = requireScope('templates:read');
  const write = requireScope('templates:write');
  const em = () => deps.db.fork();
  const templateId = (c: Parameters<typeof uuidParam>[0]) => uuidParam(c, 'id', 'Template');

  api.get('/templates', read, async (c) => {
    const query = listQuery.parse(c.req.query());
    return c.json(
      await listTemplatesPage(em(), workspaceIdOf(c), {
        limit: query.limit,
        ...(query.after ? { after: query.after } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
      }),
    );
  });

  api.post('/templates', write, async (c) => {
    const body = createTemplateSchema.strict().parse(await readJson(c));
    const template = await createTemplate(em(), workspaceIdOf(c), apiActor(c), body);
    return c.json({ template }, 201);
  });

  api.get('/templates/:id', read, async (c) =>
    c.json(await getTemplate(em(), workspaceIdOf(c), templateId(c))),
  );

  api.put('/templates/:id/draft', write, async (c) => {
    const id = templateId(c);
    const body = draftInput.parse(await readJson(c));
    const template = await saveDraft(em(), workspaceIdOf(c), id, {
      draft: body.draft,
      ...(body.name ? { name: body.name } : {}),
    });
    return c.json({ template });
  });

  api.post('/templates/:id/publish', write, async (c) =>
    c.json(await publishTemplate(em(), workspaceIdOf(c), apiActor(c), templateId(c)), 201),
  );
}
