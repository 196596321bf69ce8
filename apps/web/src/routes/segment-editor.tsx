import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { t } from '../i18n/i18n.ts';
import { api, toProblem, type ApiProblem, problemText } from '../lib/trpc.ts';
import { GroupEditor } from '../features/segments/group-editor.tsx';
import { emptyRules, isUnfinished, type SegmentRules } from '../features/segments/rule-model.ts';
import { displayName, stageLabel } from '../features/contacts/stage-label.ts';
import { Notice } from '../ui/notice.tsx';
import { StaticListView } from '../features/segments/static-list-view.tsx';
import { FormField } from '../ui/form-field.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

type Preview = Awaited<ReturnType<typeof api.segments.preview.query>>;

/** The segment builder: rules on the left, the live count and a sample of matching contacts on the right. */
export default function SegmentEditorPage() {
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const isNew = () => !params.id || params.id === 'new';
  const [name, setName] = createSignal('');
  const [rules, setRules] = createSignal<SegmentRules>(emptyRules());
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const [counting, setCounting] = createSignal(false);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  // Why the live count cannot be taken (a rule the server refuses): said beside the count, not as a form error.
  const [previewProblem, setPreviewProblem] = createSignal<ApiProblem | null>(null);
  const [saved, setSaved] = createSignal(false);
  const canEdit = () => may('segments.write');

  const [data] = createResource(async () => {
    const [attributes, segments, events] = await Promise.all([
      api.segments.attributes.query(),
      api.segments.list.query(),
      api.segments.eventCatalogue.query(),
    ]);
    return {
      attributes,
      events,
      segments: segments.filter((s) => s.id !== params.id).map((s) => ({ id: s.id, name: s.name })),
    };
  });
  const [loaded] = createResource(
    () => (isNew() ? undefined : params.id),
    async (id) => {
      const segment = await api.segments.get.query({ id });
      setName(segment.name);
      setRules(segment.rules);
      return segment;
    },
  );
  const staticList = () => (loaded()?.kind === 'static' ? loaded() : undefined);

  // Live count: recount shortly after the rules stop changing, and every few seconds as new events arrive.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let requestId = 0;
  const [tick, setTick] = createSignal(0);
  const refresher = setInterval(() => document.visibilityState === 'visible' && setTick((n) => n + 1), 5000);
  onCleanup(() => clearInterval(refresher));
  createEffect(
    on([rules, tick], ([current]) => {
      clearTimeout(timer);
      if (isUnfinished(current)) {
        // A blank the user has not filled yet is not an error: wait for it.
        requestId++;
        setPreview(null);
        setCounting(false);
        setPreviewProblem(null);
        return;
      }
      timer = setTimeout(() => {
        const mine = ++requestId;
        setCounting(true);
        api.segments.preview
          .query({ rules: current })
          .then((result) => {
            if (mine !== requestId) return;
            setPreview(result);
            setPreviewProblem(null);
          })
          .catch((error: unknown) => {
            if (mine !== requestId) return;
            setPreview(null);
            setPreviewProblem(toProblem(error));
          })
          .finally(() => mine === requestId && setCounting(false));
      }, 350);
    }),
  );
  onCleanup(() => clearTimeout(timer));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    try {
      const result = isNew()
        ? await api.segments.create.mutate({ name: name(), rules: rules() })
        : await api.segments.update.mutate({ id: params.id!, name: name(), rules: rules() });
      setSaved(true);
      if (isNew()) navigate(`/segments/${result.id}`, { replace: true });
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  async function remove() {
    try {
      await api.segments.delete.mutate({ id: params.id! });
      navigate('/segments', { replace: true });
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  usePageTitle(() => name() || (isNew() ? t('segments.new') : t('segments.title')));
  return (
    <section class="page">
      <A href="/segments">{t('segments.back')}</A>
      <h1 data-testid="segment-heading">{name() || (isNew() ? t('segments.new') : '')}</h1>
      <Show when={staticList()}>
        {(list) => <StaticListView id={list().id} name={list().name} memberCount={list().memberCount} />}
      </Show>
      <Show when={!staticList()}>
        <form class="segment-builder" onSubmit={(e) => void save(e)}>
          <div class="stack">
            <FormField label={t('segments.name')} error={problem()?.fieldErrors.name}>
              <input
                name="segment-name"
                required
                value={name()}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </FormField>
            <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
            <Show when={saved()}>
              <Notice kind="success">{t('segments.saved')}</Notice>
            </Show>
            <Show when={data()}>{(d) => <GroupEditor group={rules()} data={d()} onChange={setRules} />}</Show>
            <Show when={canEdit()}>
              <div class="row">
                <button class="button" type="submit">
                  {t('segments.save')}
                </button>
                <Show when={!isNew()}>
                  <a class="button secondary" href={`/exports/contacts.csv?segment=${params.id}`} download="">
                    {t('common.exportCsv')}
                  </a>
                  <button type="button" class="button danger" onClick={() => void remove()}>
                    {t('segments.delete')}
                  </button>
                </Show>
              </div>
            </Show>
          </div>
          <aside class="card live-count">
            <div class="count" data-testid="segment-count" aria-live="polite">
              {preview()
                ? t('segments.count', { count: (preview()?.count ?? 0).toLocaleString() })
                : counting()
                  ? t('segments.counting')
                  : isUnfinished(rules())
                    ? t('segments.unfinished')
                    : '—'}
            </div>
            <Show when={previewProblem()}>
              {(p) => (
                <p class="hint" data-testid="segment-count-problem">
                  {problemText(p())}
                </p>
              )}
            </Show>
            <Show when={(preview()?.sample ?? []).length > 0}>
              <h2>{t('segments.sample')}</h2>
              <ul class="sample">
                <For each={preview()?.sample}>
                  {(c) => (
                    <li>
                      <A href={`/contacts/${c.id}`}>{displayName(c)}</A>{' '}
                      <span class="muted">{stageLabel(c.lifecycleStage)}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </aside>
        </form>
      </Show>
    </section>
  );
}
