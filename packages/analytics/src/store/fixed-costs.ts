import { z } from 'zod';
import type { EntityManager } from '@switchboard/db';
import { InputError, list, sql, TEXT_LIST } from '@switchboard/contacts';

export const fixedCostInput = z.object({
  source: z.enum(['campaign', 'journey']),
  id: z.uuid('must be a campaign or journey id'),
  /** In the workspace's price currency (Settings → Sending); null removes it. */
  amount: z
    .number('must be a number')
    .min(0, 'must not be negative')
    .max(1_000_000_000, 'must be at most 1,000,000,000')
    .nullable(),
});
export type FixedCostInput = z.input<typeof fixedCostInput>;

/** Sets (or, with null, removes) what a campaign or journey cost beyond its messages. */
export async function setFixedCost(
  em: EntityManager,
  workspaceId: string,
  input: FixedCostInput,
): Promise<void> {
  const parsed = fixedCostInput.safeParse(input);
  if (!parsed.success)
    throw new InputError(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
  const { source, id, amount } = parsed.data;
  const table = source === 'campaign' ? 'campaigns' : 'journeys';
  const updated = await sql<{ id: string }>(
    em,
    `update ${table} set fixed_cost = ?, updated_at = now() where id = ? and workspace_id = ? returning id`,
    [amount === null ? null : Math.round(amount * 100) / 100, id, workspaceId],
  );
  if (updated.length === 0) throw new InputError({ id: `is not a ${source} of this workspace` });
}

/** The fixed costs of the campaigns and journeys among `keys` (`campaign:<id>`, `journey:<id>`) that have one. */
export async function fixedCostsOf(
  em: EntityManager,
  workspaceId: string,
  keys: string[],
): Promise<Record<string, number>> {
  const ids = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const rows = await sql<{ key: string; cost: number }>(
    em,
    `select 'campaign:' || id as key, fixed_cost::float8 as cost from campaigns
     where workspace_id = ? and fixed_cost is not null and id::text = any(${TEXT_LIST})
     union all
     select 'journey:' || id, fixed_cost::float8 from journeys
     where workspace_id = ? and fixed_cost is not null and id::text = any(${TEXT_LIST})`,
    [workspaceId, list(ids('campaign:')), workspaceId, list(ids('journey:'))],
  );
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.cost)]));
}
