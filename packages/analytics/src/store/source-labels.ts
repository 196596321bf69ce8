import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';
import { DIRECT } from '../attribution/conversion-path.ts';

/**
 * What a report calls each key: a campaign's or journey's name (with the step, for `journey:<id>:<step>`), "Direct",
 * or the key itself (a channel, `api`, …) for the app to translate.
 */
export async function sourceLabels(
  em: EntityManager,
  workspaceId: string,
  keys: string[],
): Promise<Record<string, string>> {
  const ids = (prefix: string) =>
    keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split(':')[0]!);
  const [campaigns, journeys] = await Promise.all([
    sql<{ id: string; name: string }>(
      em,
      `select id::text, name from campaigns where workspace_id = ? and id::text = any(${TEXT_LIST})`,
      [workspaceId, list(ids('campaign:'))],
    ),
    sql<{ id: string; name: string }>(
      em,
      `select id::text, name from journeys where workspace_id = ? and id::text = any(${TEXT_LIST})`,
      [workspaceId, list(ids('journey:'))],
    ),
  ]);
  const names = new Map([...campaigns, ...journeys].map((r) => [r.id, r.name]));
  const result: Record<string, string> = {};
  for (const key of keys) {
    const [kind, id, step] = key.split(':');
    if ((kind === 'campaign' || kind === 'journey') && id)
      result[key] = `${names.get(id) ?? `(deleted ${kind})`}${step ? ` › ${step}` : ''}`;
    else result[key] = key === DIRECT ? 'Direct' : key;
  }
  return result;
}
