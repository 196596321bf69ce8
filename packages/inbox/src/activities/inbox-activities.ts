import type { Database } from '@switchboard/db';
import { wakeSnoozedConversation } from '../timers/wake-snoozed.ts';

export function createInboxActivities(deps: { db: Database }) {
  return {
    wakeSnoozedConversation: (input: { workspaceId: string; conversationId: string; at: string }) =>
      wakeSnoozedConversation(deps.db.fork(), input),
  };
}

export type InboxActivities = ReturnType<typeof createInboxActivities>;
