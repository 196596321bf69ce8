import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { refreshWorkspaceRollups } from '../rollups/message-rollups.ts';
import { OVERVIEW_COUNTS, ROLLUP_SUMS, zeroCounts, type OverviewCounts } from './channel-overview.ts';

/** What one send step's messages did: its channel and the same counts as the channel overview. */
export interface StepMessages extends OverviewCounts {
  channel: string;
}

/**
 * Per send step of a journey, what its messages sent in the period did (delivered, opened and clicked by people,
 * replies, unsubscribes…), from the hourly rollups brought up to the moment — the figures the builder shows beside
 * each step. Hours are whole: the period is read from the hour it starts in.
 */
export async function journeyStepMessages(
  em: EntityManager,
  workspaceId: string,
  journeyId: string,
  period: { from: Date; to: Date },
): Promise<Record<string, StepMessages>> {
  await refreshWorkspaceRollups(em, workspaceId);
  const rows = await sql<Record<string, string | number>>(
    em,
    `select journey_node, channel, ${ROLLUP_SUMS}
     from message_rollups
     where workspace_id = ? and source_kind = 'journey' and source_id = ? and journey_node <> ''
       and hour >= date_trunc('hour', ?::timestamptz) and hour < ?
     group by 1, 2`,
    [workspaceId, journeyId, period.from, period.to],
  );
  const steps: Record<string, StepMessages> = {};
  for (const row of rows) {
    const node = String(row.journey_node);
    const step = (steps[node] ??= { channel: String(row.channel), ...zeroCounts() });
    for (const key of OVERVIEW_COUNTS) step[key] += Number(row[key] ?? 0);
  }
  return steps;
}
