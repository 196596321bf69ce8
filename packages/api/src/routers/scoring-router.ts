import { z } from 'zod';
import {
  assignmentRuleInput,
  assignmentRules,
  deleteAssignmentRule,
  deleteScoringRule,
  lifecycleThresholds,
  saveAssignmentRule,
  saveScoringRule,
  scoreReasons,
  scoringRuleInput,
  scoringRules,
  setLifecycleThresholds,
  thresholdsInput,
} from '@switchboard/scoring';
import { TRPCError } from '@trpc/server';
import { findContact } from '@switchboard/contacts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

const id = z.uuid('Not a rule id');

/** Lead scoring rules, lifecycle thresholds and owner assignment rules (settings), and a contact's score reasons. */
export const scoringRouter = router({
  rules: permittedProcedure('contacts.read').query(({ ctx }) =>
    scoringRules(ctx.em, ctx.session.workspace.id),
  ),
  // Event and condition rules alike model the audience: one permission.
  saveRule: permittedProcedure('audience.configure', { sameAccessVariants: ['rule'] })
    .input(z.object({ id: id.optional(), rule: scoringRuleInput }))
    .mutation(({ ctx, input }) =>
      saveScoringRule(ctx.em, ctx.session.workspace.id, input.rule, actorOf(ctx.session, ctx.ip), input.id),
    ),
  deleteRule: permittedProcedure('audience.configure')
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await deleteScoringRule(ctx.em, ctx.session.workspace.id, input.id, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),

  thresholds: permittedProcedure('contacts.read').query(({ ctx }) =>
    lifecycleThresholds(ctx.em, ctx.session.workspace.id),
  ),
  setThresholds: permittedProcedure('audience.configure')
    .input(thresholdsInput)
    .mutation(({ ctx, input }) =>
      setLifecycleThresholds(ctx.em, ctx.session.workspace.id, input, actorOf(ctx.session, ctx.ip)),
    ),

  assignmentRules: permittedProcedure('contacts.read').query(({ ctx }) =>
    assignmentRules(ctx.em, ctx.session.workspace.id),
  ),
  saveAssignmentRule: permittedProcedure('audience.configure')
    .input(z.object({ id: id.optional(), rule: assignmentRuleInput }))
    .mutation(({ ctx, input }) =>
      saveAssignmentRule(
        ctx.em,
        ctx.session.workspace.id,
        input.rule,
        actorOf(ctx.session, ctx.ip),
        input.id,
      ),
    ),
  deleteAssignmentRule: permittedProcedure('audience.configure')
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await deleteAssignmentRule(ctx.em, ctx.session.workspace.id, input.id, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),

  /** Each rule's share of one contact's score, for the 360 page. */
  reasons: permittedProcedure('contacts.read')
    .input(z.object({ contactId: z.uuid('Not a contact id') }))
    .query(async ({ ctx, input }) => {
      const contact = await findContact(ctx.em, ctx.session.workspace.id, { contactId: input.contactId });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      return scoreReasons(ctx.em, ctx.session.workspace.id, contact.id);
    }),
});
