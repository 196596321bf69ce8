import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { BusinessHoursFields, readBusinessHours } from './business-hours-fields.tsx';

type Team = Awaited<ReturnType<typeof api.inbox.teams.query>>[number];
const CHANNELS = ['email', 'sms', 'wechat'] as const;

/**
 * Teams: each takes new conversations on its channels into its own queue, assigns them in turn among its members,
 * and may keep its own business hours for service levels.
 */
export function TeamsSection(props: {
  agents: { userId: string; name: string }[];
  attempt: (action: () => Promise<unknown>) => Promise<void>;
}) {
  const [teams, { refetch }] = createResource(() => api.inbox.teams.query());
  // undefined: no form open; null: a new team.
  const [editing, setEditing] = createSignal<Team | null | undefined>(undefined);

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const current = editing();
    await props.attempt(async () => {
      await api.inbox.saveTeam.mutate({
        ...(current ? { id: current.id } : {}),
        name: (form.get('team-name') as string | null) ?? '',
        channels: CHANNELS.filter((c) => form.get(`team-channel-${c}`)),
        memberIds: props.agents.map((a) => a.userId).filter((id) => form.get(`team-member-${id}`)),
        businessHours: readBusinessHours(form, 'team-'),
      });
      setEditing(undefined);
      await refetch();
    });
  }

  const hoursText = (team: Team) =>
    team.businessHours
      ? `${team.businessHours.from}–${team.businessHours.to} (${team.businessHours.timeZone})`
      : t('inboxTeams.workspaceHours');

  return (
    <section class="card stack" data-testid="teams">
      <h2>{t('inboxTeams.title')}</h2>
      <p class="muted">{t('inboxTeams.help')}</p>
      <Show when={(teams() ?? []).length > 0}>
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th>{t('inboxTeams.team')}</th>
                <th>{t('inboxTeams.channels')}</th>
                <th>{t('inboxTeams.members')}</th>
                <th>{t('inboxTeams.hours')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={teams()}>
                {(team) => (
                  <tr data-team={team.name}>
                    <th scope="row">{team.name}</th>
                    <td>
                      {team.channels.map((c) => t(`inbox.channel.${c}` as MessageKey)).join(', ') || '—'}
                    </td>
                    <td>{team.members.map((m) => m.name).join(', ') || '—'}</td>
                    <td>{hoursText(team)}</td>
                    <td class="row-actions">
                      <button type="button" class="button link" onClick={() => setEditing(team)}>
                        {t('inboxSettings.edit')}
                      </button>
                      <button
                        type="button"
                        class="button link"
                        onClick={() =>
                          void props.attempt(async () => {
                            await api.inbox.deleteTeam.mutate({ id: team.id });
                            await refetch();
                          })
                        }
                      >
                        {t('inboxSettings.delete')}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show
        when={editing() !== undefined}
        fallback={
          <button type="button" class="button secondary" onClick={() => setEditing(null)}>
            {t('inboxTeams.add')}
          </button>
        }
      >
        {/* Keyed on the team so switching from one to another refills every field. */}
        <For each={[editing()]}>
          {(team) => (
            <form class="stack" data-testid="team-form" onSubmit={(e) => void save(e)}>
              <FormField label={t('inboxTeams.name')}>
                <input name="team-name" required maxLength={80} value={team?.name ?? ''} />
              </FormField>
              <fieldset class="row">
                <legend>{t('inboxTeams.channelsHelp')}</legend>
                <For each={CHANNELS}>
                  {(channel) => (
                    <label>
                      <input
                        type="checkbox"
                        name={`team-channel-${channel}`}
                        checked={team?.channels.includes(channel) ?? false}
                      />{' '}
                      {t(`inbox.channel.${channel}` as MessageKey)}
                    </label>
                  )}
                </For>
              </fieldset>
              <fieldset class="row">
                <legend>{t('inboxTeams.members')}</legend>
                <For each={props.agents}>
                  {(agent) => (
                    <label>
                      <input
                        type="checkbox"
                        name={`team-member-${agent.userId}`}
                        checked={team?.members.some((m) => m.id === agent.userId) ?? false}
                      />{' '}
                      {agent.name}
                    </label>
                  )}
                </For>
              </fieldset>
              <BusinessHoursFields
                hours={team?.businessHours ?? null}
                label={t('inboxTeams.ownHours')}
                prefix="team-"
              />
              <div class="row">
                <button class="button" type="submit">
                  {team ? t('inboxSettings.update') : t('inboxTeams.create')}
                </button>
                <button type="button" class="button secondary" onClick={() => setEditing(undefined)}>
                  {t('inboxTeams.cancel')}
                </button>
              </div>
            </form>
          )}
        </For>
      </Show>
    </section>
  );
}
