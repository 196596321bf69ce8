import { api } from '../../lib/trpc.ts';
import type { ConversationEntryView, ConversationSummary } from './inbox-types.ts';

export interface InboxChange {
  id: number;
  kind: string;
  conversationId: string | null;
  /** The conversation as the list shows it now (absent when only a reply's delivery moved on). */
  conversation: ConversationSummary | null;
  entries: ConversationEntryView[];
  /** A reply's delivery status changed (sent, delivered, not sent and why). */
  delivery: NonNullable<ConversationEntryView['delivery']> | null;
}

export type LiveSignal =
  | { kind: 'typing'; conversationId: string; userId: string; name: string }
  | { kind: 'presence'; userId: string; online: boolean };

export type FeedState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows the workspace's inbox over SSE. The link reconnects by itself and resumes after the last event id it
 * received, so a server restart or a network drop loses nothing; `onState` tells the screen when it is catching up.
 */
export function followInbox(handlers: {
  onChange(change: InboxChange): void;
  onLive(signal: LiveSignal): void;
  onState(state: FeedState): void;
}): () => void {
  handlers.onState('connecting');
  const subscription = api.inbox.events.subscribe(
    {},
    {
      onData(data) {
        if ('live' in data) {
          handlers.onLive(data.live);
          return;
        }
        const event = data.data;
        const payload = event.payload as {
          conversation?: ConversationSummary;
          entries?: ConversationEntryView[];
          delivery?: InboxChange['delivery'];
        };
        handlers.onChange({
          id: event.id,
          kind: event.kind,
          conversationId: event.conversationId,
          conversation: payload.conversation ?? null,
          entries: payload.entries ?? [],
          delivery: payload.delivery ?? null,
        });
      },
      onStarted: () => handlers.onState('live'),
      onConnectionStateChange(state) {
        handlers.onState(state.state === 'pending' ? 'live' : 'reconnecting');
      },
      onError: () => handlers.onState('reconnecting'),
    },
  );
  return () => subscription.unsubscribe();
}
