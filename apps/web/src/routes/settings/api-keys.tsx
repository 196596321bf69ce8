import { API_SCOPES, type ApiScope } from '@switchboard/accounts/api-scopes';
import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';

// The server's own list: a scope added there appears here.
const SCOPES = API_SCOPES;
type Scope = ApiScope;

export default function ApiKeysPage() {
  const [keys, { refetch }] = createResource(() => api.apiKeys.list.query());
  const [name, setName] = createSignal('');
  const [scopes, setScopes] = createSignal<Scope[]>(['contacts:write', 'events:write']);
  const [newKey, setNewKey] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const created = await api.apiKeys.create.mutate({ name: name(), scopes: scopes() });
      setNewKey(created.key);
      setName('');
      await refetch();
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  async function revoke(keyId: string) {
    await api.apiKeys.revoke.mutate({ keyId });
    await refetch();
  }

  return (
    <div class="stack">
      <p class="muted">{t('apiKeys.intro')}</p>
      <Show when={newKey()}>
        {(key) => (
          <Notice kind="success">
            {t('apiKeys.newKey')}
            <code class="secret" data-testid="new-api-key">
              {key()}
            </code>
          </Notice>
        )}
      </Show>
      <form class="card inline-form" onSubmit={(e) => void create(e)}>
        <Show when={problem()}>{(p) => <Notice kind="error">{p().message}</Notice>}</Show>
        <div class="row">
          <FormField label={t('apiKeys.name')} error={problem()?.fieldErrors.name}>
            <input name="key-name" required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </FormField>
          <fieldset class="scopes">
            <legend>{t('apiKeys.scopes')}</legend>
            <For each={SCOPES}>
              {(scope) => (
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={scopes().includes(scope)}
                    onChange={(e) => toggle(scope, e.currentTarget.checked)}
                  />
                  {scope}
                </label>
              )}
            </For>
          </fieldset>
          <button class="button" type="submit">
            {t('apiKeys.create')}
          </button>
        </div>
      </form>
      <Show when={(keys() ?? []).length > 0} fallback={<p class="muted">{t('apiKeys.none')}</p>}>
        <table class="table" data-testid="api-keys-table">
          <thead>
            <tr>
              <th>{t('apiKeys.name')}</th>
              <th>{t('apiKeys.prefix')}</th>
              <th>{t('apiKeys.scopes')}</th>
              <th>{t('apiKeys.created')}</th>
              <th>{t('apiKeys.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={keys()}>
              {(k) => (
                <tr classList={{ revoked: !!k.revokedAt }}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.scopes.join(', ')}</td>
                  <td>{formatDate(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatDate(k.lastUsedAt) : t('apiKeys.never')}</td>
                  <td>
                    <Show when={!k.revokedAt} fallback={t('apiKeys.revoked')}>
                      <button type="button" class="button link" onClick={() => void revoke(k.id)}>
                        {t('apiKeys.revoke')}
                      </button>
                    </Show>
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
