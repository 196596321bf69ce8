import { z } from 'zod';
import { journeyStepMessages } from '@switchboard/analytics';
import {
  createJourney,
  getJourney,
  listJourneys,
  publishJourney,
  RECIPE_KEYS,
  RECIPES,
  saveJourneyDraft,
  setJourneyStatus,
  enrolManually,
  manualEnrolSchema,
  journeyCounts,
  contactJourneys,
} from '@switchboard/journeys';
import { actorOf } from '../actor.ts';
import { permittedProcedure, router } from '../trpc.ts';

const byId = z.object({ id: z.uuid('Not a journey id') });

/** Journeys: recipes to start from, drafts with their problems on the steps, publishing versions, pause/resume. */
export const journeysRouter = router({
  recipes: permittedProcedure('campaigns.read').query(() =>
    RECIPE_KEYS.map((key) => ({ key, name: RECIPES[key].name })),
  ),
  list: permittedProcedure('campaigns.read').query(({ ctx }) =>
    listJourneys(ctx.em, ctx.session.workspace.id),
  ),
  get: permittedProcedure('campaigns.read')
    .input(byId)
    .query(({ ctx, input }) => getJourney(ctx.em, ctx.session.workspace.id, input.id)),
  create: permittedProcedure('journeys.manage')
    .input(
      z.object({
        name: z.string().trim().min(1, 'Name the journey').max(200),
        recipe: z.enum(RECIPE_KEYS as [string, ...string[]]).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createJourney(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), {
        name: input.name,
        ...(input.recipe ? { recipe: input.recipe as (typeof RECIPE_KEYS)[number] } : {}),
      }),
    ),
  saveDraft: permittedProcedure('journeys.manage')
    .input(
      z.object({
        id: z.uuid('Not a journey id'),
        name: z.string().trim().max(200).optional(),
        draft: z.unknown(),
      }),
    )
    .mutation(({ ctx, input }) =>
      saveJourneyDraft(ctx.em, ctx.session.workspace.id, input.id, {
        draft: input.draft,
        ...(input.name ? { name: input.name } : {}),
      }),
    ),
  publish: permittedProcedure('journeys.manage')
    .input(byId)
    .mutation(({ ctx, input }) =>
      publishJourney(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), input.id),
    ),
  setStatus: permittedProcedure('journeys.manage')
    .input(z.object({ id: z.uuid('Not a journey id'), action: z.enum(['pause', 'resume', 'archive']) }))
    .mutation(({ ctx, input }) =>
      setJourneyStatus(
        ctx.em,
        ctx.session.workspace.id,
        actorOf(ctx.session, ctx.ip),
        input.id,
        input.action,
      ),
    ),
  /** Enrols picked contacts, or everyone in a segment or static list now, into a live journey. */
  enrol: permittedProcedure('journeys.manage', { sameAccessVariants: ['target'] })
    .input(manualEnrolSchema)
    .mutation(({ ctx, input }) =>
      enrolManually(ctx.em, ctx.services.journeys, { ...input, workspaceId: ctx.session.workspace.id }),
    ),
  /** The key webhook steps sign with (`X-Switchboard-Signature: t=…,v1=HMAC-SHA256("t.body")`). */
  webhookSecret: permittedProcedure('journeys.manage').query(({ ctx }) => ({
    secret: ctx.services.journeyWebhookSecret(ctx.session.workspace.id),
  })),
  /**
   * Per-step counts for the canvas over a period (default: the last 30 days), with what each send step's messages
   * did (from the reporting rollups).
   */
  counts: permittedProcedure('campaigns.read')
    .input(
      z.object({
        id: z.uuid('Not a journey id'),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const to = input.to ? new Date(input.to) : new Date();
      const from = input.from ? new Date(input.from) : new Date(to.getTime() - 30 * 86_400_000);
      const counts = await journeyCounts(ctx.em, ctx.session.workspace.id, input.id, { from, to });
      return {
        ...counts,
        messages: await journeyStepMessages(ctx.em, ctx.session.workspace.id, input.id, { from, to }),
      };
    }),
  /** The journeys a contact is in or went through, with what happened at each step. */
  ofContact: permittedProcedure('contacts.read')
    .input(z.object({ contactId: z.uuid('Not a contact id') }))
    .query(({ ctx, input }) => contactJourneys(ctx.em, ctx.session.workspace.id, input.contactId)),
});
