import { z } from 'zod';
import { listAudit } from '@switchboard/accounts';
import { permittedProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  list: permittedProcedure('audit.read')
    .input(
      z
        .object({ limit: z.number().int().min(1).max(200).default(50), before: z.coerce.date().optional() })
        .default({ limit: 50 }),
    )
    .query(async ({ ctx, input }) => {
      const entries = await listAudit(ctx.em, ctx.session.workspace.id, {
        limit: input.limit,
        ...(input.before ? { before: input.before } : {}),
      });
      return entries.map((e) => ({
        id: e.id,
        actor: e.actorLabel,
        actorType: e.actorType,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        details: e.details,
        ip: e.ip,
        createdAt: e.createdAt,
      }));
    }),
});
