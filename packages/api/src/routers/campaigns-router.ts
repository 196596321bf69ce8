import { z } from 'zod';
import {
  audienceSize,
  campaignReport,
  chooseWinner,
  controlCampaign,
  createCampaign,
  duplicateCampaign,
  failedRecipients,
  getCampaign,
  listCampaigns,
  retryFailed,
  sendCampaign,
  updateCampaign,
} from '@switchboard/campaigns';
import { actorOf } from '../actor.ts';
import { permittedProcedure, router } from '../trpc.ts';

const byId = z.object({ id: z.uuid() });

/** Campaigns: drafts, sending and scheduling, pause/resume/cancel, the A/B winner, the report and retries. */
export const campaignsRouter = router({
  list: permittedProcedure('campaigns.read').query(({ ctx }) =>
    listCampaigns(ctx.em, ctx.session.workspace.id),
  ),
  /** Whom a campaign on this segment and channel reaches if it starts now (the send confirmation states it). */
  audienceSize: permittedProcedure('campaigns.read')
    .input(z.object({ segmentId: z.uuid('Not a segment id'), channel: z.enum(['email', 'sms', 'wechat']) }))
    .query(async ({ ctx, input }) => ({
      count: await audienceSize(ctx.em, ctx.session.workspace.id, input.segmentId, input.channel),
    })),
  get: permittedProcedure('campaigns.read')
    .input(byId)
    .query(async ({ ctx, input }) => {
      const campaign = await getCampaign(ctx.em, ctx.session.workspace.id, input.id);
      const live = ['sending', 'testing', 'paused', 'scheduled'].includes(campaign.status)
        ? await ctx.services.campaigns.progress(input.id)
        : null;
      return { ...campaign, progress: live };
    }),
  create: permittedProcedure('campaigns.send')
    .input(z.unknown())
    .mutation(({ ctx, input }) =>
      createCampaign(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), input),
    ),
  update: permittedProcedure('campaigns.send')
    .input(z.object({ id: z.uuid(), campaign: z.unknown() }))
    .mutation(({ ctx, input }) =>
      updateCampaign(
        ctx.em,
        ctx.session.workspace.id,
        actorOf(ctx.session, ctx.ip),
        input.id,
        input.campaign,
      ),
    ),
  send: permittedProcedure('campaigns.send')
    .input(byId)
    .mutation(({ ctx, input }) =>
      sendCampaign(
        ctx.em,
        ctx.services.campaigns,
        ctx.session.workspace.id,
        actorOf(ctx.session, ctx.ip),
        input.id,
      ),
    ),
  control: permittedProcedure('campaigns.send')
    .input(z.object({ id: z.uuid(), action: z.enum(['pause', 'resume', 'cancel']) }))
    .mutation(({ ctx, input }) =>
      controlCampaign(
        ctx.em,
        ctx.services.campaigns,
        ctx.session.workspace.id,
        actorOf(ctx.session, ctx.ip),
        input.id,
        input.action,
      ),
    ),
  chooseWinner: permittedProcedure('campaigns.send')
    .input(z.object({ id: z.uuid(), variant: z.string().min(1).max(8) }))
    .mutation(({ ctx, input }) =>
      chooseWinner(
        ctx.em,
        ctx.services.campaigns,
        ctx.session.workspace.id,
        actorOf(ctx.session, ctx.ip),
        input.id,
        input.variant,
      ),
    ),
  duplicate: permittedProcedure('campaigns.send')
    .input(byId)
    .mutation(({ ctx, input }) =>
      duplicateCampaign(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), input.id),
    ),
  report: permittedProcedure('campaigns.read')
    .input(byId)
    .query(({ ctx, input }) => campaignReport(ctx.em, ctx.session.workspace.id, input.id)),
  failures: permittedProcedure('campaigns.read')
    .input(byId)
    .query(({ ctx, input }) => failedRecipients(ctx.em, ctx.session.workspace.id, input.id)),
  retryFailed: permittedProcedure('campaigns.send')
    .input(byId)
    .mutation(async ({ ctx, input }) => ({
      retried: await retryFailed(
        ctx.em,
        { start: (message) => ctx.services.startDelivery(message) },
        ctx.session.workspace.id,
        input.id,
      ),
    })),
});
