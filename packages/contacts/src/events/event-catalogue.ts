import type { EntityManager } from '@switchboard/db';
import { sql } from '../sql.ts';

export interface CatalogueEntry {
  name: string;
  /** Property keys seen on the latest occurrences, for filters and Liquid. */
  propertyKeys: string[];
}

/**
 * The event names a workspace has received, each with the property keys its latest occurrences carried — what the
 * segment builder and the journey builder suggest. Distinct names come from a skip scan over the
 * (workspace, name, occurred_at) index: one index probe per name, however many million events there are.
 */
export async function eventCatalogue(
  em: EntityManager,
  workspaceId: string,
  options: { maxNames?: number; sampledPerName?: number } = {},
): Promise<CatalogueEntry[]> {
  const { maxNames = 300, sampledPerName = 50 } = options;
  const rows = await sql<{ name: string; keys: string[] | null }>(
    em,
    `with recursive names(name, n) as (
       (select name, 1 from events where workspace_id = ? order by name limit 1)
       union all
       select (select e.name from events e where e.workspace_id = ? and e.name > names.name order by e.name limit 1),
         names.n + 1
       from names where names.name is not null and names.n < ?
     )
     select names.name, (
       select array_agg(distinct k order by k) from (
         select properties from events e where e.workspace_id = ? and e.name = names.name
         order by e.occurred_at desc limit ?
       ) latest, jsonb_object_keys(case when jsonb_typeof(latest.properties) = 'object'
                                      then latest.properties else '{}'::jsonb end) k
     ) as keys
     from names where names.name is not null`,
    [workspaceId, workspaceId, maxNames, workspaceId, sampledPerName],
  );
  return rows.map((row) => ({ name: row.name, propertyKeys: row.keys ?? [] }));
}
