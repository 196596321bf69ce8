import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { api, toProblem, problemText } from '../../lib/trpc.ts';

/** Where the contact works: pick an existing company (search by name or domain) or create one. */
export function CompanyCard(props: { contactId: string; canEdit: boolean }) {
  const [company, { mutate }] = createResource(
    () => props.contactId,
    (contactId) => api.crm.companyOf.query({ contactId }),
  );
  const [search, setSearch] = createSignal('');
  const [matches] = createResource(search, (s) =>
    s.length >= 2 ? api.crm.companies.query({ search: s }) : [],
  );
  const [domain, setDomain] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  async function choose(companyId: string | null) {
    setError(null);
    try {
      mutate(await api.crm.setCompany.mutate({ contactId: props.contactId, companyId }));
      setSearch('');
    } catch (e) {
      setError(toProblem(e).message);
    }
  }
  async function create() {
    setError(null);
    try {
      const created = await api.crm.createCompany.mutate({ name: search(), domain: domain() || null });
      await choose(created.id);
      setDomain('');
    } catch (e) {
      const problem = toProblem(e);
      setError(problemText(problem));
    }
  }

  return (
    <div class="card" data-testid="company-card">
      <h2>{t('crm.company')}</h2>
      <Show when={company()} fallback={<p class="muted">{t('crm.noCompany')}</p>}>
        {(c) => (
          <p>
            <strong data-testid="company-name">{c().name}</strong>{' '}
            <span class="muted">{c().domain ?? ''}</span>{' '}
            <Show when={props.canEdit}>
              <button type="button" class="button link" onClick={() => void choose(null)}>
                {t('crm.removeCompany')}
              </button>
            </Show>
          </p>
        )}
      </Show>
      <Show when={props.canEdit}>
        <div class="row">
          <input
            name="company-search"
            placeholder={t('crm.findCompany')}
            value={search()}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <Show when={search().length >= 2}>
            <input
              name="company-domain"
              placeholder={t('crm.domainOptional')}
              value={domain()}
              onInput={(e) => setDomain(e.currentTarget.value)}
            />
            <button type="button" class="button secondary" onClick={() => void create()}>
              {t('crm.createCompany', { name: search() })}
            </button>
          </Show>
        </div>
        <ul class="plain-list">
          <For each={matches()}>
            {(m) => (
              <li>
                <button type="button" class="button link" onClick={() => void choose(m.id)}>
                  {m.name}
                </button>{' '}
                <span class="muted">{m.domain ?? ''}</span>
              </li>
            )}
          </For>
        </ul>
        <InlineError message={error()} />
      </Show>
    </div>
  );
}
