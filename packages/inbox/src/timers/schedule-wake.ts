import type { Client } from '@temporalio/client';
import type { conversationWakeWorkflow } from '../workflows/conversation-wake.workflow.ts';

/**
 * Starts (or replaces) the conversation's wake-up timer: one workflow per conversation, so snoozing again moves
 * the time instead of leaving an earlier timer behind.
 */
export function temporalConversationTimers(client: Client, taskQueue: string) {
  return async (conversation: { workspaceId: string; conversationId: string; at: Date }): Promise<void> => {
    await client.workflow.start<typeof conversationWakeWorkflow>('conversationWakeWorkflow', {
      taskQueue,
      workflowId: `conversation-wake-${conversation.conversationId}`,
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
      args: [
        {
          workspaceId: conversation.workspaceId,
          conversationId: conversation.conversationId,
          at: conversation.at.toISOString(),
        },
      ],
    });
  };
}
