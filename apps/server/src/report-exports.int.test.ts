import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const knex = t.database.db.fork().getConnection().getKnex();
const campaignId = randomUUID();
const contactId = randomUUID();
await knex.raw(
  `insert into contacts (id, workspace_id, email, first_name, tags, attributes, created_at, updated_at)
   values (?, ?, 'ana@example.org', 'Ana', '{}', '{}'::jsonb, now(), now())`,
  [contactId, acme.id],
);
await knex.raw(
  `insert into campaigns (id, workspace_id, name, channel, status, variants, schedule, created_at, updated_at)
   values (?, ?, '=Spring "sale"', 'email', 'sent', '[]'::jsonb, '{}'::jsonb, now(), now())`,
  [campaignId, acme.id],
);
/** A ledger row and its events, as the send path and the tracker leave them. */
async function message(channel: string, sentAt: string, status: string, events: string[] = []) {
  const id = randomUUID();
  await knex.raw(
    `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, channel, purpose,
       content, status, segments, created_at, sent_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, 'marketing', '{}'::jsonb, ?, ?, ?, ?, now())`,
    [
      id,
      acme.id,
      contactId,
      `export:${id}`,
      channel === 'email' ? 'campaign' : 'api',
      channel === 'email' ? campaignId : null,
      channel,
      status,
      channel === 'sms' ? 2 : null,
      sentAt,
      sentAt,
    ],
  );
  for (const kind of events)
    await knex.raw(
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, ?, false, ?)`,
      [acme.id, id, kind, sentAt],
    );
}
await message('email', '2026-11-02T09:00:00Z', 'clicked', ['opened', 'clicked']);
await message('email', '2026-11-03T09:00:00Z', 'bounced');
await message('email', '2026-11-10T09:00:00Z', 'sent');
await message('sms', '2026-11-10T10:00:00Z', 'delivered');
await knex.raw(
  `insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, message_id, occurred_at, received_at)
   values (?, ?, 'purchase', '{}'::jsonb, 80, 'USD', 'api', ?, '2026-11-10T12:00:00Z', now())`,
  [acme.id, contactId, randomUUID()],
);

const analyst = new TestBrowser(t.app);
await analyst.signIn(acme.users.analyst.email, TEST_PASSWORD);
const agent = new TestBrowser(t.app);
await agent.signIn(acme.users.agent.email, TEST_PASSWORD);
const PERIOD = 'from=2026-11-01&to=2026-11-30';
async function download(path: string, as: TestBrowser | null = analyst) {
  const res = await t.app.request(path, as ? { headers: { cookie: `sb_session=${as.cookie}` } } : {});
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    lines: text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n'),
    text,
  };
}

describe('report tables as CSV', () => {
  it('the channel overview: channels beside the period before, sources by name, and days or weeks', async () => {
    const channels = await download(`/exports/overview.csv?${PERIOD}`);
    expect(channels.status).toBe(200);
    expect(channels.type).toContain('text/csv');
    expect(channels.disposition).toContain('channels-2026-11-01-2026-11-30.csv');
    expect(channels.lines[0]).toBe(
      'channel,period,from,to,sent,delivered,bounced,humanOpens,machineOpens,uniqueClicks,clicks,replied,unsubscribed,complained',
    );
    expect(channels.lines).toContain('email,current,2026-11-01,2026-11-30,3,2,1,1,0,1,1,0,0,0');
    expect(channels.lines).toContain('email,previous,2026-10-02,2026-10-31,0,0,0,0,0,0,0,0,0,0');
    expect(channels.lines).toContain('all,current,2026-11-01,2026-11-30,4,3,1,1,0,1,1,0,0,0');

    const sources = await download(`/exports/overview.csv?${PERIOD}&table=sources`);
    // The campaign's name is made spreadsheet-safe.
    expect(sources.lines[1]).toBe(`campaign:${campaignId},"'=Spring ""sale""",3,2,1,1,0,1,1,0,0,0`);
    expect(sources.lines[2]).toBe('api,api,1,1,0,0,0,0,0,0,0,0');

    const weeks = await download(`/exports/overview.csv?${PERIOD}&table=series&granularity=week`);
    expect(weeks.lines).toEqual([
      'week,sent,delivered,opened,clicked',
      '2026-11-01,0,0,0,0',
      '2026-11-02,2,1,1,1',
      '2026-11-09,2,2,0,0',
      '2026-11-16,0,0,0,0',
      '2026-11-23,0,0,0,0',
      '2026-11-30,0,0,0,0',
    ]);
    const days = await download(`/exports/overview.csv?${PERIOD}&table=series`);
    expect(days.lines).toHaveLength(31);
    expect(days.lines[10]).toBe('2026-11-10,2,2,0,0');
  });

  it('attribution: credits per model, ROI per model with the cost, and the paths', async () => {
    const credits = await download(`/exports/attribution.csv?${PERIOD}&by=source`);
    expect(credits.status).toBe(200);
    expect(credits.lines[0]).toBe(
      'key,name,first (USD),last (USD),linear (USD),time-decay (USD),position (USD),markov (USD)',
    );
    const roi = await download(`/exports/attribution.csv?${PERIOD}&by=channel&table=roi`);
    expect(roi.disposition).toContain('attribution-roi-channel-2026-11-01-2026-11-30.csv');
    expect(roi.lines[0]).toContain('key,name,cost (USD),first credit (USD),first roi,last credit (USD)');
    // The SMS was the last touch: 80 USD of credit for 2 segments at the default price.
    const sms = roi.lines.find((line) => line.startsWith('sms,'))!.split(',');
    expect(Number(sms[2])).toBeGreaterThan(0);
    expect(sms[5]).toBe('80');
    const paths = await download(`/exports/attribution.csv?${PERIOD}&table=paths`);
    expect(paths.lines[0]).toBe('path,keys,conversions,value (USD)');
    // Delivered, opened and clicked; the bounced email is no touch; the next email delivered; then the SMS.
    expect(paths.lines[1]).toBe(
      'email → email → email → email → sms,email > email > email > email > sms,1,80',
    );
  });

  it('a template: its uses, versions and days, and refusals naming the field', async () => {
    const templateId = randomUUID();
    const versionId = randomUUID();
    await knex.raw(
      `insert into templates (id, workspace_id, name, channel, format, draft, latest_version, created_at, updated_at)
       values (?, ?, 'Spring', 'email', 'html', '{}'::jsonb, 1, now(), now())`,
      [templateId, acme.id],
    );
    await knex.raw(
      `insert into template_versions (id, workspace_id, template_id, version, channel, content, source, warnings,
         published_at)
       values (?, ?, ?, 1, 'email', '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, now())`,
      [versionId, acme.id, templateId],
    );
    await knex.raw(
      `update messages set template_version_id = ? where workspace_id = ? and source_kind = 'campaign'`,
      [versionId, acme.id],
    );
    const uses = await download(`/exports/template.csv?template=${templateId}&${PERIOD}`);
    expect(uses.status).toBe(200);
    expect(uses.disposition).toBe('attachment; filename="template-uses-2026-11-01-2026-11-30.csv"');
    expect(uses.lines[0]).toBe(
      'source,name,sent,delivered,bounced,humanOpens,machineOpens,uniqueClicks,clicks,replied,unsubscribed,complained',
    );
    expect(uses.lines).toHaveLength(2);
    expect(uses.lines[1]).toMatch(new RegExp(`^campaign:${campaignId},.*Spring.*,3,2,1,1,0,1,1,0,0,0$`));
    const versions = await download(`/exports/template.csv?template=${templateId}&${PERIOD}&table=versions`);
    expect(versions.lines[1]).toBe('1,3,2,1,1,0,1,1,0,0,0');
    const days = await download(`/exports/template.csv?template=${templateId}&${PERIOD}&table=series`);
    expect(days.lines).toHaveLength(31);
    expect(days.lines).toContain('2026-11-02,1,1,1,1');
    const refused = await download(`/exports/template.csv?template=${randomUUID()}&${PERIOD}`);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({
      error: { fields: { template: 'is not a template of this workspace' } },
    });
    expect((await download(`/exports/template.csv?template=nope&${PERIOD}`)).status).toBe(400);
    expect((await download(`/exports/template.csv?template=${templateId}&${PERIOD}`, agent)).status).toBe(
      403,
    );
  });

  it('names what is wrong with a link, and only lets in who may read reports', async () => {
    const refused = async (path: string) => {
      const res = await download(path);
      expect(res.status).toBe(400);
      return (JSON.parse(res.text) as { error: { fields: Record<string, string> } }).error.fields;
    };
    expect(await refused('/exports/overview.csv?from=yesterday&to=2026-11-30')).toEqual({
      from: 'must be a date (YYYY-MM-DD)',
    });
    expect(await refused(`/exports/overview.csv?${PERIOD}&table=everything`)).toEqual({
      table: 'must be one of channels, sources, series',
    });
    expect(await refused(`/exports/overview.csv?${PERIOD}&granularity=month`)).toEqual({
      granularity: 'must be one of day, week',
    });
    expect(await refused('/exports/overview.csv?from=2026-11-30&to=2026-11-01')).toEqual({
      to: 'must not be before the first day',
    });
    expect(await refused(`/exports/attribution.csv?${PERIOD}&halfLife=-4`)).toEqual({
      halfLifeHours: 'must be a positive number of hours',
    });
    expect(await refused(`/exports/attribution.csv?${PERIOD}&by=planet`)).toHaveProperty('by');
    expect(await refused(`/exports/attribution.csv?${PERIOD}&table=roi%00`)).toEqual({
      table: 'The query parameter "table" must not contain NUL characters (\\u0000)',
    });
    expect(await refused(`/exports/attribution.csv?${PERIOD}&table=everything`)).toEqual({
      table: 'must be one of credits, roi, paths',
    });
    expect((await download(`/exports/overview.csv?${PERIOD}`, null)).status).toBe(401);
    expect((await download(`/exports/overview.csv?${PERIOD}`, agent)).status).toBe(403);
    expect((await download(`/exports/attribution.csv?${PERIOD}`, agent)).status).toBe(403);
  });
});
