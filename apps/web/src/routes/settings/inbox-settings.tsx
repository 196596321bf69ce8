import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';
import type { CannedResponse } from '../../features/inbox/inbox-types.ts';
import { BusinessHoursFields, readBusinessHours } from '../../features/inbox/business-hours-fields.tsx';
import { TeamsSection } from '../../features/inbox/teams-section.tsx';

/** How the team's inbox assigns work, how much each agent takes, and the canned responses agents insert with "/". */
export default function InboxSettingsPage() {
  const [settings, { mutate: setSettings }] = createResource(() => api.inbox.settings.query());
  const [agents, { refetch: refetchAgents }] = createResource(() => api.inbox.agents.query());
  const [canned, { refetch: refetchCanned }] = createResource(() => api.inbox.canned.query());
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);
  const [editing, setEditing] = createSignal<string | undefined>(undefined);
  const [shortcut, setShortcut] = createSignal('');
  const [body, setBody] = createSignal('');

  async function attempt(action: () => Promise<unknown>) {
    setError(null);
    setSaved(false);
    try {
      await action();
      setSaved(true);
    } catch (e) {
      setError(problemText(toProblem(e)));
    }
  }
  type Settings = NonNullable<ReturnType<typeof settings>>;
  const saveSettings = (change: Partial<Settings>) =>
    attempt(async () => {
      const current = settings();
      if (!current) return;
      setSettings(await api.inbox.saveSettings.mutate({ ...current, ...change }));
    });
  const minutes = (value: string) => (value.trim() === '' ? null : Number(value));
  async function saveSla(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    await saveSettings({
      slaFirstResponseMinutes: minutes(text('first')),
      slaNextResponseMinutes: minutes(text('next')),
      slaResolutionMinutes: minutes(text('resolution')),
      businessHours: readBusinessHours(form),
    });
  }
  const edit = (c: CannedResponse) => {
    setEditing(c.id);
    setShortcut(c.shortcut);
    setBody(c.body);
  };
  async function saveCanned(e: SubmitEvent) {
    e.preventDefault();
    await attempt(async () => {
      await api.inbox.saveCanned.mutate({ id: editing(), shortcut: shortcut(), body: body() });
      setEditing(undefined);
      setShortcut('');
      setBody('');
      await refetchCanned();
    });
  }

  return (
    <div class="stack">
      <Show when={error()}>{(message) => <Notice kind="error">{message()}</Notice>}</Show>
      <Show when={saved() && !error()}>
        <Notice kind="success">{t('inboxSettings.saved')}</Notice>
      </Show>
      <section class="card stack">
        <h2>{t('inboxSettings.assignment')}</h2>
        <label>
          <input
            type="checkbox"
            data-testid="auto-assign"
            checked={settings()?.autoAssign ?? true}
            onChange={(e) => void saveSettings({ autoAssign: e.currentTarget.checked })}
          />{' '}
          {t('inboxSettings.autoAssign')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings()?.reassignWhenOffline ?? false}
            onChange={(e) => void saveSettings({ reassignWhenOffline: e.currentTarget.checked })}
          />{' '}
          {t('inboxSettings.reassignWhenOffline')}
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="csat-enabled"
            checked={settings()?.csatEnabled ?? true}
            onChange={(e) => void saveSettings({ csatEnabled: e.currentTarget.checked })}
          />{' '}
          {t('inboxSettings.csat')}
        </label>
        <table class="table" data-testid="agents-table">
          <thead>
            <tr>
              <th>{t('inboxSettings.agent')}</th>
              <th>{t('inboxSettings.online')}</th>
              <th>{t('inboxSettings.available')}</th>
              <th>{t('inboxSettings.open')}</th>
              <th>{t('inboxSettings.capacity')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={agents()}>
              {(agent) => (
                <tr>
                  <td>{agent.name}</td>
                  <td>{agent.online ? '●' : '—'}</td>
                  <td>{agent.available ? t('inboxSettings.yes') : t('inboxSettings.no')}</td>
                  <td>{agent.open}</td>
                  <td>
                    <input
                      type="number"
                      min="0"
                      max="500"
                      value={agent.capacity}
                      aria-label={t('inboxSettings.capacityOf', { name: agent.name })}
                      onChange={(e) =>
                        void attempt(async () => {
                          await api.inbox.setCapacity.mutate({
                            userId: agent.userId,
                            capacity: Number(e.currentTarget.value),
                          });
                          await refetchAgents();
                        })
                      }
                    />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <Show when={settings()}>
        {(current) => (
          <form class="card stack" onSubmit={(e) => void saveSla(e)} data-testid="sla-form">
            <h2>{t('inboxSettings.sla')}</h2>
            <p class="muted">{t('inboxSettings.slaHelp')}</p>
            <div class="row">
              <FormField label={t('inboxSettings.firstResponse')}>
                <input name="first" type="number" min="1" value={current().slaFirstResponseMinutes ?? ''} />
              </FormField>
              <FormField label={t('inboxSettings.nextResponse')}>
                <input name="next" type="number" min="1" value={current().slaNextResponseMinutes ?? ''} />
              </FormField>
              <FormField label={t('inboxSettings.resolution')}>
                <input name="resolution" type="number" min="1" value={current().slaResolutionMinutes ?? ''} />
              </FormField>
            </div>
            <BusinessHoursFields hours={current().businessHours} label={t('inboxSettings.businessHours')} />
            <button class="button" type="submit">
              {t('inboxSettings.saveSla')}
            </button>
          </form>
        )}
      </Show>
      <TeamsSection agents={agents() ?? []} attempt={attempt} />
      <section class="card stack">
        <h2>{t('inboxSettings.canned')}</h2>
        <p class="muted">{t('inboxSettings.cannedHelp')}</p>
        <table class="table" data-testid="canned-table">
          <tbody>
            <For each={canned()}>
              {(c) => (
                <tr>
                  <td>
                    <code>/{c.shortcut}</code>
                  </td>
                  <td dir="auto">{c.body}</td>
                  <td>
                    <button type="button" class="button link" onClick={() => edit(c)}>
                      {t('inboxSettings.edit')}
                    </button>
                    <button
                      type="button"
                      class="button link"
                      onClick={() =>
                        void attempt(async () => {
                          await api.inbox.deleteCanned.mutate({ id: c.id });
                          await refetchCanned();
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
        <form class="stack" onSubmit={(e) => void saveCanned(e)}>
          <FormField label={t('inboxSettings.shortcut')}>
            <input
              name="canned-shortcut"
              required
              value={shortcut()}
              onInput={(e) => setShortcut(e.currentTarget.value)}
            />
          </FormField>
          <FormField label={t('inboxSettings.body')}>
            <textarea
              name="canned-body"
              rows={3}
              required
              value={body()}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
          </FormField>
          <button class="button" type="submit">
            {editing() ? t('inboxSettings.update') : t('inboxSettings.add')}
          </button>
        </form>
      </section>
    </div>
  );
}
