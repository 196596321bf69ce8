import { createHash } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';

/**
 * Prepared-statement names of the texts this process ran more than once. A text seen once stays unnamed (a one-off:
 * a migration, a report of one shape); from its second run it is prepared once per connection, and PostgreSQL skips
 * parsing it again and, once its generic plan is as good, planning it too. Measured on the journey path, planning was
 * a third of PostgreSQL's time (0.6 ms for a 0.2 ms read). Bounded: SQL built from user input (segment rules) cannot
 * grow what every connection keeps without end, and one-offs cannot crowd out the statements that repeat.
 */
const named = new Map<string, string>();
const MAX_NAMED = 500;
const seenOnce = new Set<string>();
const MAX_SEEN_ONCE = 5000;
/** Bumped when PostgreSQL refuses a prepared statement whose tables changed under it: every name is new after. */
let generation = 0;

/** The name to prepare this statement under, or undefined to run it unprepared. */
export function statementName(query: string, params: readonly unknown[]): string | undefined {
  // Without parameters pg sends the simple protocol, which also takes several statements in one text.
  if (params.length === 0) return undefined;
  // The text alone decides the statement: knex binds each parameter, an array too, as one `$n`.
  let name = named.get(query);
  if (!name && seenOnce.delete(query) && named.size < MAX_NAMED) {
    name = `sb_${createHash('sha256').update(query).digest('base64url').slice(0, 24)}`;
    named.set(query, name);
  } else if (!name) {
    if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.clear();
    seenOnce.add(query);
  }
  return name && `${name}_${generation}`;
}

/** PostgreSQL's refusal of a prepared statement after `alter table` changed the columns it returns. */
function isStalePlan(error: unknown): boolean {
  return (
    (error as { code?: string }).code === '0A000' &&
    /cached plan must not change result type/.test((error as Error).message)
  );
}

/**
 * Runs SQL with `?` placeholders as a server-side parameterised statement (values never enter the SQL text), inside
 * the EntityManager's current transaction if there is one. Lists travel as one JSON parameter: see `list()`.
 * Statements that run again are prepared (see `statementName`).
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  const knex = em.getConnection().getKnex();
  const transaction = em.getTransactionContext<Parameters<ReturnType<typeof knex.raw>['transacting']>[0]>();
  const run = async (name: string | undefined) => {
    const statement = knex.raw(query, params as never[]);
    if (name) statement.options({ name });
    return (await (transaction ? statement.transacting(transaction) : statement)) as { rows: T[] };
  };
  const name = statementName(query, params);
  try {
    return (await run(name)).rows;
  } catch (error) {
    if (!name || !isStalePlan(error)) throw error;
    generation++;
    // Inside a transaction the refusal has aborted it: the caller's retry runs under the new names.
    if (transaction) throw error;
    return (await run(undefined)).rows;
  }
}

/**
 * One list parameter as a PostgreSQL array literal ({"a","b"}), bound as a single value. Quotes and backslashes are
 * escaped, so any text round-trips exactly, and the planner sees a real array it can match against an index.
 */
export const list = (values: readonly (string | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;

/** SQL for a text[] from one `list()` parameter. */
export const TEXT_LIST = '?::text[]';

/**
 * `TEXT_LIST` hidden from the planner in a scalar subquery. A prepared statement keeps its generic plan only while
 * the plans made for each call (custom plans) are not cheaper; a custom plan sees the array, so `= any('{}')` is
 * provably empty and `unnest` of two items costs two rows where the generic plan guesses, and such a statement is
 * planned again on every call (up to 0.7 ms each on the journey send path). Hidden, the array looks the same to both
 * plans and the generic one is kept. For short lists in statements whose best plan does not depend on them. (The
 * outer cast keeps `= any(...)` reading it as an array: a bare parenthesised select there is a subquery of rows.)
 */
export const OPAQUE_TEXT_LIST = '(select ?::text[])::text[]';
