import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import { can, recordAudit } from '@switchboard/accounts';
import { contactFilterSql, contactsCsv, LIFECYCLE_STAGES } from '@switchboard/contacts';
import { getSegment, savedSegmentFilter } from '@switchboard/segments';
import type { Database, EntityManager } from '@switchboard/db';
import { campaignCsv, loadCampaign } from '@switchboard/campaigns';
import { attributionCsv, overviewCsv, templateCsv, type CsvResult } from '@switchboard/analytics';
import { sessionOf } from '../http/session-auth.ts';
import { clientIp } from '../http/client-ip.ts';

/**
 * GET /exports/contacts.csv[?segment=<id>] for a signed-in user: streamed, spreadsheet-safe CSV. A plain link the
 * browser downloads, so it reads the session cookie itself; it changes nothing, so it needs no CSRF token.
 */
export function mountExports(app: Hono, deps: { db: Database; sessionSecret: string; trustProxy: boolean }) {
  app.get('/exports/contacts.csv', async (c) => {
    const em = deps.db.fork();
    const session = await sessionOf(c, em, deps.sessionSecret);
    if (!session) return c.json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401);
    if (!can(session.role, 'contacts.read'))
      return c.json({ error: { code: 'forbidden', message: 'Your role cannot export contacts' } }, 403);
    const workspaceId = session.workspace.id;
    const segmentId = c.req.query('segment');
    let filter: { where: string; params: unknown[] } | undefined;
    let label = 'contacts';
    if (segmentId) {
      if (!/^[0-9a-f-]{36}$/i.test(segmentId))
        return c.json(
          {
            error: {
              code: 'validation_failed',
              message: 'segment must be a segment id',
              fields: { segment: 'not a segment id' },
            },
          },
          400,
        );
      const segment = await getSegment(em, workspaceId, segmentId).catch(() => null);
      if (!segment) return c.json({ error: { code: 'not_found', message: 'Segment not found' } }, 404);
      filter = await savedSegmentFilter(em, workspaceId, segment.id);
      label = segment.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'segment';
    } else {
      // The contact list's own filters (search, stage, tag), so "export" exports what the list shows.
      const stage = c.req.query('stage');
      const listFilter = {
        ...(c.req.query('search') ? { search: c.req.query('search')!.slice(0, 200) } : {}),
        ...(stage && (LIFECYCLE_STAGES as readonly string[]).includes(stage)
          ? { lifecycleStage: stage as (typeof LIFECYCLE_STAGES)[number] }
          : {}),
        ...(c.req.query('tag') ? { tag: c.req.query('tag')!.slice(0, 100) } : {}),
      };
      if (Object.keys(listFilter).length) filter = contactFilterSql(workspaceId, listFilter);
    }
    recordAudit(em, {
      workspaceId,
      actor: {
        type: 'user',
        id: session.user.id,
        label: session.user.email,
        ip: clientIp(c, deps.trustProxy),
      },
      action: 'contacts.exported',
      ...(segmentId ? { target: { type: 'segment', id: segmentId } } : {}),
    });
    await em.flush();
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${label}-${new Date().toISOString().slice(0, 10)}.csv`)}`,
    );
    c.header('Cache-Control', 'no-store');
    return stream(c, async (out) => {
      for await (const chunk of contactsCsv(deps.db.fork(), workspaceId, filter)) await out.write(chunk);
    });
  });

  /**
   * A report table as CSV, for a signed-in user who may read reports: the Reports page links here with its filters
   * in the query string; refused filters answer 400 naming the field.
   */
  const reportCsv =
    (
      produce: (em: EntityManager, workspaceId: string, query: Record<string, string>) => Promise<CsvResult>,
    ) =>
    async (c: Context) => {
      const em = deps.db.fork();
      const session = await sessionOf(c, em, deps.sessionSecret);
      if (!session) return c.json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401);
      if (!can(session.role, 'reports.read'))
        return c.json({ error: { code: 'forbidden', message: 'Your role cannot read reports' } }, 403);
      const result = await produce(em, session.workspace.id, c.req.query());
      if ('fields' in result)
        return c.json(
          {
            error: {
              code: 'validation_failed',
              message: Object.entries(result.fields)
                .map(([field, message]) => `${field}: ${message}`)
                .join('; '),
              fields: result.fields,
            },
          },
          400,
        );
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${result.filename}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(result.csv);
    };
  /**
   * GET /exports/attribution.csv?from=&to=[&by=&conversion=&halfLife=&table=credits|roi|paths]: a table of the
   * attribution report as the Reports page shows it.
   */
  app.get('/exports/attribution.csv', reportCsv(attributionCsv));
  /** GET /exports/overview.csv?from=&to=[&granularity=day|week&table=channels|sources|series]. */
  app.get('/exports/overview.csv', reportCsv(overviewCsv));
  /** GET /exports/template.csv?template=&from=&to=[&table=uses|versions|series]: a template's report. */
  app.get('/exports/template.csv', reportCsv(templateCsv));

  /** GET /exports/campaigns/<id>.csv: every recipient's outcome (address, variant, status, sent time, error). */
  app.get('/exports/campaigns/:file', async (c) => {
    const em = deps.db.fork();
    const session = await sessionOf(c, em, deps.sessionSecret);
    if (!session) return c.json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401);
    if (!can(session.role, 'campaigns.read'))
      return c.json({ error: { code: 'forbidden', message: 'Your role cannot read campaigns' } }, 403);
    const id = /^([0-9a-f-]{36})\.csv$/i.exec(c.req.param('file'))?.[1];
    const campaign = id ? await loadCampaign(em, id, session.workspace.id) : null;
    if (!campaign) return c.json({ error: { code: 'not_found', message: 'Campaign not found' } }, 404);
    const label = campaign.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'campaign';
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${label}-recipients.csv`)}`,
    );
    c.header('Cache-Control', 'no-store');
    return stream(c, async (out) => {
      for await (const chunk of campaignCsv(deps.db.fork(), session.workspace.id, campaign.id))
        await out.write(chunk);
    });
  });
}
