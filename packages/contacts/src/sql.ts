import type { EntityManager } from '@switchboard/db';

/**
 * Runs SQL with `?` placeholders as a server-side parameterised statement (values never enter the SQL text), inside
 * the EntityManager's current transaction if there is one. Lists travel as one JSON parameter: see `list()`.
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  const knex = em.getConnection().getKnex();
  const statement = knex.raw(query, params as never[]);
  const transaction = em.getTransactionContext<Parameters<typeof statement.transacting>[0]>();
  const result = (await (transaction ? statement.transacting(transaction) : statement)) as { rows: T[] };
  return result.rows;
}

/**
 * One list parameter as a PostgreSQL array literal ({"a","b"}), bound as a single value: knex would otherwise expand
 * a JS array into several parameters. Quotes and backslashes are escaped, so any text round-trips exactly, and the
 * planner sees a real array it can match against an index.
 */
export const list = (values: readonly (string | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;

/** SQL for a text[] from one `list()` parameter. */
export const TEXT_LIST = '?::text[]';
