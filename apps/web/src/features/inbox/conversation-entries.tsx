import { For, Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import type { AgentState, ConversationEntryView } from './inbox-types.ts';
import { visibleText } from './visible-text.ts';

/** "Ann assigned it to Bo", "Reopened: the contact wrote"… one short line per change. */
function activityText(entry: ConversationEntryView, agents: AgentState[]): string {
  const detail = entry.detail ?? {};
  const who = entry.author?.name ?? t('inbox.system');
  const nameOf = (id: unknown) => agents.find((a) => a.userId === id)?.name ?? t('inbox.someone');
  switch (detail['action']) {
    case 'assigned':
      if (detail['by'] === 'owner') return t('inbox.activity.toOwner', { name: nameOf(detail['to']) });
      return detail['by'] === 'round-robin'
        ? t('inbox.activity.roundRobin', { name: nameOf(detail['to']) })
        : t('inbox.activity.assigned', { who, name: nameOf(detail['to']) });
    case 'unassigned':
      return detail['reason'] === 'offline'
        ? t('inbox.activity.offline', { name: nameOf(detail['from']) })
        : t('inbox.activity.unassigned', { who });
    case 'status':
      return t('inbox.activity.status', {
        who,
        status: t(`inbox.status.${String(detail['to'])}` as MessageKey),
      });
    case 'reopened':
      if (detail['by'] === 'task') return t('inbox.activity.taskReopened');
      return detail['by'] === 'snooze' ? t('inbox.activity.snoozeEnded') : t('inbox.activity.contactWrote');
    case 'sla_breached':
      return t('inbox.activity.slaBreached', {
        kind: t(`inbox.sla.kind.${String(detail['kind'])}` as MessageKey),
      });
    case 'csat':
      return t('inbox.activity.csat', { score: Number(detail['score']) });
    case 'priority':
      return t('inbox.activity.priority', {
        who,
        priority: t(`inbox.priority.${String(detail['to'])}` as MessageKey),
      });
    case 'handed_off':
      return t('inbox.activity.handedOff', { who });
    case 'enrolled':
      return t('inbox.activity.enrolled', {
        who,
        journey: typeof detail['journey'] === 'string' ? detail['journey'] : '',
      });
    case 'team':
      return typeof detail['to'] === 'string'
        ? t('inboxTeams.activity.moved', { who, team: detail['to'] })
        : t('inboxTeams.activity.removed', { who });
    case 'labels':
      return t('inbox.activity.labels', {
        who,
        added: ((detail['added'] as string[] | undefined) ?? []).join(', ') || '—',
        removed: ((detail['removed'] as string[] | undefined) ?? []).join(', ') || '—',
      });
    default:
      return who;
  }
}

/** Images an agent sent with a reply (ids of the workspace's attachments, read through the app's own route). */
function mediaOf(entry: ConversationEntryView): { id: string; filename: string }[] {
  const media = entry.detail?.['media'];
  return Array.isArray(media)
    ? media.filter(
        (m): m is { id: string; filename: string } =>
          typeof (m as { id?: unknown }).id === 'string' && /^[0-9a-f-]{36}$/i.test((m as { id: string }).id),
      )
    : [];
}

/** The conversation's history: messages both ways, notes, and who changed what. Text is always shown as text. */
export function ConversationEntries(props: { entries: ConversationEntryView[]; agents: AgentState[] }) {
  return (
    <ol class="inbox-entries" data-testid="conversation-entries">
      <For each={props.entries}>
        {(entry) => (
          <li class={`inbox-entry entry-${entry.kind}`} data-kind={entry.kind}>
            <Switch>
              <Match when={entry.kind === 'activity'}>
                <p class="entry-activity muted">
                  {activityText(entry, props.agents)} · <time>{formatDate(entry.at)}</time>
                </p>
              </Match>
              <Match when={true}>
                <div class="bubble" dir="auto">
                  <Show when={entry.kind === 'inbound' && entry.inReplyTo}>
                    {(cause) => (
                      <p class="entry-cause">
                        {t('inbox.repliedTo')}{' '}
                        <A
                          href={
                            cause().kind === 'campaign'
                              ? `/campaigns/${cause().id}`
                              : `/journeys/${cause().id}`
                          }
                          data-testid="entry-cause"
                        >
                          {cause().name}
                        </A>
                        <Show when={cause().step}>
                          {(step) => <span class="muted"> · {t('inbox.step', { step: step() })}</span>}
                        </Show>
                      </p>
                    )}
                  </Show>
                  <Show when={entry.kind === 'note'}>
                    <p class="entry-label" data-testid={entry.detail?.['task'] ? 'inbox-task' : undefined}>
                      {entry.detail?.['task'] && typeof entry.detail['journeyName'] === 'string'
                        ? t('inbox.taskFrom', { journey: entry.detail['journeyName'] })
                        : t('inbox.noteBy', { name: entry.author?.name ?? '' })}
                    </p>
                  </Show>
                  <Show when={entry.subject && entry.kind === 'inbound'}>
                    <p class="entry-subject">{entry.subject}</p>
                  </Show>
                  <Show when={entry.body}>
                    <p class="entry-body">{visibleText(entry.body ?? '')}</p>
                  </Show>
                  <Show when={mediaOf(entry).length > 0}>
                    <div class="entry-images" data-testid="entry-images">
                      <For each={mediaOf(entry)}>
                        {(m) => (
                          <a href={`/app/inbox/attachments/${m.id}`} target="_blank" rel="noopener">
                            <img src={`/app/inbox/attachments/${m.id}`} alt={m.filename} loading="lazy" />
                          </a>
                        )}
                      </For>
                    </div>
                  </Show>
                  <p class="entry-meta muted">
                    <Show when={entry.kind === 'outbound'}>{entry.author?.name ?? t('inbox.system')} · </Show>
                    <time>{formatDate(entry.at)}</time>
                    <Show when={entry.keyword}>
                      {(keyword) => <span> · {t(`inbox.keyword.${keyword()}` as MessageKey)}</span>}
                    </Show>
                    <Show when={entry.delivery}>
                      {(delivery) => (
                        <span class={`delivery delivery-${delivery().status}`} data-testid="delivery-status">
                          {' '}
                          · {t(`inbox.delivery.${delivery().status}` as MessageKey)}
                        </span>
                      )}
                    </Show>
                  </p>
                  <Show when={entry.delivery?.problem}>
                    {(problem) => <p class="entry-problem">{problem()}</p>}
                  </Show>
                </div>
              </Match>
            </Switch>
          </li>
        )}
      </For>
    </ol>
  );
}
