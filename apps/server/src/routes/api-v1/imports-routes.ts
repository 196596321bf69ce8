import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { notFound } from '@switchboard/accounts';
import { importHeader, rejectedRowsCsv } from '@switchboard/imports';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { acceptImport, importWithRejections, type ImportDeps } from '../imports/accept-import.ts';

/** /imports: upload a CSV (streamed, durable import), follow its progress, download the rejected rows. */
export function mountImportRoutes(api: Hono<ApiV1Env>, deps: ImportDeps) {
  api.post('/imports', requireScope('imports:write'), (c) => {
    const principal = c.get('principal');
    return acceptImport(c, deps, principal.workspace.id, {
      type: 'api_key',
      id: principal.keyId,
      label: `API key ${principal.name}`,
    });
  });

  api.get('/imports/:id', requireScope('imports:write'), async (c) => {
    const found = await importWithRejections(deps, c.get('principal').workspace.id, c.req.param('id'));
    if (!found) throw notFound('Import');
    return c.json({
      ...found,
      rejectedReportUrl: `/api/v1/imports/${found.import.id}/rejected.csv`,
    });
  });

  api.get('/imports/:id/rejected.csv', requireScope('imports:write'), async (c) => {
    const em = deps.db.fork();
    const id = c.req.param('id');
    const found = await importHeader(em, c.get('principal').workspace.id, id);
    if (!found) throw notFound('Import');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${found.fileName.replace(/\.csv$/i, '')}-rejected.csv`)}`,
    );
    return stream(c, async (out) => {
      for await (const chunk of rejectedRowsCsv(em, id, found.header)) await out.write(chunk);
    });
  });
}
