import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { formatDate, t } from '../i18n/i18n.ts';
import { api } from '../lib/trpc.ts';
import { displayName, STAGES, stageLabel, type Stage } from '../features/contacts/stage-label.ts';

type ContactPage = Awaited<ReturnType<typeof api.contacts.list.query>>;
type Filters = { search: string; stage: Stage | ''; tag: string };

/** The contact list: search, filters and paging all happen on the server, so it stays quick at any size. */
export default function ContactsPage() {
  const navigate = useNavigate();
  const [filters, setFilters] = createSignal<Filters>({ search: '', stage: '', tag: '' });
  const [extra, setExtra] = createSignal<ContactPage['items']>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);

  const query = (f: Filters, after?: string) =>
    api.contacts.list.query({
      limit: 50,
      ...(f.search ? { search: f.search } : {}),
      ...(f.stage ? { lifecycleStage: f.stage } : {}),
      ...(f.tag ? { tag: f.tag } : {}),
      ...(after ? { cursor: after } : {}),
    });
  const [first] = createResource(filters, async (f) => {
    const page = await query(f);
    setExtra([]);
    setCursor(page.nextCursor);
    return page;
  });

  async function loadMore() {
    const after = cursor();
    if (!after || loadingMore()) return;
    setLoadingMore(true);
    try {
      const page = await query(filters(), after);
      setExtra((rows) => [...rows, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (patch: Partial<Filters>) => {
    clearTimeout(timer);
    timer = setTimeout(() => setFilters((f) => ({ ...f, ...patch })), 250);
  };
  onCleanup(() => clearTimeout(timer));

  // Infinite scroll: load the next page as the sentinel under the table comes into view.
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) void loadMore();
  });
  onCleanup(() => observer.disconnect());

  const rows = () => [...(first()?.items ?? []), ...extra()];

  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('contacts.title')}</h1>
        <div class="row">
          <Show when={first()?.total !== undefined && first()?.total !== null}>
            <span class="muted" data-testid="contacts-total">
              {t('contacts.total', { count: (first()?.total ?? 0).toLocaleString() })}
            </span>
          </Show>
          <A class="button" href="/contacts/import">
            {t('imports.title')}
          </A>
          <a class="button secondary" href="/exports/contacts.csv" download="">
            {t('common.exportCsv')}
          </a>
        </div>
      </div>
      <div class="row filters">
        <input
          class="grow"
          type="search"
          name="contact-search"
          placeholder={t('contacts.search')}
          aria-label={t('contacts.search')}
          onInput={(e) => debounced({ search: e.currentTarget.value.trim() })}
        />
        <select
          aria-label={t('contacts.stage')}
          onChange={(e) => setFilters((f) => ({ ...f, stage: e.currentTarget.value as Stage | '' }))}
        >
          <option value="">{t('contacts.allStages')}</option>
          <For each={STAGES}>{(s) => <option value={s}>{stageLabel(s)}</option>}</For>
        </select>
        <input
          name="contact-tag"
          placeholder={t('contacts.tag')}
          aria-label={t('contacts.tag')}
          onInput={(e) => debounced({ tag: e.currentTarget.value.trim() })}
        />
      </div>
      <Show when={rows().length > 0 || first.loading} fallback={<p class="muted">{t('contacts.none')}</p>}>
        <table class="table clickable" data-testid="contacts-table">
          <thead>
            <tr>
              <th>{t('contacts.name')}</th>
              <th>{t('contacts.email')}</th>
              <th>{t('contacts.phone')}</th>
              <th>{t('contacts.stage')}</th>
              <th>{t('contacts.tags')}</th>
              <th>{t('contacts.created')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(c) => (
                <tr onClick={() => navigate(`/contacts/${c.id}`)}>
                  <td>
                    <A href={`/contacts/${c.id}`}>{displayName(c)}</A>
                  </td>
                  <td>{c.email ?? '—'}</td>
                  <td>{c.phone ?? '—'}</td>
                  <td>
                    <span class={`badge stage-${c.lifecycleStage}`}>{stageLabel(c.lifecycleStage)}</span>
                  </td>
                  <td>{c.tags.join(', ')}</td>
                  <td>{formatDate(c.createdAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <div ref={(el) => observer.observe(el)} />
      <Show when={cursor()}>
        <button
          type="button"
          class="button secondary"
          disabled={loadingMore()}
          onClick={() => void loadMore()}
        >
          {t('contacts.loadMore')}
        </button>
      </Show>
    </section>
  );
}
