import { createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import type { AgentState, ConversationSummary } from './inbox-types.ts';
import { channelLabel } from './conversation-list.tsx';
import { SlaChip } from './sla-chip.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;

/** When a snooze choice ends: in an hour, tomorrow at 9:00, or next Monday at 9:00 (the agent's clock). */
export function snoozeUntil(choice: 'hour' | 'tomorrow' | 'week', now = new Date()): Date {
  if (choice === 'hour') return new Date(now.getTime() + 3_600_000);
  const at = new Date(now);
  at.setHours(9, 0, 0, 0);
  at.setDate(at.getDate() + (choice === 'tomorrow' ? 1 : (8 - at.getDay()) % 7 || 7));
  return at;
}

/** Who the conversation is with, where it came from, and what an agent does to it. */
export function ConversationHeader(props: {
  conversation: ConversationSummary;
  agents: AgentState[];
  teams: { id: string; name: string }[];
  me: string;
  onBack(): void;
  onChanged(summary: ConversationSummary): void;
}) {
  const [error, setError] = createSignal<string | null>(null);
  const [labels, setLabels] = createSignal(props.conversation.labels.join(', '));
  const c = () => props.conversation;
  async function run(action: () => Promise<ConversationSummary>) {
    setError(null);
    try {
      props.onChanged(await action());
    } catch (e) {
      setError(problemText(toProblem(e)));
    }
  }
  const status = (next: 'open' | 'pending' | 'resolved') =>
    run(() => api.inbox.status.mutate({ conversationId: c().id, status: next }));
  const snooze = (choice: 'hour' | 'tomorrow' | 'week') =>
    run(() =>
      api.inbox.status.mutate({
        conversationId: c().id,
        status: 'snoozed',
        until: snoozeUntil(choice).toISOString(),
      }),
    );
  return (
    <header class="inbox-conversation-header">
      <div class="inbox-title-row">
        <button type="button" class="button secondary inbox-back" onClick={() => props.onBack()}>
          ← {t('inbox.back')}
        </button>
        <h2 dir="auto">
          <A href={`/contacts/${c().contact.id}`}>{c().contact.name}</A>
        </h2>
        <span class={`channel-chip channel-${c().channel}`}>{channelLabel(c().channel)}</span>
        <span class="muted">{c().contact.address}</span>
        <SlaChip sla={c().sla} />
        <Show when={c().csat}>
          {(csat) => (
            <span class="csat-chip" data-testid="csat">
              {csat().score === null
                ? t('inbox.csat.asked')
                : t('inbox.csat.score', { score: csat().score! })}
            </span>
          )}
        </Show>
        <span class={`status-chip status-${c().status}`} data-testid="conversation-status">
          {t(`inbox.status.${c().status}` as MessageKey)}
          <Show when={c().status === 'snoozed' && c().snoozedUntil}>
            {(until) => <> · {formatDate(until())}</>}
          </Show>
        </span>
      </div>
      <Show when={c().cause}>
        {(cause) => (
          <p class="inbox-cause" data-testid="conversation-cause">
            {cause().kind === 'campaign' ? t('inbox.causeCampaign') : t('inbox.causeJourney')}{' '}
            <A href={cause().kind === 'campaign' ? `/campaigns/${cause().id}` : `/journeys/${cause().id}`}>
              {cause().name}
            </A>
          </p>
        )}
      </Show>
      <div class="inbox-actions">
        <label>
          <span class="visually-hidden">{t('inbox.assignee')}</span>
          <select
            data-testid="assignee"
            value={c().assignee?.id ?? ''}
            onChange={(e) =>
              void run(() =>
                api.inbox.assign.mutate({
                  conversationId: c().id,
                  assigneeId: e.currentTarget.value || null,
                }),
              )
            }
          >
            <option value="">{t('inbox.unassigned')}</option>
            <For each={props.agents}>
              {(a) => (
                <option value={a.userId}>
                  {a.name}
                  {a.online ? ' ●' : ''} ({a.open}/{a.capacity})
                </option>
              )}
            </For>
          </select>
        </label>
        <Show when={c().assignee?.id !== props.me}>
          <button
            type="button"
            class="button secondary"
            data-testid="assign-me"
            title="a"
            onClick={() =>
              void run(() => api.inbox.assign.mutate({ conversationId: c().id, assigneeId: props.me }))
            }
          >
            {t('inbox.assignMe')}
          </button>
        </Show>
        <Show when={props.teams.length > 0}>
          <select
            aria-label={t('inboxTeams.moveTo')}
            data-testid="conversation-team"
            value={c().team?.id ?? ''}
            onChange={(e) =>
              void run(() =>
                api.inbox.setTeam.mutate({ conversationId: c().id, teamId: e.currentTarget.value || null }),
              )
            }
          >
            <option value="">{t('inboxTeams.none')}</option>
            <NamedOptions items={props.teams} />
          </select>
        </Show>
        <select
          aria-label={t('inbox.priority')}
          value={c().priority}
          onChange={(e) =>
            void run(() =>
              api.inbox.priority.mutate({
                conversationId: c().id,
                priority: e.currentTarget.value as (typeof PRIORITIES)[number],
              }),
            )
          }
        >
          <For each={PRIORITIES}>
            {(p) => <option value={p}>{t(`inbox.priority.${p}` as MessageKey)}</option>}
          </For>
        </select>
        <Show
          when={c().status !== 'resolved'}
          fallback={
            <button type="button" class="button secondary" onClick={() => void status('open')}>
              {t('inbox.reopen')}
            </button>
          }
        >
          <button
            type="button"
            class="button"
            data-testid="resolve"
            title="e"
            onClick={() => void status('resolved')}
          >
            {t('inbox.resolve')}
          </button>
          <Show when={c().status !== 'pending'}>
            <button type="button" class="button secondary" onClick={() => void status('pending')}>
              {t('inbox.markPending')}
            </button>
          </Show>
          <select
            aria-label={t('inbox.snooze')}
            data-testid="snooze"
            value=""
            onChange={(e) => {
              const choice = e.currentTarget.value as 'hour' | 'tomorrow' | 'week' | '';
              e.currentTarget.value = '';
              if (choice) void snooze(choice);
            }}
          >
            <option value="">{t('inbox.snooze')}</option>
            <option value="hour">{t('inbox.snooze.hour')}</option>
            <option value="tomorrow">{t('inbox.snooze.tomorrow')}</option>
            <option value="week">{t('inbox.snooze.week')}</option>
          </select>
        </Show>
        <form
          class="inbox-labels"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() =>
              api.inbox.labels.mutate({ conversationId: c().id, labels: labels().split(/[,，]/) }),
            );
          }}
        >
          <input
            value={labels()}
            placeholder={t('inbox.labelsPlaceholder')}
            aria-label={t('inbox.labels')}
            onInput={(e) => setLabels(e.currentTarget.value)}
          />
        </form>
      </div>
      <Show when={error()}>
        <p class="inline-error" role="alert">
          {error()}
        </p>
      </Show>
    </header>
  );
}
