import { z } from 'zod';
import {
  attributionFor,
  attributionRequest,
  clickMap,
  conversionsOrDefault,
  overviewFor,
  overviewRequest,
  funnelFor,
  funnelRequest,
  deleteConversionDefinition,
  saveConversionDefinition,
  setFixedCost,
  fixedCostInput,
  templateReportFor,
  templateReportRequest,
} from '@switchboard/analytics';
import { notFound } from '@switchboard/accounts';
import { permittedProcedure, router } from '../trpc.ts';

/** Conversion definitions and the attribution report (the Reports page). */
export const analyticsRouter = router({
  conversions: permittedProcedure('reports.read').query(({ ctx }) =>
    conversionsOrDefault(ctx.em, ctx.session.workspace.id),
  ),
  saveConversion: permittedProcedure('reports.configure')
    .input(
      z.object({
        id: z.uuid().nullable().default(null),
        name: z.string(),
        kind: z.enum(['event', 'deal_won', 'segment_entry']),
        eventName: z.string().nullable().default(null),
        valueProperty: z.string().nullable().default(null),
        segmentId: z.string().nullable().default(null),
        currency: z.string().default('USD'),
        lookbackDays: z.number().default(30),
        touchKinds: z.array(z.enum(['delivered', 'opened', 'clicked', 'replied'])),
      }),
    )
    .mutation(({ ctx, input: { id, ...definition } }) =>
      saveConversionDefinition(ctx.em, ctx.session.workspace.id, definition, id ?? undefined),
    ),
  /** What a campaign or journey cost beyond its messages (ROI, per campaign or journey). */
  setFixedCost: permittedProcedure('reports.configure')
    .input(fixedCostInput)
    .mutation(async ({ ctx, input }) => {
      await setFixedCost(ctx.em, ctx.session.workspace.id, input);
      return { ok: true };
    }),
  deleteConversion: permittedProcedure('reports.configure')
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await deleteConversionDefinition(ctx.em, ctx.session.workspace.id, input.id);
      return { ok: true };
    }),
  /** A campaign's email, or a journey's email step, with each link's human clicks drawn on it. */
  clickMap: permittedProcedure('reports.read', { sameAccessVariants: ['(input)'] })
    .input(
      z.union([
        z.object({ campaignId: z.uuid() }),
        z.object({ journeyId: z.uuid(), nodeId: z.string().min(1).max(40) }),
      ]),
    )
    .query(({ ctx, input }) => clickMap(ctx.em, ctx.session.workspace.id, input)),
  overview: permittedProcedure('reports.read')
    .input(overviewRequest)
    .query(({ ctx, input }) => overviewFor(ctx.em, ctx.session.workspace.id, input)),
  /** The funnel's last step (clicked, then converted), apart from the overview: it reads the raw tables. */
  funnel: permittedProcedure('reports.read')
    .input(funnelRequest)
    .query(({ ctx, input }) => funnelFor(ctx.em, ctx.session.workspace.id, input)),
  /** One template's messages in a period: in total, per version and per campaign or journey step that used it. */
  template: permittedProcedure('reports.read')
    .input(templateReportRequest)
    .query(async ({ ctx, input }) => {
      const report = await templateReportFor(ctx.em, ctx.session.workspace.id, input);
      if (!report) throw notFound('Template');
      return report;
    }),
  attribution: permittedProcedure('reports.read')
    .input(attributionRequest)
    .query(({ ctx, input }) => attributionFor(ctx.em, ctx.session.workspace.id, input)),
});
