import { createSignal, Show } from 'solid-js';
import { Navigate, useNavigate } from '@solidjs/router';
import { t } from '../i18n/i18n.ts';
import { api, setCsrfToken, toProblem, type ApiProblem } from '../lib/trpc.ts';
import { reloadSession, session } from '../features/auth/session.ts';
import { FormField } from '../ui/form-field.tsx';
import { Notice } from '../ui/notice.tsx';
import { LanguageSwitch } from '../features/shell/language-switch.tsx';
import { usePageTitle } from '../ui/page-title.ts';

export default function SignInPage() {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { csrfToken } = await api.auth.signIn.mutate({ email: email(), password: password() });
      setCsrfToken(csrfToken);
      await reloadSession();
      navigate('/contacts', { replace: true });
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }

  const message = () => {
    const p = problem();
    if (!p) return null;
    return p.retryAfterSeconds
      ? t('signIn.tooMany', { minutes: Math.ceil(p.retryAfterSeconds / 60) })
      : p.message;
  };

  usePageTitle(() => t('signIn.title'));
  return (
    <Show when={!session()} fallback={<Navigate href="/contacts" />}>
      <div class="auth-page">
        <form class="card auth-card" onSubmit={(e) => void submit(e)}>
          <div class="auth-header">
            <h1>{t('signIn.title')}</h1>
            <LanguageSwitch />
          </div>
          <Show when={message()}>{(m) => <Notice kind="error">{m()}</Notice>}</Show>
          <FormField label={t('signIn.email')} error={problem()?.fieldErrors.email}>
            <input
              name="email"
              type="email"
              autocomplete="username"
              required
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </FormField>
          <FormField label={t('signIn.password')} error={problem()?.fieldErrors.password}>
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </FormField>
          <button class="button" type="submit" disabled={busy()}>
            {t('signIn.submit')}
          </button>
          <p class="hint">{t('signIn.demoHint')}</p>
        </form>
      </div>
    </Show>
  );
}
