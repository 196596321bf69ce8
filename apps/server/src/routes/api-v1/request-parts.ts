import { z } from 'zod';
import { notFound, type Actor, type ApiKeyPrincipal } from '@switchboard/accounts';

/** The part of Hono's context the helpers read, so they serve every route whatever its path parameters. */
interface KeyContext {
  get(key: 'principal'): ApiKeyPrincipal;
  req: { param(name: string): string | undefined };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who did it, for the audit log: the API key by name. */
export function apiActor(c: Pick<KeyContext, 'get'>): Actor {
  const principal = c.get('principal');
  return { type: 'api_key', id: principal.keyId, label: `API key ${principal.name}` };
}

/** The workspace always comes from the key, never from the request. */
export const workspaceIdOf = (c: Pick<KeyContext, 'get'>) => c.get('principal').workspace.id;

/** A uuid path parameter; anything else names nothing here, so it is the same 404 as an unknown id. */
export function uuidParam(c: KeyContext, name: string, what: string): string {
  const value = c.req.param(name) ?? '';
  if (!UUID.test(value)) throw notFound(what);
  return value;
}

/** `?limit=&after=`: `after` is the `next` of the previous page (an id). */
export const pageQuery = (defaultLimit: number, maxLimit: number) =>
  z.object({
    after: z.uuid('Use the `next` value of the previous page').optional(),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  });
