import type { EntityManager } from '@switchboard/db';
import { sql } from '../sql.ts';
import { csvRow } from './csv-cell.ts';
import type { ContactRow } from '../profile/contact-row.ts';

const PAGE = 2000;
const FIXED = [
  'id',
  'email',
  'phone',
  'wechat_id',
  'external_id',
  'first_name',
  'last_name',
  'lifecycle_stage',
  'lead_score',
  'tags',
  'timezone',
  'locale',
  'do_not_contact',
  'created_at',
] as const;

/**
 * Streams a workspace's contacts (optionally only those matching a compiled segment condition over `contacts c`) as
 * CSV, page by page, so memory stays flat however many there are. Attribute columns follow the fixed ones.
 */
export async function* contactsCsv(
  em: EntityManager,
  workspaceId: string,
  filter?: { where: string; params: unknown[] },
): AsyncGenerator<string> {
  const attributes = (
    await sql<{ key: string }>(
      em,
      'select key from attribute_definitions where workspace_id = ? order by key',
      [workspaceId],
    )
  ).map((a) => a.key);
  yield '\uFEFF' + csvRow([...FIXED, ...attributes]); // BOM: Excel then reads UTF-8 (Chinese names) correctly
  let after: [string, string] | null = null;
  for (;;) {
    const rows: (ContactRow & { cursor_at: string })[] = await sql<ContactRow & { cursor_at: string }>(
      em,
      `select c.*, c.created_at::text as cursor_at from contacts c where c.workspace_id = ?${filter ? ` and ${filter.where}` : ''}${after ? ' and (c.created_at, c.id) > (?::timestamptz, ?::uuid)' : ''}
        order by c.created_at, c.id limit ?`,
      [workspaceId, ...(filter?.params ?? []), ...(after ?? []), PAGE],
    );
    if (!rows.length) return;
    yield rows
      .map((r) =>
        csvRow([
          ...FIXED.map((column) =>
            column === 'created_at' ? new Date(r.created_at).toISOString() : r[column],
          ),
          ...attributes.map((key) => r.attributes[key]),
        ]),
      )
      .join('');
    const last = rows[rows.length - 1]!;
    // Microsecond-exact: a JS Date would round to milliseconds and repeat or skip rows at page edges.
    after = [last.cursor_at, last.id];
    if (rows.length < PAGE) return;
  }
}
