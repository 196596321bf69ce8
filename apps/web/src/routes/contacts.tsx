import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { formatDate, formatDay, t } from '../i18n/i18n.ts';
import { api, problemText, toProblem } from '../lib/trpc.ts';
import { Notice } from '../ui/notice.tsx';
import { displayName, STAGES, stageLabel, type Stage } from '../features/contacts/stage-label.ts';
import { BulkBar, mayBulkEditByFilter, type BulkTarget } from '../features/contacts/bulk-bar.tsx';
import { visibleWindow } from '../features/contacts/visible-window.ts';
import { may } from '../features/auth/permissions.ts';
import { usePageTitle } from '../ui/page-title.ts';

type ContactPage = Awaited<ReturnType<typeof api.contacts.list.query>>;
type Filters = { search: string; stage: Stage | ''; tag: string };

const ROW_HEIGHT = 44;
const PAGE = 100;

/**
 * The contact list: search, filters and paging happen on the server, and only the rows in view are in the page
 * (a virtualised list), so it stays quick at a million contacts. Rows can be picked for bulk actions.
 */
export default function ContactsPage() {
  const navigate = useNavigate();
  const [filters, setFilters] = createSignal<Filters>({ search: '', stage: '', tag: '' });
  const [extra, setExtra] = createSignal<ContactPage['items']>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal(600);
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = createSignal(false);
  const [bulkMessage, setBulkMessage] = createSignal<string | null>(null);

  const serverFilter = (f: Filters) => ({
    ...(f.search ? { search: f.search } : {}),
    ...(f.stage ? { lifecycleStage: f.stage } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
  });
  const query = (f: Filters, after?: string) =>
    api.contacts.list.query({ limit: PAGE, ...serverFilter(f), ...(after ? { cursor: after } : {}) });
  // A failed load says so (with a way to try again) instead of leaving an empty table.
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [first, { refetch }] = createResource(filters, async (f) => {
    let page: ContactPage;
    try {
      page = await query(f);
      setLoadError(null);
    } catch (error) {
      setLoadError(problemText(toProblem(error)));
      page = { items: [], nextCursor: null, total: null };
    }
    setExtra([]);
    setCursor(page.nextCursor);
    setSelected(new Set<string>());
    setAllMatching(false);
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

  const rows = createMemo(() => [...(first()?.items ?? []), ...extra()]);
  const visible = createMemo(() => visibleWindow(scrollTop(), viewport(), ROW_HEIGHT, rows().length));
  const onScroll = (el: HTMLDivElement) => {
    setScrollTop(el.scrollTop);
    setViewport(el.clientHeight);
    // Fetch the next page while the reader is still a screen away from the end.
    if (visible().end > rows().length - 40) void loadMore();
  };

  const toggle = (id: string, on: boolean) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const allLoadedSelected = () => rows().length > 0 && rows().every((r) => selected().has(r.id));
  const target = (): BulkTarget | null =>
    allMatching()
      ? { filter: serverFilter(filters()) }
      : selected().size > 0
        ? { ids: [...selected()] }
        : null;
  const exportHref = () => {
    const f = filters();
    const params = new URLSearchParams({
      ...(f.search ? { search: f.search } : {}),
      ...(f.stage ? { stage: f.stage } : {}),
      ...(f.tag ? { tag: f.tag } : {}),
    }).toString();
    return `/exports/contacts.csv${params ? `?${params}` : ''}`;
  };

  usePageTitle(() => t('contacts.title'));
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
          <Show when={may('contacts.import')}>
            <A class="button" href="/contacts/import">
              {t('imports.title')}
            </A>
          </Show>
          <a class="button secondary" href={exportHref()} download="">
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
      <Show when={bulkMessage()}>
        <p class="notice notice-success" role="status" data-testid="bulk-message">
          {bulkMessage()}
        </p>
      </Show>
      <Show when={target()}>
        {(current) => (
          <BulkBar
            target={current()}
            count={allMatching() ? (first()?.total ?? 0) : selected().size}
            canSelectAll={
              mayBulkEditByFilter() &&
              !allMatching() &&
              allLoadedSelected() &&
              (first()?.total ?? 0) > rows().length
            }
            total={first()?.total ?? 0}
            onSelectAll={() => setAllMatching(true)}
            onClear={() => {
              setSelected(new Set<string>());
              setAllMatching(false);
            }}
            onDone={(message) => {
              setBulkMessage(message);
              void refetch();
            }}
          />
        )}
      </Show>
      <Show when={loadError()}>
        {(message) => (
          <Notice kind="error">
            {message()}{' '}
            <button type="button" class="button link" onClick={() => void refetch()}>
              {t('contacts.tryAgain')}
            </button>
          </Notice>
        )}
      </Show>
      <Show
        when={rows().length > 0 || first.loading}
        fallback={
          <Show when={!loadError()}>
            <p class="muted">{t('contacts.none')}</p>
          </Show>
        }
      >
        <div
          class="vtable"
          role="table"
          aria-rowcount={first()?.total ?? rows().length}
          data-testid="contacts-table"
        >
          <div class="vrow vhead" role="row">
            <span role="columnheader">
              <input
                type="checkbox"
                aria-label={t('contacts.selectAllLoaded')}
                checked={allLoadedSelected()}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setAllMatching(false);
                  setSelected(on ? new Set(rows().map((r) => r.id)) : new Set<string>());
                }}
              />
            </span>
            <span role="columnheader">{t('contacts.name')}</span>
            <span role="columnheader">{t('contacts.email')}</span>
            <span role="columnheader">{t('contacts.phone')}</span>
            <span role="columnheader">{t('contacts.stage')}</span>
            <span role="columnheader">{t('contacts.tags')}</span>
            <span role="columnheader">{t('contacts.created')}</span>
          </div>
          <div
            class="vbody"
            onScroll={(e) => onScroll(e.currentTarget)}
            ref={(el) => setViewport(el.clientHeight || 600)}
          >
            <Show when={first.loading && rows().length === 0}>
              <p class="muted table-loading" role="status" data-testid="contacts-loading">
                {t('common.loading')}
              </p>
            </Show>
            <div style={{ height: `${rows().length * ROW_HEIGHT}px`, position: 'relative' }}>
              <For each={rows().slice(visible().start, visible().end)}>
                {(c, i) => (
                  <div
                    class="vrow clickable"
                    role="row"
                    data-id={c.id}
                    style={{ transform: `translateY(${(visible().start + i()) * ROW_HEIGHT}px)` }}
                    onClick={() => navigate(`/contacts/${c.id}`)}
                  >
                    <span role="cell" onClick={(e) => e.stopPropagation()}>
                      <input
                        type="checkbox"
                        aria-label={t('contacts.select', { name: displayName(c) })}
                        checked={allMatching() || selected().has(c.id)}
                        onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                      />
                    </span>
                    <span role="cell">
                      <A href={`/contacts/${c.id}`}>{displayName(c)}</A>
                    </span>
                    <span role="cell">{c.email ?? '—'}</span>
                    <span role="cell">{c.phone ?? '—'}</span>
                    <span role="cell">
                      <span class={`badge stage-${c.lifecycleStage}`}>{stageLabel(c.lifecycleStage)}</span>
                    </span>
                    <span role="cell" translate="no">
                      {c.tags.join(', ')}
                    </span>
                    <span role="cell" class="nowrap" title={formatDate(c.createdAt)}>
                      {formatDay(c.createdAt)}
                    </span>
                  </div>
                )}
              </For>
            </div>
          </div>
        </div>
      </Show>
      <Show when={loadingMore()}>
        <p class="muted">{t('common.loading')}</p>
      </Show>
    </section>
  );
}
