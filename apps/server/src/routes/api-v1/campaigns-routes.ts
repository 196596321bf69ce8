import type { Hono } from 'hono';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '@switchboard/db';
import type { DeliveryQueues } from '@switchboard/messaging';
import {
  campaignReport,
  controlCampaign,
  createCampaign,
  deliveryStarter,
  failedRecipients,
  getCampaign,
  listCampaigns,
  retryFailed,
  scheduleSchema,
  sendCampaign,
  temporalCampaignControl,
  updateCampaign,
} from '@switchboard/campaigns';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';
import { apiActor, pageQuery, uuidParam, workspaceIdOf } from './request-parts.ts';

const LIVE = new Set(['sending', 'testing', 'paused', 'scheduled']);
const listQuery = pageQuery(50, 200);
const failuresQuery = pageQuery(100, 1000);
const scheduleInput = z
  .object({
    schedule: scheduleSchema.refine((s) => s.mode !== 'now', {
      message: 'To send now, POST /campaigns/{id}/send',
    }),
  })
  .strict();

/**
 * Campaigns from code (campaigns:read / campaigns:send): drafts, send now or schedule, pause / resume / cancel, live
 * progress, the report, failed recipients and their retry — the same rules and audit trail as the app.
 */
export function mountCampaignRoutes(
  api: Hono<ApiV1Env>,
  deps: { db: Database; temporal: Client; taskQueue: string; queues: DeliveryQueues },
) {
  const read = requireScope('campaigns:read');
  const send = requireScope('campaigns:send');
  const em = () => deps.db.fork();
  const control = temporalCampaignControl(deps.temporal, deps.taskQueue);
  const campaignId = (c: Parameters<typeof uuidParam>[0]) => uuidParam(c, 'id', 'Campaign');
  /** The campaign with the workflow's live figures while it runs (null once the database has them all). */
  const withProgress = async (workspaceId: string, id: string) => {
    const campaign = await getCampaign(em(), workspaceId, id);
    return { ...campaign, progress: LIVE.has(campaign.status) ? await control.progress(id) : null };
  };

  api.get('/campaigns', read, async (c) => {
    const query = listQuery.parse(c.req.query());
    // One more than asked says whether another page follows.
    const rows = await listCampaigns(em(), workspaceIdOf(c), query.limit + 1, query.after);
    const campaigns = rows.slice(0, query.limit);
    return c.json({ campaigns, next: rows.length > query.limit ? campaigns.at(-1)!.id : null });
  });

  api.post('/campaigns', send, async (c) => {
    const campaign = await createCampaign(em(), workspaceIdOf(c), apiActor(c), await readJson(c));
    return c.json({ campaign }, 201);
  });

  api.get('/campaigns/:id', read, async (c) =>
    c.json({ campaign: await withProgress(workspaceIdOf(c), campaignId(c)) }),
  );

  api.put('/campaigns/:id', send, async (c) => {
    const id = campaignId(c);
    const body = await readJson(c);
    return c.json({ campaign: await updateCampaign(em(), workspaceIdOf(c), apiActor(c), id, body) });
  });

  api.post('/campaigns/:id/send', send, async (c) => {
    const id = campaignId(c);
    await sendCampaign(em(), control, workspaceIdOf(c), apiActor(c), id, { mode: 'now' });
    return c.json({ campaign: await withProgress(workspaceIdOf(c), id) }, 202);
  });

  api.post('/campaigns/:id/schedule', send, async (c) => {
    const id = campaignId(c);
    const { schedule } = scheduleInput.parse(await readJson(c));
    const campaign = await sendCampaign(em(), control, workspaceIdOf(c), apiActor(c), id, schedule);
    return c.json({ campaign }, 202);
  });

  for (const action of ['pause', 'resume', 'cancel'] as const)
    api.post(`/campaigns/:id/${action}`, send, async (c) => {
      const id = campaignId(c);
      await controlCampaign(em(), control, workspaceIdOf(c), apiActor(c), id, action);
      return c.json({ campaign: await withProgress(workspaceIdOf(c), id) });
    });

  api.get('/campaigns/:id/report', read, async (c) =>
    c.json({ report: await campaignReport(em(), workspaceIdOf(c), campaignId(c)) }),
  );

  api.get('/campaigns/:id/failures', read, async (c) => {
    const id = campaignId(c);
    const query = failuresQuery.parse(c.req.query());
    await getCampaign(em(), workspaceIdOf(c), id);
    const rows = await failedRecipients(em(), workspaceIdOf(c), id, {
      limit: query.limit + 1,
      after: query.after ?? '',
    });
    const failures = rows.slice(0, query.limit);
    return c.json({ failures, next: rows.length > query.limit ? failures.at(-1)!.messageId : null });
  });

  api.post('/campaigns/:id/retry-failed', send, async (c) => {
    const retried = await retryFailed(
      em(),
      deliveryStarter(deps.temporal, deps.queues),
      workspaceIdOf(c),
      campaignId(c),
    );
    return c.json({ retried }, 202);
  });
}
