import { z } from 'zod';
import {
  compileContext,
  deleteSegment,
  getSegment,
  listSegments,
  previewSegment,
  saveSegment,
  segmentGroupSchema,
  segmentMembers,
} from '@switchboard/segments';
import { eventCatalogue } from '@switchboard/contacts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

const segmentInput = z.object({
  name: z.string().trim().min(1, 'Name the segment').max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  rules: segmentGroupSchema,
});

export const segmentsRouter = router({
  list: permittedProcedure('segments.read').query(({ ctx }) =>
    listSegments(ctx.em, ctx.session.workspace.id),
  ),

  get: permittedProcedure('segments.read')
    .input(z.object({ id: z.uuid('Not a segment id') }))
    .query(({ ctx, input }) => getSegment(ctx.em, ctx.session.workspace.id, input.id)),

  /** Members as of the last refresh: a static list's contents, or who is in a dynamic segment now. */
  members: permittedProcedure('segments.read')
    .input(z.object({ id: z.uuid('Not a segment id'), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => segmentMembers(ctx.em, ctx.session.workspace.id, input.id, input.limit)),

  /** The attributes a rule can use, with their types (the builder picks operators by type). */
  attributes: permittedProcedure('segments.read').query(async ({ ctx }) => {
    const context = await compileContext(ctx.em, ctx.session.workspace.id);
    return [...context.attributeTypes]
      .map(([key, type]) => ({ key, type }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }),

  /** Event names received in this workspace with the property keys they carry: the builders suggest them. */
  eventCatalogue: permittedProcedure('segments.read').query(({ ctx }) =>
    eventCatalogue(ctx.em, ctx.session.workspace.id),
  ),

  /** The builder's live count: rules need not be saved. */
  preview: permittedProcedure('segments.read')
    .input(z.object({ rules: segmentGroupSchema }))
    .query(({ ctx, input }) => previewSegment(ctx.em, ctx.session.workspace.id, input.rules)),

  create: permittedProcedure('segments.write')
    .input(segmentInput)
    .mutation(({ ctx, input }) =>
      saveSegment(ctx.em, ctx.session.workspace.id, input, actorOf(ctx.session, ctx.ip)),
    ),

  update: permittedProcedure('segments.write')
    .input(segmentInput.extend({ id: z.uuid('Not a segment id') }))
    .mutation(({ ctx, input }) =>
      saveSegment(ctx.em, ctx.session.workspace.id, input, actorOf(ctx.session, ctx.ip), input.id),
    ),

  delete: permittedProcedure('segments.write')
    .input(z.object({ id: z.uuid('Not a segment id') }))
    .mutation(async ({ ctx, input }) => {
      await deleteSegment(ctx.em, ctx.session.workspace.id, input.id, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),
});
