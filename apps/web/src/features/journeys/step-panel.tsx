import { For, Show } from 'solid-js';
import type { JourneyGraph, JourneyNode } from '@switchboard/journeys';
import { outletsOf, targetOf } from '@switchboard/journeys/graph-steps';
import { t } from '../../i18n/i18n.ts';
import { FormField } from '../../ui/form-field.tsx';
import { StepForm, type WorkspaceChoices } from './step-form.tsx';
import { outcomeName, outletName, stepTitle, stepTypeName } from './step-text.ts';
import type { StepCountsView } from './journey-canvas.tsx';
import { StepMessages } from './step-messages.tsx';
import type { OverviewCounts } from '../reports/overview-rates.ts';

/**
 * The selected step in the side panel: its name, its settings, where each outlet leads (a select per outlet, so
 * connecting works without a pointer), its problems and its counts.
 */
export function StepPanel(props: {
  graph: JourneyGraph;
  node: JourneyNode;
  problems: string[];
  counts: StepCountsView | undefined;
  /** What the step's messages did in the counts' period (send steps that sent in it). */
  messages: (OverviewCounts & { channel: string }) | undefined;
  journeyId: string;
  canSeeClickMap: boolean;
  choices: WorkspaceChoices;
  readOnly: boolean;
  onLabel: (label: string) => void;
  onConfig: (config: JourneyNode['config']) => void;
  onSplit: (percentages: number[]) => void;
  onConnect: (outlet: string, to: string | null) => void;
  onRemove: () => void;
}) {
  const keyedTrigger = () =>
    props.graph.nodes.some((n) => n.type === 'trigger' && n.config.kind === 'event' && !!n.config.key);
  const targets = () => props.graph.nodes.filter((n) => n.id !== props.node.id && n.type !== 'trigger');
  return (
    <aside class="card journey-panel" data-testid="step-panel" aria-label={stepTitle(props.node)}>
      <div class="row spread">
        <h2>{stepTypeName(props.node.type)}</h2>
        <code class="muted">{props.node.id}</code>
      </div>
      <Show when={props.problems.length > 0}>
        <ul class="journey-problems" data-testid="panel-problems">
          <For each={props.problems}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>
      <FormField label={t('journeys.stepLabel')}>
        <input
          name="step-label"
          maxLength={120}
          value={props.node.label ?? ''}
          placeholder={stepTypeName(props.node.type)}
          disabled={props.readOnly}
          onInput={(e) => props.onLabel(e.currentTarget.value)}
        />
      </FormField>
      <StepForm
        node={props.node}
        choices={props.choices}
        keyedTrigger={keyedTrigger()}
        disabled={props.readOnly}
        onConfig={props.onConfig}
        onSplit={props.onSplit}
      />
      <Show when={outletsOf(props.node).length > 0}>
        <fieldset class="field journey-connections" disabled={props.readOnly}>
          <legend class="field-label">{t('journeys.connections')}</legend>
          <For each={outletsOf(props.node)}>
            {(outlet) => (
              <label class="row">
                <span class="outlet-name">{outletName(outlet)} →</span>
                <select
                  name={`outlet-${outlet}`}
                  data-testid={`outlet-${outlet}`}
                  value={targetOf(props.node, outlet) ?? ''}
                  onChange={(e) => props.onConnect(outlet, e.currentTarget.value || null)}
                >
                  <option value="">{t('journeys.notConnected')}</option>
                  <For each={targets()}>
                    {(n) => (
                      <option value={n.id}>
                        {stepTitle(n)} ({n.id})
                      </option>
                    )}
                  </For>
                </select>
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <Show when={props.counts}>
        {(c) => (
          <dl class="journey-panel-counts" data-testid="panel-counts">
            <dt>{t('journeys.count.reached')}</dt>
            <dd>{c().reached.toLocaleString()}</dd>
            <dt>{t('journeys.count.waiting')}</dt>
            <dd>{c().waitingNow.toLocaleString()}</dd>
            <For each={Object.entries(c().outcomes)}>
              {([outcome, n]) => (
                <>
                  <dt>{outcomeName(outcome)}</dt>
                  <dd>{n.toLocaleString()}</dd>
                </>
              )}
            </For>
            <dt>{t('journeys.count.converted')}</dt>
            <dd>{c().convertedAfter.toLocaleString()}</dd>
            <dt>{t('journeys.count.exited')}</dt>
            <dd>{c().exitedHere.toLocaleString()}</dd>
          </dl>
        )}
      </Show>
      <Show when={props.messages}>
        {(messages) => (
          <StepMessages
            journeyId={props.journeyId}
            nodeId={props.node.id}
            messages={messages()}
            canSeeClickMap={props.canSeeClickMap}
          />
        )}
      </Show>
      <Show when={!props.readOnly}>
        <button
          type="button"
          class="button danger"
          onClick={() => props.onRemove()}
          data-testid="remove-step"
        >
          {t('journeys.removeStep')}
        </button>
      </Show>
    </aside>
  );
}
