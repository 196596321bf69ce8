import { z } from 'zod';
import { getImport, listImports, rejectedRows, suggestMapping } from '@switchboard/imports';
import { TRPCError } from '@trpc/server';
import { permittedProcedure, router } from '../trpc.ts';

/** Import history and progress for the wizard; the file itself is uploaded to POST /app/imports (a stream, not JSON). */
export const importsRouter = router({
  list: permittedProcedure('contacts.read').query(({ ctx }) => listImports(ctx.em, ctx.session.workspace.id)),

  /** Polled by the progress bar; includes the first rejected rows once there are any. */
  get: permittedProcedure('contacts.read')
    .input(z.object({ id: z.uuid('Not an import id') }))
    .query(async ({ ctx, input }) => {
      const found = await getImport(ctx.em, ctx.session.workspace.id, input.id);
      if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such import in this workspace' });
      return {
        ...found,
        rejectedRows: found.counts.rejected ? await rejectedRows(ctx.em, found.id, 20) : [],
      };
    }),

  /** The mapping to propose for a file's header: what this workspace chose before, else a guess from the names. */
  suggestMapping: permittedProcedure('contacts.import')
    .input(z.object({ header: z.array(z.string().max(500)).min(1).max(200) }))
    .query(({ ctx, input }) => suggestMapping(ctx.em, ctx.session.workspace.id, input.header)),
});
