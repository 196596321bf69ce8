import type { Database } from '@switchboard/db';
import { wakeSnoozedConversation } from '../timers/wake-snoozed.ts';
import { passSlaCheckpoint, type SlaCheckpoint } from '../sla/sla-checkpoint.ts';
import { releaseAgentsGoneOffline } from '../agents/agent-presence.ts';

export function createInboxActivities(deps: { db: Database }) {
  return {
    wakeSnoozedConversation: (input: { workspaceId: string; conversationId: string; at: string }) =>
      wakeSnoozedConversation(deps.db.fork(), input),
    passSlaCheckpoint: (checkpoint: SlaCheckpoint) => passSlaCheckpoint(deps.db.fork(), checkpoint),
    releaseAgentsGoneOffline: () => releaseAgentsGoneOffline(deps.db.fork()),
  };
}

export type InboxActivities = ReturnType<typeof createInboxActivities>;
