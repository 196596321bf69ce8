import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

const KINDS = ['event', 'deal_won', 'segment_entry'] as const;
const TOUCHES = ['delivered', 'opened', 'clicked', 'replied'] as const;

/** What counts as a conversion: the list, and (for those who may) a form to add one. */
export function ConversionDefinitions(props: { canEdit: boolean; onChange: () => void }) {
  const [definitions, { refetch }] = createResource(() => api.analytics.conversions.query());
  const [segments] = createResource(
    () => props.canEdit,
    () => api.segments.list.query(),
  );
  const [problem, setProblem] = createSignal<string | null>(null);
  const blank = () => ({
    name: '',
    kind: 'event' as (typeof KINDS)[number],
    eventName: 'purchase',
    valueProperty: '',
    segmentId: '',
    currency: 'USD',
    lookbackDays: 30,
    touchKinds: [...TOUCHES] as string[],
  });
  const [form, setForm] = createSignal(blank());
  const patch = (change: Partial<ReturnType<typeof blank>>) => setForm({ ...form(), ...change });
  const stored = () => (definitions() ?? []).filter((d) => d.id !== '');

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblem(null);
    const f = form();
    try {
      await api.analytics.saveConversion.mutate({
        name: f.name,
        kind: f.kind,
        eventName: f.kind === 'event' ? f.eventName : null,
        valueProperty: f.kind === 'event' && f.valueProperty.trim() ? f.valueProperty : null,
        segmentId: f.kind === 'segment_entry' ? f.segmentId || null : null,
        currency: f.currency.toUpperCase(),
        lookbackDays: Number(f.lookbackDays),
        touchKinds: f.touchKinds as (typeof TOUCHES)[number][],
      });
      setForm(blank());
      await refetch();
      props.onChange();
    } catch (error) {
      setProblem(problemText(toProblem(error)));
    }
  };
  const remove = async (id: string) => {
    setProblem(null);
    try {
      await api.analytics.deleteConversion.mutate({ id });
      await refetch();
      props.onChange();
    } catch (error) {
      setProblem(problemText(toProblem(error)));
    }
  };

  return (
    <details class="card" data-testid="conversion-definitions">
      <summary>{t('reports.definitions')}</summary>
      <Show when={stored().length > 0} fallback={<p class="muted">{t('reports.definitionsDefault')}</p>}>
        <ul class="plain-list">
          <For each={stored()}>
            {(d) => (
              <li class="row">
                <strong>{d.name}</strong>
                <span class="muted">
                  {t(`reports.kind.${d.kind}`)}
                  {d.eventName ? ` · ${d.eventName}` : ''} · {d.currency} · {d.lookbackDays}d
                </span>
                <Show when={props.canEdit}>
                  <button type="button" class="button secondary small" onClick={() => void remove(d.id)}>
                    {t('reports.deleteDefinition')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canEdit}>
        <form class="stack" onSubmit={(e) => void save(e)} data-testid="conversion-form">
          <div class="row wrap">
            <label class="field">
              <span class="field-label">{t('reports.name')}</span>
              <input
                required
                maxLength={120}
                value={form().name}
                onInput={(e) => patch({ name: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="field-label">{t('reports.conversion')}</span>
              <select
                value={form().kind}
                onChange={(e) => patch({ kind: e.currentTarget.value as (typeof KINDS)[number] })}
              >
                <For each={KINDS}>{(k) => <option value={k}>{t(`reports.kind.${k}`)}</option>}</For>
              </select>
            </label>
            <Show when={form().kind === 'event'}>
              <label class="field">
                <span class="field-label">{t('reports.eventName')}</span>
                <input
                  value={form().eventName}
                  onInput={(e) => patch({ eventName: e.currentTarget.value })}
                />
              </label>
              <label class="field">
                <span class="field-label">{t('reports.valueProperty')}</span>
                <input
                  value={form().valueProperty}
                  onInput={(e) => patch({ valueProperty: e.currentTarget.value })}
                />
              </label>
            </Show>
            <Show when={form().kind === 'segment_entry'}>
              <label class="field">
                <span class="field-label">{t('reports.segment')}</span>
                <select
                  value={form().segmentId}
                  onChange={(e) => patch({ segmentId: e.currentTarget.value })}
                >
                  <option value="" />
                  <NamedOptions items={segments() ?? []} />
                </select>
              </label>
            </Show>
            <label class="field">
              <span class="field-label">{t('reports.currency')}</span>
              <input
                maxLength={3}
                size={4}
                value={form().currency}
                onInput={(e) => patch({ currency: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="field-label">{t('reports.lookback')}</span>
              <input
                type="number"
                min="1"
                max="365"
                value={form().lookbackDays}
                onInput={(e) => patch({ lookbackDays: Number(e.currentTarget.value) })}
              />
            </label>
          </div>
          <fieldset class="row wrap">
            <legend class="field-label">{t('reports.touchKinds')}</legend>
            <For each={TOUCHES}>
              {(kind) => (
                <label class="row">
                  <input
                    type="checkbox"
                    checked={form().touchKinds.includes(kind)}
                    onChange={(e) =>
                      patch({
                        touchKinds: e.currentTarget.checked
                          ? [...form().touchKinds, kind]
                          : form().touchKinds.filter((k) => k !== kind),
                      })
                    }
                  />
                  {t(`reports.touch.${kind}`)}
                </label>
              )}
            </For>
          </fieldset>
          <Show when={problem()}>{(p) => <Notice kind="error">{p()}</Notice>}</Show>
          <div class="row">
            <button type="submit" class="button">
              {t('reports.addDefinition')}
            </button>
          </div>
        </form>
      </Show>
    </details>
  );
}
