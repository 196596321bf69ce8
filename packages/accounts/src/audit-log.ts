import { randomUUID } from 'node:crypto';
import { AuditEntry, type EntityManager } from '@switchboard/db';

/** Who performed an action; the API layer builds it from the session or API key. */
export interface Actor {
  type: 'user' | 'api_key' | 'cli';
  id: string | null;
  label: string;
  ip?: string | null;
}

export interface AuditInput {
  workspaceId: string;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/** Queues an audit entry in the caller's unit of work so it commits (or not) with the change it describes. */
export function recordAudit(em: EntityManager, input: AuditInput): void {
  em.create(AuditEntry, {
    id: randomUUID(),
    workspace: input.workspaceId,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    details: input.details ?? {},
    ip: input.actor.ip ?? null,
  });
}

export async function listAudit(
  em: EntityManager,
  workspaceId: string,
  options: { limit: number; before?: Date },
) {
  return em.find(
    AuditEntry,
    { workspace: workspaceId, ...(options.before ? { createdAt: { $lt: options.before } } : {}) },
    { orderBy: { createdAt: 'desc' }, limit: options.limit },
  );
}
