import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem } from '../../lib/trpc.ts';
import { session } from '../../features/auth/session.ts';
import { ROLE_OPTIONS, type RoleOption } from '../../features/settings/roles.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';

export default function MembersPage() {
  const [members, { refetch: refetchMembers }] = createResource(() => api.members.list.query());
  const [invites, { refetch: refetchInvites }] = createResource(() => api.members.invites.query());
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<RoleOption>('marketer');
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [sent, setSent] = createSignal<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(toProblem(error));
    }
    await Promise.all([refetchMembers(), refetchInvites()]);
  }

  async function invite(event: SubmitEvent) {
    event.preventDefault();
    setSent(null);
    await run(async () => {
      const created = await api.members.invite.mutate({ email: email(), role: role() });
      setSent(created.email);
      setEmail('');
    });
  }

  return (
    <div class="stack">
      <Show when={problem()}>{(p) => <Notice kind="error">{p().message}</Notice>}</Show>
      <table class="table" data-testid="members-table">
        <thead>
          <tr>
            <th>{t('members.name')}</th>
            <th>{t('members.email')}</th>
            <th>{t('members.role')}</th>
            <th>{t('members.joined')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={members()}>
            {(m) => (
              <tr>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <select
                    aria-label={`${t('members.role')} ${m.email}`}
                    value={m.role}
                    disabled={m.userId === session()?.user.id}
                    onChange={(e) =>
                      void run(() =>
                        api.members.changeRole.mutate({
                          userId: m.userId,
                          role: e.currentTarget.value as RoleOption,
                        }),
                      )
                    }
                  >
                    <For each={ROLE_OPTIONS}>{(r) => <option value={r}>{t(`role.${r}`)}</option>}</For>
                  </select>
                </td>
                <td>{formatDate(m.joinedAt)}</td>
                <td>
                  <Show when={m.userId !== session()?.user.id}>
                    <button
                      type="button"
                      class="button link"
                      onClick={() => void run(() => api.members.remove.mutate({ userId: m.userId }))}
                    >
                      {t('members.remove')}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>

      <form class="card inline-form" onSubmit={(e) => void invite(e)}>
        <h2>{t('members.invite')}</h2>
        <Show when={sent()}>
          {(address) => <Notice kind="success">{t('members.invited', { email: address() })}</Notice>}
        </Show>
        <div class="row">
          <FormField label={t('members.email')} error={problem()?.fieldErrors.email}>
            <input
              name="invite-email"
              type="email"
              required
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </FormField>
          <FormField label={t('members.role')}>
            <select
              name="invite-role"
              value={role()}
              onChange={(e) => setRole(e.currentTarget.value as RoleOption)}
            >
              <For each={ROLE_OPTIONS}>{(r) => <option value={r}>{t(`role.${r}`)}</option>}</For>
            </select>
          </FormField>
          <button class="button" type="submit">
            {t('members.inviteSend')}
          </button>
        </div>
      </form>

      <h2>{t('members.pending')}</h2>
      <Show when={(invites() ?? []).length > 0} fallback={<p class="muted">{t('members.noPending')}</p>}>
        <table class="table">
          <tbody>
            <For each={invites()}>
              {(i) => (
                <tr>
                  <td>{i.email}</td>
                  <td>{t(`role.${i.role}`)}</td>
                  <td>
                    {t('members.expires')} {formatDate(i.expiresAt)}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button link"
                      onClick={() => void run(() => api.members.revokeInvite.mutate({ inviteId: i.id }))}
                    >
                      {t('members.revoke')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  );
}
