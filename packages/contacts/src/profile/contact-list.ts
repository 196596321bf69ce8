import {
  CONTACT_FAMILY_GIVEN,
  CONTACT_FAMILY_GIVEN_PINYIN,
  CONTACT_GIVEN_FAMILY,
  CONTACT_GIVEN_FAMILY_PINYIN,
  CONTACT_NAME_IS_CHINESE,
  CONTACT_SEARCH_TEXT,
  type EntityManager,
} from '@switchboard/db';
import { list, sql } from '../sql.ts';
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

const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\s]+$/u;

/**
 * A search written only in Chinese, Japanese or Korean characters is a name (杨, 杨强, 杨 强, 强杨): matched as the
 * start of the name family-first or given-first, spaces ignored — two index range scans, where a trigram search
 * cannot help names of one or two characters.
 */
function cjkNameSearch(search: string): string | null {
  return CJK_ONLY.test(search) ? search.replace(/\s+/g, '').toLowerCase() || null : null;
}

/**
 * A search of Latin letters only (at least two) may be a Chinese name's pinyin — "wangfang", "wang fang", "fangwang",
 * tone marks or not, ü written v: the letters, unspaced, lowercase and without marks.
 */
export function pinyinNameSearch(search: string): string | null {
  const letters = search
    .replace(/[üÜ]/g, 'v')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '');
  return /^[a-z]{2,}$/.test(letters) ? letters : null;
}

export type ContactFilter = Pick<ContactListQuery, 'search' | 'lifecycleStage' | 'tag'>;

/** The list's filters as one SQL condition over `contacts` (unaliased); shared by the list, bulk actions and export. */
export function contactFilterSql(workspaceId: string, filter: ContactFilter) {
  const where: string[] = ['workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const cjkName = filter.search ? cjkNameSearch(filter.search) : null;
  if (cjkName) {
    where.push(`(${CONTACT_FAMILY_GIVEN} like ? or ${CONTACT_GIVEN_FAMILY} like ?)`);
    params.push(`${likeLiteral(cjkName)}%`, `${likeLiteral(cjkName)}%`);
  } else if (filter.search) {
    // One indexed expression (trigram GIN) instead of an OR over columns; phone digits are matched too.
    const terms = [filter.search.toLowerCase().trim().replace(/\s+/g, ' ')];
    const digits = filter.search.replace(/[^\d+]/g, '');
    if (digits.length >= 3 && digits !== terms[0]) terms.push(digits);
    const pinyin = pinyinNameSearch(filter.search);
    // The pinyin arm repeats its indexes' condition, so PostgreSQL can read them beside the trigram index.
    const pinyinArm = pinyin
      ? ` or (${CONTACT_NAME_IS_CHINESE} and (${CONTACT_FAMILY_GIVEN_PINYIN} like ? or ${CONTACT_GIVEN_FAMILY_PINYIN} like ?))`
      : '';
    where.push(`(${terms.map(() => `${CONTACT_SEARCH_TEXT} like ?`).join(' or ')}${pinyinArm})`);
    params.push(...terms.map((term) => `%${likeLiteral(term)}%`));
    if (pinyin) params.push(`${pinyin}%`, `${pinyin}%`);
  }
  if (filter.lifecycleStage) {
    where.push('lifecycle_stage = ?');
    params.push(filter.lifecycleStage);
  }
  if (filter.tag) {
    where.push('? = any(tags)');
    params.push(filter.tag);
  }
  return { where: where.join(' and '), params };
}

/**
 * Newest contacts first, filtered by a free-text search (email, phone, WeChat id, external id, names), lifecycle stage
 * and tag, paged by (created_at, id) so deep pages cost the same as the first. The first page also carries the total.
 */
export async function listContacts(em: EntityManager, workspaceId: string, query: ContactListQuery) {
  const filter = contactFilterSql(workspaceId, query);
  const where = [filter.where];
  const params = [...filter.params];
  const filters = filter.where;
  const filterParams = filter.params;
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

/** Who a bulk action applies to: the rows picked in the list, or everyone matching its filters. */
export type BulkTarget = { ids: string[] } | { filter: ContactFilter };

export function bulkTargetSql(workspaceId: string, target: BulkTarget) {
  if ('ids' in target)
    return {
      where: 'workspace_id = ? and id = any(?::uuid[])',
      params: [workspaceId, list(target.ids)],
    };
  return contactFilterSql(workspaceId, target.filter);
}

/** Adds or removes a tag on every targeted contact in one statement; returns how many changed. */
export async function bulkTag(
  em: EntityManager,
  workspaceId: string,
  target: BulkTarget,
  tag: string,
  mode: 'add' | 'remove',
): Promise<number> {
  const { where, params } = bulkTargetSql(workspaceId, target);
  const rows = await sql(
    em,
    mode === 'add'
      ? `update contacts set tags = (select array_agg(distinct t order by t) from unnest(tags || array[?]::text[]) t),
           updated_at = now() where ${where} and not (? = any(tags)) returning id`
      : `update contacts set tags = array_remove(tags, ?), updated_at = now() where ${where} and ? = any(tags) returning id`,
    [tag, ...params, tag],
  );
  return rows.length;
}
