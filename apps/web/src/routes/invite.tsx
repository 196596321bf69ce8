import { createResource, createSignal, Show } from 'solid-js';
import { useNavigate, useParams } from '@solidjs/router';
import { t } from '../i18n/i18n.ts';
import { api, setCsrfToken, toProblem, type ApiProblem } from '../lib/trpc.ts';
import { reloadSession } from '../features/auth/session.ts';
import { FormField } from '../ui/form-field.tsx';
import { Notice } from '../ui/notice.tsx';
import { LanguageSwitch } from '../features/shell/language-switch.tsx';

export default function InvitePage() {
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const [invite] = createResource(
    () => params.token,
    (token) => api.auth.inviteInfo.query({ token }),
  );
  const [name, setName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);

  async function accept(event: SubmitEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const { csrfToken } = await api.auth.acceptInvite.mutate({
        token: params.token,
        name: name(),
        password: password(),
      });
      setCsrfToken(csrfToken);
      await reloadSession();
      navigate('/contacts', { replace: true });
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  return (
    <div class="auth-page">
      <div class="card auth-card">
        <div class="auth-header">
          <Show when={invite()} fallback={<h1>Switchboard</h1>}>
            {(i) => <h1>{t('invite.title', { workspace: i().workspaceName })}</h1>}
          </Show>
          <LanguageSwitch />
        </div>
        <Show when={invite.state === 'errored'}>
          <Notice kind="error">
            {t('invite.invalid', { reason: toProblem(invite.error as unknown).message })}
          </Notice>
        </Show>
        <Show when={invite()}>
          {(i) => (
            <form onSubmit={(e) => void accept(e)}>
              <p>{t('invite.intro', { role: t(`role.${i().role}`), email: i().email })}</p>
              <Show when={problem()}>{(p) => <Notice kind="error">{p().message}</Notice>}</Show>
              <Show when={!i().hasAccount}>
                <FormField label={t('invite.name')} error={problem()?.fieldErrors.name}>
                  <input
                    name="name"
                    autocomplete="name"
                    required
                    value={name()}
                    onInput={(e) => setName(e.currentTarget.value)}
                  />
                </FormField>
              </Show>
              <FormField
                label={i().hasAccount ? t('invite.existingPassword') : t('invite.password')}
                error={problem()?.fieldErrors.password}
              >
                <input
                  name="password"
                  type="password"
                  autocomplete={i().hasAccount ? 'current-password' : 'new-password'}
                  required
                  value={password()}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
              </FormField>
              <button class="button" type="submit">
                {t('invite.accept')}
              </button>
            </form>
          )}
        </Show>
      </div>
    </div>
  );
}
