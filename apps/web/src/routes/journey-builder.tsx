import { createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import type { JourneyGraph, JourneyNode, JourneyNodeType } from '@switchboard/journeys';
import { t } from '../i18n/i18n.ts';
import { api, problemText, toProblem } from '../lib/trpc.ts';
import { EditHistory } from '../lib/edit-history.ts';
import { InlineError } from '../ui/inline-error.tsx';
import { JourneyCanvas } from '../features/journeys/journey-canvas.tsx';
import { StepPanel } from '../features/journeys/step-panel.tsx';
import { JourneySettingsPanel } from '../features/journeys/journey-settings-panel.tsx';
import { StepPalette } from '../features/journeys/step-palette.tsx';
import { PublishDialog } from '../features/journeys/publish-dialog.tsx';
import { EnrolCard } from '../features/journeys/enrol-card.tsx';
import { journeyProblemText } from '../features/journeys/step-text.ts';
import {
  addStep,
  configureJourney,
  configureStep,
  connect,
  labelStep,
  moveStep,
  removeStep,
  setSplit,
} from '../features/journeys/graph-edit.ts';
import '../features/journeys/journeys.css';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

type Journey = Awaited<ReturnType<typeof api.journeys.get.query>>;
const AUTOSAVE_MS = 600;
const COUNTS_REFRESH_MS = 5_000;

/** /journeys/:id: the canvas builder with its palette and side panel, autosaving the draft and publishing versions. */
export default function JourneyBuilderPage() {
  const params = useParams<{ id: string }>();
  const [journey] = createResource(
    () => params.id,
    (id) => api.journeys.get.query({ id }),
  );
  usePageTitle(() => t('journeys.title'));
  return (
    <section class="page journey-page">
      <Show when={journey.state === 'errored'}>
        <p class="notice notice-error">{problemText(toProblem(journey.error as unknown))}</p>
      </Show>
      {/* Not keyed: the builder keeps its own state (history, selection) and is never rebuilt by a save. */}
      <Show when={journey()}>{(loaded) => <Builder initial={loaded()} />}</Show>
    </section>
  );
}

function Builder(props: { initial: Journey }) {
  const history = new EditHistory<JourneyGraph>(props.initial.draft);
  const [graph, setGraph] = createSignal(history.current);
  const [view, setView] = createSignal<Journey>(props.initial);
  const [name, setName] = createSignal(props.initial.name);
  usePageTitle(() => name() || t('journeys.title'));
  const [selected, setSelected] = createSignal<string | null>(null);
  const [saveState, setSaveState] = createSignal<'saved' | 'saving' | 'unsaved'>('saved');
  const [error, setError] = createSignal('');
  const [publishing, setPublishing] = createSignal(false);
  const [countsDays, setCountsDays] = createSignal(props.initial.liveVersion ? 30 : 0);
  const canManage = () => may('journeys.manage');
  const readOnly = () => !canManage() || view().status === 'archived';

  const [templates] = createResource(() => api.templates.list.query());
  const [segments] = createResource(() => api.segments.list.query());
  const choices = createMemo(() => ({
    templates: (templates() ?? []).map((tpl) => ({
      id: tpl.id,
      name: tpl.name,
      channel: tpl.channel,
      published: tpl.latestVersionId !== null,
    })),
    segments: (segments() ?? []).map((s) => ({ id: s.id, name: s.name })),
  }));
  const templateName = (id: string) => choices().templates.find((tpl) => tpl.id === id)?.name;

  const [counts, { refetch: refetchCounts }] = createResource(
    () => (countsDays() > 0 ? countsDays() : null),
    (days) =>
      api.journeys.counts.query({
        id: props.initial.id,
        from: new Date(Date.now() - days * 86_400_000).toISOString(),
      }),
  );
  const countsTimer = setInterval(() => {
    if (countsDays() > 0 && !document.hidden) void refetchCounts();
  }, COUNTS_REFRESH_MS);
  onCleanup(() => clearInterval(countsTimer));

  const problems = createMemo(() => {
    const byNode = new Map<string, string[]>();
    for (const p of view().problems)
      if (p.nodeId) byNode.set(p.nodeId, [...(byNode.get(p.nodeId) ?? []), journeyProblemText(p)]);
    return byNode;
  });
  const journeyProblems = () =>
    view()
      .problems.filter((p) => !p.nodeId)
      .map((p) => journeyProblemText(p));
  const selectedNode = () => graph().nodes.find((n) => n.id === selected()) ?? null;

  // Autosave: the newest draft goes to the server shortly after the last edit; its answer brings the problems.
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  function scheduleSave() {
    setSaveState('unsaved');
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), AUTOSAVE_MS);
  }
  function save(): Promise<void> {
    clearTimeout(saveTimer);
    const draft = graph();
    const title = name();
    saving = saving.then(async () => {
      setSaveState('saving');
      try {
        const saved = await api.journeys.saveDraft.mutate({ id: props.initial.id, name: title, draft });
        setView(saved);
        setError('');
        setSaveState(graph() === draft && name() === title ? 'saved' : 'unsaved');
      } catch (e) {
        setError(problemText(toProblem(e)));
        setSaveState('unsaved');
      }
    });
    return saving;
  }
  onCleanup(() => {
    if (saveState() !== 'saved') void save();
  });

  function edit(next: JourneyGraph, coalesceKey?: string) {
    if (readOnly() || next === graph()) return;
    setGraph(history.push(next, coalesceKey));
    scheduleSave();
  }
  // The history is not reactive; reading the graph makes these re-run on every edit, undo and redo.
  const canUndo = () => (graph(), history.canUndo);
  const canRedo = () => (graph(), history.canRedo);
  function undo() {
    setGraph(history.undo());
    scheduleSave();
  }
  function redo() {
    setGraph(history.redo());
    scheduleSave();
  }

  function add(type: JourneyNodeType, place?: { x: number; y: number }) {
    const current = selected();
    const result = addStep(
      graph(),
      type,
      place
        ? { position: place }
        : current
          ? { after: current }
          : {
              position: { x: 0, y: Math.max(0, ...graph().nodes.map((n) => n.position.y)) + 140 },
            },
    );
    edit(result.graph);
    setSelected(result.id);
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.target as HTMLElement).closest('input, textarea, select')) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z' && !event.shiftKey) {
      event.preventDefault();
      undo();
    } else if (
      mod &&
      (event.key.toLowerCase() === 'y' || (event.key.toLowerCase() === 'z' && event.shiftKey))
    ) {
      event.preventDefault();
      redo();
    }
  };
  onMount(() => window.addEventListener('keydown', onKeyDown));
  onCleanup(() => window.removeEventListener('keydown', onKeyDown));

  async function setStatus(action: 'pause' | 'resume' | 'archive') {
    if (action === 'archive' && !confirm(t('journeys.archiveConfirm'))) return;
    setError('');
    try {
      await api.journeys.setStatus.mutate({ id: props.initial.id, action });
      const fresh = await api.journeys.get.query({ id: props.initial.id });
      setView(fresh);
    } catch (e) {
      setError(problemText(toProblem(e)));
    }
  }

  async function openPublish() {
    await save();
    setPublishing(true);
  }

  async function published() {
    setPublishing(false);
    const fresh = await api.journeys.get.query({ id: props.initial.id });
    setView(fresh);
    if (countsDays() === 0) setCountsDays(30);
  }

  return (
    <div class="journey-builder" data-testid="journey-builder">
      <div class="page-header journey-header">
        {/* The name is edited in place; the heading says it to screen readers and the page outline. */}
        <h1 class="sr-only">{name()}</h1>
        <div class="row wrap">
          <A href="/journeys">{t('journeys.title')}</A>
          <input
            class="journey-name"
            name="journey-title"
            aria-label={t('journeys.name')}
            value={name()}
            maxLength={200}
            style={{ width: `${Math.min(40, Math.max(12, name().length + 2))}ch` }}
            disabled={readOnly()}
            onInput={(e) => {
              setName(e.currentTarget.value);
              scheduleSave();
            }}
          />
          <span class={`badge status-${view().status}`} data-testid="journey-status">
            {t(`journeys.status.${view().status}`)}
          </span>
          <Show when={view().liveVersion}>
            <span class="badge" data-testid="journey-version">
              v{view().liveVersion}
            </span>
          </Show>
          <span class="muted" data-testid="save-state" data-state={saveState()}>
            {t(`journeys.save.${saveState()}`)}
          </span>
        </div>
        <div class="row wrap journey-actions">
          <Show when={!readOnly()}>
            <button type="button" class="button secondary" disabled={!canUndo()} onClick={undo}>
              {t('journeys.undo')}
            </button>
            <button type="button" class="button secondary" disabled={!canRedo()} onClick={redo}>
              {t('journeys.redo')}
            </button>
          </Show>
          <label class="row">
            <span class="muted">{t('journeys.countsFor')}</span>
            <select
              name="counts-period"
              value={String(countsDays())}
              onChange={(e) => setCountsDays(Number(e.currentTarget.value))}
            >
              <option value="0">{t('journeys.countsOff')}</option>
              <For each={[1, 7, 30, 90]}>
                {(days) => <option value={String(days)}>{t('journeys.lastDays', { days })}</option>}
              </For>
            </select>
          </label>
          <Show when={canManage() && view().status === 'live'}>
            <button type="button" class="button secondary" onClick={() => setStatus('pause')}>
              {t('journeys.pause')}
            </button>
          </Show>
          <Show when={canManage() && view().status === 'paused'}>
            <button type="button" class="button secondary" onClick={() => setStatus('resume')}>
              {t('journeys.resume')}
            </button>
          </Show>
          <Show when={canManage() && view().status !== 'archived' && view().status !== 'draft'}>
            <button type="button" class="button secondary" onClick={() => setStatus('archive')}>
              {t('journeys.archive')}
            </button>
          </Show>
          <Show when={!readOnly()}>
            <button
              type="button"
              class="button"
              data-testid="publish-journey"
              disabled={view().problems.length > 0 || saveState() === 'saving'}
              title={view().problems.length ? t('journeys.fixFirst', { n: view().problems.length }) : ''}
              onClick={() => void openPublish()}
            >
              {view().liveVersion
                ? t('journeys.publishVersion', { version: view().liveVersion! + 1 })
                : t('journeys.publish')}
            </button>
          </Show>
        </div>
      </div>
      <InlineError message={error()} />
      <Show when={view().problems.length > 0}>
        <details class="notice notice-error journey-problem-list" data-testid="journey-problems">
          <summary>{t('journeys.problemCount', { n: view().problems.length })}</summary>
          <ul>
            <For each={view().problems}>
              {(p) => (
                <li>
                  <Show when={p.nodeId} fallback={journeyProblemText(p)}>
                    <button type="button" class="button link" onClick={() => setSelected(p.nodeId)}>
                      {p.nodeId}
                    </button>
                    : {journeyProblemText(p)}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
      <Show when={counts()}>
        {(c) => (
          <div class="stats journey-totals" data-testid="journey-totals">
            <For each={['entered', 'active', 'completed', 'converted', 'exited'] as const}>
              {(key) => (
                <div class="stat">
                  <div class="stat-value" data-testid={`total-${key}`}>
                    {c().totals[key].toLocaleString()}
                  </div>
                  <div class="stat-label">{t(`journeys.${key}`)}</div>
                </div>
              )}
            </For>
          </div>
        )}
      </Show>
      <div class="journey-workspace">
        <Show when={!readOnly()}>
          <StepPalette
            hasTrigger={graph().nodes.some((n) => n.type === 'trigger')}
            onAdd={(type) => add(type)}
          />
        </Show>
        <JourneyCanvas
          graph={graph()}
          selected={selected()}
          problems={problems()}
          counts={counts()?.steps ?? null}
          readOnly={readOnly()}
          templateName={templateName}
          onSelect={setSelected}
          onMove={(id, position) => edit(moveStep(graph(), id, position), `move:${id}`)}
          onConnect={(from, outlet, to) => edit(connect(graph(), from, outlet, to))}
          onRemove={(id) => {
            edit(removeStep(graph(), id));
            setSelected(null);
          }}
          onDropStep={(type, position) => add(type, position)}
        />
        <div class="journey-side">
          <Show
            when={selectedNode()}
            fallback={
              <>
                <JourneySettingsPanel
                  settings={graph().settings}
                  choices={choices()}
                  readOnly={readOnly()}
                  problems={journeyProblems()}
                  onChange={(settings) => edit(configureJourney(graph(), settings), 'settings')}
                />
                <Show when={canManage() && (view().status === 'live' || view().status === 'paused')}>
                  <EnrolCard journeyId={props.initial.id} segments={choices().segments} />
                </Show>
              </>
            }
          >
            {(node) => (
              <StepPanel
                graph={graph()}
                node={node()}
                problems={problems().get(node().id) ?? []}
                counts={counts()?.steps[node().id]}
                messages={counts()?.messages[node().id]}
                journeyId={props.initial.id}
                canSeeClickMap={may('reports.read')}
                choices={choices()}
                readOnly={readOnly()}
                onLabel={(label) => edit(labelStep(graph(), node().id, label), `label:${node().id}`)}
                onConfig={(config: JourneyNode['config']) => edit(configureStep(graph(), node().id, config))}
                onSplit={(percentages) => edit(setSplit(graph(), node().id, percentages))}
                onConnect={(outlet, to) => edit(connect(graph(), node().id, outlet, to))}
                onRemove={() => {
                  edit(removeStep(graph(), node().id));
                  setSelected(null);
                }}
              />
            )}
          </Show>
        </div>
      </div>
      <Show when={publishing()}>
        <PublishDialog
          journeyId={props.initial.id}
          changes={view().pendingChanges}
          nextVersion={(view().liveVersion ?? 0) + 1}
          onDone={() => void published()}
          onCancel={() => setPublishing(false)}
        />
      </Show>
    </div>
  );
}
