import type { EntityManager } from '@switchboard/db';
import { sql } from '../sql.ts';
import { contactView, type ContactRow } from './contact-row.ts';
import type { LifecycleStage } from '../traits/lifecycle.ts';

export interface ContactListQuery {
  search?: string;
  lifecycleStage?: LifecycleStage;
  tag?: string;
  /** Opaque cursor from the previous page. */
  cursor?: string;
  limit: number;
}

// The cursor keeps created_at to the microsecond, as PostgreSQL prints it; a JS Date would round to milliseconds and
// skip rows at page edges.
const encodeCursor = (row: ContactRow & { cursor_at: string }) =>
  Buffer.from(`${row.cursor_at}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): [string, string] | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return at &&
    id &&
    /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(at) &&
    /^[0-9a-f-]{36}$/i.test(id)
    ? [at, id]
    : null;
}

/** Escapes LIKE wildcards so a search for "50%" finds that text instead of matching everything. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Newest contacts first, filtered by a free-text search (email, phone, WeChat id, external id, names), lifecycle stage
 * and tag, paged by (created_at, id) so deep pages cost the same as the first. The first page also carries the total.
 */
export async function listContacts(em: EntityManager, workspaceId: string, query: ContactListQuery) {
  const where: string[] = ['workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  if (query.search) {
    const pattern = `%${likeLiteral(query.search.toLowerCase())}%`;
    const anyOf = [
      'email like ?',
      'lower(wechat_id) like ?',
      'lower(external_id) like ?',
      "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) like ?",
    ];
    const searchParams: unknown[] = [pattern, pattern, pattern, pattern];
    const digits = query.search.replace(/[^\d+]/g, '');
    if (digits.length >= 3) {
      anyOf.push('phone like ?');
      searchParams.push(`%${likeLiteral(digits)}%`);
    }
    where.push(`(${anyOf.join(' or ')})`);
    params.push(...searchParams);
  }
  if (query.lifecycleStage) {
    where.push('lifecycle_stage = ?');
    params.push(query.lifecycleStage);
  }
  if (query.tag) {
    where.push('? = any(tags)');
    params.push(query.tag);
  }
  const filters = where.join(' and ');
  const filterParams = [...params];
  const position = query.cursor ? decodeCursor(query.cursor) : null;
  if (position) {
    where.push('(created_at, id) < (?::timestamptz, ?::uuid)');
    params.push(...position);
  }
  const rows = await sql<ContactRow & { cursor_at: string }>(
    em,
    `select *, created_at::text as cursor_at from contacts where ${where.join(' and ')} order by created_at desc, id desc limit ?`,
    [...params, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const total = query.cursor
    ? null
    : Number(
        (await sql<{ n: string }>(em, `select count(*) as n from contacts where ${filters}`, filterParams))[0]
          ?.n ?? 0,
      );
  return {
    items: page.map(contactView),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
    total,
  };
}
