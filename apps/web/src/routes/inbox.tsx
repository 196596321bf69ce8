import { batch, createEffect, createResource, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { t } from '../i18n/i18n.ts';
import { api } from '../lib/trpc.ts';
import { session } from '../features/auth/session.ts';
import { ConversationList } from '../features/inbox/conversation-list.tsx';
import { ConversationHeader } from '../features/inbox/conversation-header.tsx';
import { ConversationEntries } from '../features/inbox/conversation-entries.tsx';
import { ReplyComposer } from '../features/inbox/reply-composer.tsx';
import { ContactPanel } from '../features/inbox/contact-panel.tsx';
import { followInbox, type FeedState, type InboxChange } from '../features/inbox/inbox-feed.ts';
import {
  neighbour,
  withConversation,
  type InboxView,
  type StatusFilter,
} from '../features/inbox/inbox-list-state.ts';
import type { ConversationDetail, ConversationSummary } from '../features/inbox/inbox-types.ts';
import '../features/inbox/inbox.css';
import { usePageTitle } from '../ui/page-title.ts';

const VIEWS: InboxView[] = ['mine', 'unassigned', 'all'];
const STATUSES: StatusFilter[] = ['open', 'pending', 'snoozed', 'resolved'];

/**
 * /inbox: the agents' shared inbox. The list, the open conversation and the contact beside it follow the live feed
 * (SSE): new messages, assignments and status changes appear without reloading, on every agent's screen.
 * Shortcuts: j / k next and previous, a assign to me, e resolve, / canned response in the reply box.
 */
export default function InboxPage() {
  const [params, setParams] = useSearchParams<{
    view?: string;
    status?: string;
    team?: string;
    conversation?: string;
  }>();
  const me = () => session()?.user.id ?? '';
  const view = (): InboxView =>
    VIEWS.includes(params.view as InboxView) ? (params.view as InboxView) : 'mine';
  const status = (): StatusFilter =>
    STATUSES.includes(params.status as StatusFilter) ? (params.status as StatusFilter) : 'open';
  const selectedId = () => params.conversation ?? null;
  const team = () => params.team || undefined;
  const filter = () => ({ view: view(), status: status(), userId: me(), team: team() });

  const [items, setItems] = createSignal<ConversationSummary[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [detail, setDetail] = createSignal<ConversationDetail | null>(null);
  const [feed, setFeed] = createSignal<FeedState>('connecting');
  const [typing, setTyping] = createSignal<Record<string, string>>({});
  const [counts, { refetch: refetchCounts }] = createResource(() => api.inbox.counts.query());
  const [agents, { refetch: refetchAgents }] = createResource(() => api.inbox.agents.query());
  const [canned] = createResource(() => api.inbox.canned.query());
  const [teams] = createResource(() => api.inbox.teams.query());
  const [notify, setNotify] = createSignal(
    typeof Notification !== 'undefined' && Notification.permission === 'granted',
  );

  let loading = false;
  async function loadList(reset: boolean) {
    if (loading && !reset) return;
    loading = true;
    try {
      const page = await api.inbox.list.query({
        view: view(),
        status: status(),
        ...(team() ? { team: team() === 'none' ? null : team() } : {}),
        limit: 100,
        ...(reset || !next() ? {} : { after: next()! }),
      });
      batch(() => {
        setItems(reset ? page.items : [...items(), ...page.items]);
        setNext(page.next);
      });
    } finally {
      loading = false;
    }
  }
  createEffect(on([view, status, team], () => void loadList(true)));

  async function loadDetail(id: string | null) {
    if (!id) return setDetail(null);
    const loaded = await api.inbox.conversation.query({ id }).catch(() => null);
    if (selectedId() !== id) return;
    setDetail(loaded);
    if (loaded && loaded.conversation.unread > 0)
      void api.inbox.markRead.mutate({ conversationId: id }).catch(() => undefined);
  }
  createEffect(on(selectedId, (id) => void loadDetail(id)));

  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  function onChange(change: InboxChange) {
    const open = detail();
    if (change.delivery) {
      const delivery = change.delivery;
      if (open && change.conversationId === open.conversation.id)
        setDetail({
          ...open,
          entries: open.entries.map((e) =>
            e.delivery?.messageId === delivery.messageId ? { ...e, delivery } : e,
          ),
        });
      return;
    }
    if (!change.conversation) return;
    setItems(withConversation(items(), change.conversation, filter()));
    if (open && change.conversationId === open.conversation.id) {
      const known = new Set(open.entries.map((e) => e.id));
      setDetail({
        ...open,
        conversation: change.conversation,
        entries: [...open.entries, ...change.entries.filter((e) => !known.has(e.id))],
      });
      // Reading it as it arrives: the unread mark would only flash.
      if (change.conversation.unread > 0 && document.visibilityState === 'visible')
        void api.inbox.markRead.mutate({ conversationId: open.conversation.id }).catch(() => undefined);
    }
    const inbound = change.entries.some((e) => e.kind === 'inbound');
    const forMe = !change.conversation.assignee || change.conversation.assignee.id === me();
    if (inbound && forMe && notify() && document.visibilityState !== 'visible')
      new Notification(change.conversation.contact.name, { body: change.conversation.preview ?? '' });
    clearTimeout(countsTimer);
    countsTimer = setTimeout(() => void refetchCounts(), 300);
  }

  onMount(() => {
    const stop = followInbox({
      onChange,
      onLive(signal) {
        if (signal.kind !== 'typing' || signal.userId === me()) return;
        setTyping({ ...typing(), [signal.conversationId]: signal.name });
        setTimeout(() => {
          const { [signal.conversationId]: _gone, ...rest } = typing();
          setTyping(rest);
        }, 5000);
      },
      onState(state) {
        // Back after a gap: what happened meanwhile is replayed by the feed, the counters are simply re-read.
        if (state === 'live' && feed() === 'reconnecting') void refetchCounts();
        setFeed(state);
      },
    });
    const agentsTimer = setInterval(() => void refetchAgents(), 30_000);
    onCleanup(() => {
      stop();
      clearInterval(agentsTimer);
    });
  });

  const select = (id: string | null) => setParams({ conversation: id ?? undefined });
  function onKey(e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select') || e.ctrlKey || e.metaKey || e.altKey) return;
    const open = detail()?.conversation;
    if (e.key === 'j' || e.key === 'k') select(neighbour(items(), selectedId(), e.key === 'j' ? 1 : -1));
    else if (e.key === 'a' && open)
      void api.inbox.assign.mutate({ conversationId: open.id, assigneeId: me() }).catch(() => undefined);
    else if (e.key === 'e' && open)
      void api.inbox.status.mutate({ conversationId: open.id, status: 'resolved' }).catch(() => undefined);
    else if (e.key === '/' && open) {
      e.preventDefault();
      const box = document.querySelector<HTMLTextAreaElement>('[data-testid="composer-text"]');
      if (box) {
        box.focus();
        if (!box.value) {
          box.value = '/';
          box.dispatchEvent(new Event('input', { bubbles: true }));
        }
      }
    } else return;
    e.preventDefault();
  }
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));

  async function askNotify() {
    if (typeof Notification === 'undefined') return;
    setNotify((await Notification.requestPermission()) === 'granted');
  }

  usePageTitle(() => t('inbox.title'));
  return (
    <section class="page inbox-page" data-pane={selectedId() ? 'conversation' : 'list'}>
      <div class="page-header">
        <h1>{t('inbox.title')}</h1>
        <span class={`feed-state feed-${feed()}`} data-testid="feed-state" role="status">
          {t(`inbox.feed.${feed()}`)}
        </span>
        <Show when={typeof Notification !== 'undefined' && !notify()}>
          <button type="button" class="button link" onClick={() => void askNotify()}>
            {t('inbox.enableNotifications')}
          </button>
        </Show>
        <Show when={(agents() ?? []).find((a) => a.userId === me())}>
          {(mine) => (
            <label class="inbox-available">
              <input
                type="checkbox"
                data-testid="available"
                checked={mine().available}
                onChange={(e) =>
                  void api.inbox.setAvailable
                    .mutate({ available: e.currentTarget.checked })
                    .then(() => refetchAgents())
                }
              />{' '}
              {t('inbox.available')}
            </label>
          )}
        </Show>
        <span class="muted inbox-shortcuts">{t('inbox.shortcuts')}</span>
      </div>
      <div class="inbox-layout">
        <ConversationList
          view={view()}
          status={status()}
          counts={counts()}
          items={items()}
          selectedId={selectedId()}
          typing={typing()}
          hasMore={next() !== null}
          onView={(v) => setParams({ view: v, conversation: undefined })}
          onStatus={(s) => setParams({ status: s, conversation: undefined })}
          teams={teams() ?? []}
          team={team()}
          onTeam={(id) => setParams({ team: id, conversation: undefined })}
          onSelect={(id) => select(id)}
          onMore={() => void loadList(false)}
        />
        <Show
          when={detail()}
          fallback={<div class="inbox-conversation inbox-placeholder muted">{t('inbox.pick')}</div>}
        >
          {(d) => (
            <>
              <div class="inbox-conversation" data-testid="conversation">
                <ConversationHeader
                  conversation={d().conversation}
                  agents={agents() ?? []}
                  teams={teams() ?? []}
                  me={me()}
                  onBack={() => select(null)}
                  onChanged={(summary) => {
                    setDetail({ ...d(), conversation: summary });
                    setItems(withConversation(items(), summary, filter()));
                  }}
                />
                <ConversationEntries entries={d().entries} agents={agents() ?? []} />
                <Show when={typing()[d().conversation.id]}>
                  {(name) => <p class="muted typing">{t('inbox.typing', { name: name() })}</p>}
                </Show>
                <ReplyComposer
                  conversation={d().conversation}
                  blocked={d().replyBlocked}
                  canned={canned() ?? []}
                  onSent={() => undefined}
                />
              </div>
              <ContactPanel
                contactId={d().conversation.contact.id}
                conversationId={d().conversation.id}
                onOpen={(id) => select(id)}
              />
            </>
          )}
        </Show>
      </div>
    </section>
  );
}
