import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { formatDate, t } from '../i18n/i18n.ts';
import { api, problemText, toProblem } from '../lib/trpc.ts';
import { recipeName } from '../features/journeys/step-text.ts';
import { InlineError } from '../ui/inline-error.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

/** Every journey with its status, live version and how many entered, are inside and converted; a new one from a recipe. */
export default function JourneysPage() {
  const navigate = useNavigate();
  const [journeys] = createResource(() => api.journeys.list.query());
  const [recipes] = createResource(() => api.journeys.recipes.query());
  const canManage = () => may('journeys.manage');
  const [name, setName] = createSignal('');
  const [recipe, setRecipe] = createSignal('abandonedCart');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setError('');
    setBusy(true);
    try {
      const created = await api.journeys.create.mutate({
        name: name().trim() || recipeName(recipe()),
        recipe: recipe(),
      });
      navigate(`/journeys/${created.id}`);
    } catch (e) {
      setError(problemText(toProblem(e)));
    } finally {
      setBusy(false);
    }
  }

  usePageTitle(() => t('journeys.title'));
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('journeys.title')}</h1>
      </div>
      <p class="muted">{t('journeys.intro')}</p>
      <Show when={canManage()}>
        <form class="card inline-form journey-new" onSubmit={create} data-testid="new-journey">
          <label class="field">
            <span class="field-label">{t('journeys.startFrom')}</span>
            <select
              name="recipe"
              value={recipe()}
              onChange={(e) => setRecipe(e.currentTarget.value)}
              data-testid="journey-recipe"
            >
              <For each={recipes() ?? []}>{(r) => <option value={r.key}>{recipeName(r.key)}</option>}</For>
            </select>
          </label>
          <label class="field grow">
            <span class="field-label">{t('journeys.name')}</span>
            <input
              name="journey-name"
              value={name()}
              placeholder={recipeName(recipe())}
              maxLength={200}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <button class="button" type="submit" disabled={busy()}>
            {t('journeys.create')}
          </button>
          <InlineError message={error()} />
        </form>
      </Show>
      <Show when={(journeys() ?? []).length > 0} fallback={<p class="muted">{t('journeys.none')}</p>}>
        <div class="table-scroll">
          <table class="table" data-testid="journeys-table">
            <thead>
              <tr>
                <th>{t('journeys.name')}</th>
                <th>{t('journeys.status')}</th>
                <th>{t('journeys.version')}</th>
                <th>{t('journeys.entered')}</th>
                <th>{t('journeys.active')}</th>
                <th>{t('journeys.converted')}</th>
                <th>{t('journeys.updated')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={journeys()}>
                {(j) => (
                  <tr data-testid="journey-row">
                    <td>
                      <A href={`/journeys/${j.id}`} translate="no">
                        {j.name}
                      </A>
                    </td>
                    <td>
                      <span class={`badge status-${j.status}`}>{t(`journeys.status.${j.status}`)}</span>
                    </td>
                    <td>{j.liveVersion ? `v${j.liveVersion}` : '—'}</td>
                    <td>{j.entered.toLocaleString()}</td>
                    <td>{j.active.toLocaleString()}</td>
                    <td>{j.converted.toLocaleString()}</td>
                    <td>{formatDate(j.updatedAt)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
