import { z } from 'zod';
import { DEAL_STAGES } from '@switchboard/db';
import {
  addNote,
  companyOf,
  createCompany,
  dealsOfContact,
  deleteNote,
  listCompanies,
  notesOf,
  saveDeal,
  setContactCompany,
} from '@switchboard/contacts';
import { can } from '@switchboard/accounts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

const contactId = z.uuid('Not a contact id');
const isoDay = z.iso.date('Use a date such as 2026-12-31').nullable().optional();

const dealInput = z.object({
  name: z.string().trim().min(1, 'Name the deal').max(200),
  amount: z.number().min(0, 'The amount cannot be negative').max(1e12),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code such as EUR or CNY'),
  stage: z.enum(DEAL_STAGES),
  expectedCloseDate: isoDay,
  actualCloseDate: isoDay,
  ownerId: z.uuid().nullable().optional(),
  companyId: z.uuid().nullable().optional(),
  contactIds: z.array(contactId).min(1, 'Link at least one contact').max(50),
});

/** Companies, deals and notes around a contact. */
export const crmRouter = router({
  companies: permittedProcedure('contacts.read')
    .input(z.object({ search: z.string().max(200).default('') }))
    .query(({ ctx, input }) => listCompanies(ctx.em, ctx.session.workspace.id, input.search)),
  createCompany: permittedProcedure('contacts.write')
    .input(
      z.object({
        name: z.string().trim().min(1, 'Name the company').max(200),
        domain: z.string().max(300).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => createCompany(ctx.em, ctx.session.workspace.id, input)),
  companyOf: permittedProcedure('contacts.read')
    .input(z.object({ contactId }))
    .query(({ ctx, input }) => companyOf(ctx.em, ctx.session.workspace.id, input.contactId)),
  setCompany: permittedProcedure('contacts.write')
    .input(z.object({ contactId, companyId: z.uuid().nullable() }))
    .mutation(async ({ ctx, input }) => {
      await setContactCompany(ctx.em, ctx.session.workspace.id, input.contactId, input.companyId);
      return companyOf(ctx.em, ctx.session.workspace.id, input.contactId);
    }),

  deals: permittedProcedure('contacts.read')
    .input(z.object({ contactId }))
    .query(({ ctx, input }) => dealsOfContact(ctx.em, ctx.session.workspace.id, input.contactId)),
  saveDeal: permittedProcedure('contacts.write')
    .input(z.object({ id: z.uuid().optional(), deal: dealInput }))
    .mutation(({ ctx, input }) =>
      saveDeal(ctx.em, ctx.session.workspace.id, input.deal, actorOf(ctx.session, ctx.ip), input.id),
    ),

  notes: permittedProcedure('contacts.read')
    .input(z.object({ contactId }))
    .query(({ ctx, input }) => notesOf(ctx.em, ctx.session.workspace.id, input.contactId)),
  addNote: permittedProcedure('contacts.write')
    .input(z.object({ contactId, body: z.string().trim().min(1, 'Write something').max(10_000) }))
    .mutation(({ ctx, input }) =>
      addNote(ctx.em, ctx.session.workspace.id, input.contactId, ctx.session.user.id, input.body),
    ),
  deleteNote: permittedProcedure('contacts.write')
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await deleteNote(ctx.em, ctx.session.workspace.id, input.id, {
        id: ctx.session.user.id,
        isAdmin: can(ctx.session.role, 'notes.deleteAny'),
      });
      return { ok: true };
    }),
});
