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

/** A list parameter, to be used in SQL as `array(select jsonb_array_elements_text(?::jsonb))` (see TEXT_LIST). */
export const list = (values: readonly (string | null)[]) => JSON.stringify(values);

/** SQL for a text[] built from one `list()` parameter (knex would otherwise expand arrays into several parameters). */
export const TEXT_LIST = 'array(select jsonb_array_elements_text(?::jsonb))';
