import { z } from 'zod';
import {
  archiveTemplate,
  createTemplate,
  createTemplateSchema,
  deleteSavedBlock,
  duplicateTemplate,
  getTemplate,
  listSavedBlocks,
  listTemplates,
  previewDraft,
  publishTemplate,
  saveBlock,
  saveDraft,
} from '@switchboard/content';
import { validationError } from '@switchboard/accounts';
import { actorOf } from '../actor.ts';
import { permittedProcedure, router } from '../trpc.ts';

const channel = z.enum(['email', 'sms', 'wechat']);

/** The template editor: drafts, preview as a contact with pre-send checks, publishing immutable versions. */
export const templatesRouter = router({
  list: permittedProcedure('campaigns.read')
    .input(z.object({ channel: channel.optional() }).optional())
    .query(({ ctx, input }) => listTemplates(ctx.em, ctx.session.workspace.id, input?.channel)),
  get: permittedProcedure('campaigns.read')
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getTemplate(ctx.em, ctx.session.workspace.id, input.id)),
  create: permittedProcedure('templates.write')
    .input(createTemplateSchema)
    .mutation(({ ctx, input }) =>
      createTemplate(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), input),
    ),
  saveDraft: permittedProcedure('templates.write')
    .input(z.object({ id: z.uuid(), name: z.string().trim().max(200).optional(), draft: z.unknown() }))
    .mutation(({ ctx, input }) =>
      saveDraft(ctx.em, ctx.session.workspace.id, input.id, {
        draft: input.draft,
        ...(input.name ? { name: input.name } : {}),
      }),
    ),
  preview: permittedProcedure('campaigns.read')
    .input(z.object({ id: z.uuid(), draft: z.unknown().optional(), contactId: z.uuid().optional() }))
    .mutation(({ ctx, input }) =>
      previewDraft(ctx.em, ctx.session.workspace.id, input.id, {
        ...(input.draft !== undefined ? { draft: input.draft } : {}),
        ...(input.contactId ? { contactId: input.contactId } : {}),
      }),
    ),
  /** A test to chosen addresses, rendered as the preview contact, sent straight away (no ledger, no tracking). */
  sendTest: permittedProcedure('templates.write')
    .input(
      z.object({
        id: z.uuid(),
        draft: z.unknown().optional(),
        contactId: z.uuid().optional(),
        addresses: z
          .array(z.email('Enter email addresses'))
          .min(1, 'Enter an address')
          .max(5, 'At most five test addresses'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const preview = await previewDraft(ctx.em, ctx.session.workspace.id, input.id, {
        ...(input.draft !== undefined ? { draft: input.draft } : {}),
        ...(input.contactId ? { contactId: input.contactId } : {}),
      });
      const rendered = preview.rendered;
      if (!rendered)
        throw validationError('draft', 'The template does not render; fix the errors shown in the preview');
      if (rendered.kind !== 'email') throw validationError('id', 'Test sends are for email templates');
      for (const to of input.addresses)
        await ctx.services.mailer.sendTransactional({
          to,
          subject: `[Test] ${rendered.subject}`,
          html: rendered.html,
          text: rendered.text ?? '',
        });
      return { sent: input.addresses.length };
    }),
  publish: permittedProcedure('templates.write')
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) =>
      publishTemplate(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), input.id),
    ),
  duplicate: permittedProcedure('templates.write')
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) =>
      duplicateTemplate(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), input.id),
    ),
  archive: permittedProcedure('templates.write')
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) =>
      archiveTemplate(ctx.em, ctx.session.workspace.id, actorOf(ctx.session, ctx.ip), input.id),
    ),
  savedBlocks: permittedProcedure('campaigns.read').query(({ ctx }) =>
    listSavedBlocks(ctx.em, ctx.session.workspace.id),
  ),
  saveBlock: permittedProcedure('templates.write')
    .input(z.object({ name: z.string().trim().min(1, 'Name the block').max(200), block: z.unknown() }))
    .mutation(({ ctx, input }) => saveBlock(ctx.em, ctx.session.workspace.id, input)),
  deleteSavedBlock: permittedProcedure('templates.write')
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteSavedBlock(ctx.em, ctx.session.workspace.id, input.id)),
});
