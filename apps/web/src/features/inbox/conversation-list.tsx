import { createMemo, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import type { ConversationSummary, ViewCounts } from './inbox-types.ts';
import type { InboxView, StatusFilter } from './inbox-list-state.ts';
import { visibleText } from './visible-text.ts';
import { SlaChip } from './sla-chip.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

const ROW_HEIGHT = 76;
const OVERSCAN = 8;

export function channelLabel(channel: string): string {
  return t(`inbox.channel.${channel}` as MessageKey);
}

/**
 * The views (mine / unassigned / all, with open and unread counts), the status filter, and the conversations:
 * only the rows in sight are rendered, so ten thousand open conversations scroll like ten.
 */
export function ConversationList(props: {
  view: InboxView;
  status: StatusFilter;
  counts: ViewCounts | undefined;
  items: ConversationSummary[];
  selectedId: string | null;
  typing: Record<string, string>;
  hasMore: boolean;
  onView(view: InboxView): void;
  onStatus(status: StatusFilter): void;
  /** The workspace's teams (the team filter shows only when there are some). */
  teams: { id: string; name: string }[];
  team: string | undefined;
  onTeam(team: string | undefined): void;
  onSelect(id: string): void;
  onMore(): void;
}) {
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(600);
  const window = createMemo(() => {
    const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(props.items.length, Math.ceil((scrollTop() + height()) / ROW_HEIGHT) + OVERSCAN);
    return { first, rows: props.items.slice(first, last) };
  });
  let scroller: HTMLDivElement | undefined;
  function onScroll() {
    if (!scroller) return;
    setScrollTop(scroller.scrollTop);
    setHeight(scroller.clientHeight);
    if (props.hasMore && scroller.scrollTop + scroller.clientHeight > scroller.scrollHeight - ROW_HEIGHT * 10)
      props.onMore();
  }
  const views: InboxView[] = ['mine', 'unassigned', 'all'];
  const statuses: StatusFilter[] = ['open', 'pending', 'snoozed', 'resolved'];
  return (
    <aside class="inbox-list" aria-label={t('inbox.conversations')}>
      <nav class="inbox-views" aria-label={t('inbox.views')}>
        <For each={views}>
          {(view) => (
            <button
              type="button"
              class="inbox-view"
              classList={{ active: props.view === view }}
              aria-pressed={props.view === view}
              data-testid={`inbox-view-${view}`}
              onClick={() => props.onView(view)}
            >
              {t(`inbox.view.${view}` as MessageKey)}
              <span class="count">{props.counts?.[view].open ?? '·'}</span>
              <Show when={(props.counts?.[view].unread ?? 0) > 0}>
                <span class="badge unread" title={t('inbox.unreadTitle')}>
                  {props.counts?.[view].unread}
                </span>
              </Show>
            </button>
          )}
        </For>
      </nav>
      <label class="inbox-status">
        <span class="visually-hidden">{t('inbox.status')}</span>
        <select value={props.status} onChange={(e) => props.onStatus(e.currentTarget.value as StatusFilter)}>
          <For each={statuses}>
            {(s) => <option value={s}>{t(`inbox.status.${s}` as MessageKey)}</option>}
          </For>
        </select>
        <Show when={props.teams.length > 0}>
          <select
            aria-label={t('inboxTeams.team')}
            data-testid="team-filter"
            value={props.team ?? ''}
            onChange={(e) => props.onTeam(e.currentTarget.value || undefined)}
          >
            <option value="">{t('inboxTeams.all')}</option>
            <NamedOptions items={props.teams} />
            <option value="none">{t('inboxTeams.none')}</option>
          </select>
        </Show>
      </label>
      <div
        class="inbox-rows"
        ref={(el) => (scroller = el)}
        onScroll={onScroll}
        data-testid="conversation-list"
      >
        <Show when={props.items.length > 0} fallback={<p class="muted inbox-empty">{t('inbox.empty')}</p>}>
          <div style={{ height: `${props.items.length * ROW_HEIGHT}px`, position: 'relative' }}>
            <For each={window().rows}>
              {(c, i) => (
                <button
                  type="button"
                  class="inbox-row"
                  classList={{ selected: c.id === props.selectedId, unread: c.unread > 0 }}
                  style={{ top: `${(window().first + i()) * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
                  data-testid="conversation-row"
                  data-conversation={c.id}
                  onClick={() => props.onSelect(c.id)}
                >
                  <span class="inbox-row-top">
                    <span class={`channel-chip channel-${c.channel}`}>{channelLabel(c.channel)}</span>
                    <strong class="inbox-row-name">{c.contact.name}</strong>
                    <Show when={c.unread > 0}>
                      <span class="badge unread">{c.unread}</span>
                    </Show>
                    <time class="muted">{formatDate(c.lastMessageAt)}</time>
                  </span>
                  <span class="inbox-row-preview">
                    {props.typing[c.id]
                      ? t('inbox.typing', { name: props.typing[c.id]! })
                      : visibleText(c.preview ?? '')}
                  </span>
                  <span class="inbox-row-meta muted">
                    <SlaChip sla={c.sla} />
                    <Show when={c.priority !== 'none'}>
                      <span class={`priority priority-${c.priority}`}>
                        {t(`inbox.priority.${c.priority}` as MessageKey)}
                      </span>
                    </Show>
                    {c.assignee ? c.assignee.name : t('inbox.unassigned')}
                    <Show when={c.cause}>{(cause) => <span> · {cause().name}</span>}</Show>
                  </span>
                </button>
              )}
            </For>
          </div>
        </Show>
      </div>
    </aside>
  );
}
