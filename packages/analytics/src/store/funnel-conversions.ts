import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

/** The conversion the funnel ends in: an event by name (and, for a segment entry, the segment's id). */
export interface FunnelConversion {
  eventName: string;
  segmentId: string | null;
  lookbackDays: number;
}

/**
 * The funnel's last step: of the period's messages clicked by a person, how many were followed by the conversion
 * within its lookback window after the click — a subset of the clicked ones. It reads the ledger and the event
 * store (it depends on the conversion's definition, so no rollup holds it), which is why the Reports page asks for
 * it apart from the overview and shows it when it comes.
 */
export async function clickedThenConverted(
  em: EntityManager,
  workspaceId: string,
  period: { from: Date; to: Date },
  conversion: FunnelConversion,
): Promise<number> {
  const [row] = await sql<{ n: number }>(
    em,
    `with clicked as (
       select m.id, m.contact_id, min(e.occurred_at) as at
       from messages m join message_events e on e.message_id = m.id
       where m.workspace_id = ? and m.sent_at >= ? and m.sent_at < ? and m.contact_id is not null
         and e.kind = 'clicked' and not e.machine
       group by m.id, m.contact_id
     )
     select count(*)::int as n from clicked c
     where exists (
       select 1 from events ev
       where ev.contact_id = c.contact_id and ev.workspace_id = ? and ev.name = ?
         and ev.occurred_at >= c.at and ev.occurred_at < c.at + make_interval(days => ?)
         and (?::text is null or ev.properties ->> 'segmentId' = ?::text))`,
    [
      workspaceId,
      period.from,
      period.to,
      workspaceId,
      conversion.eventName,
      conversion.lookbackDays,
      conversion.segmentId,
      conversion.segmentId,
    ],
  );
  return row?.n ?? 0;
}
