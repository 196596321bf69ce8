import { For, Index, Show } from 'solid-js';
import type { JourneySettings } from '@switchboard/journeys';
import { t } from '../../i18n/i18n.ts';
import { FormField } from '../../ui/form-field.tsx';
import { NumberField, SegmentSelect } from './config-inputs.tsx';
import type { WorkspaceChoices } from './step-form.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

type Goal = JourneySettings['goals'][number];

/** With no step selected, the side panel edits the journey itself: re-entry, exit, goals and quiet period. */
export function JourneySettingsPanel(props: {
  settings: JourneySettings;
  choices: WorkspaceChoices;
  readOnly: boolean;
  problems: string[];
  onChange: (settings: JourneySettings) => void;
}) {
  const set = (change: Partial<JourneySettings>) => props.onChange({ ...props.settings, ...change });
  const setGoal = (index: number, goal: Goal) =>
    set({ goals: props.settings.goals.map((g, i) => (i === index ? goal : g)) });
  return (
    <aside class="card journey-panel" data-testid="journey-settings" aria-label={t('journeys.settings')}>
      <h2>{t('journeys.settings')}</h2>
      <Show when={props.problems.length > 0}>
        <ul class="journey-problems">
          <For each={props.problems}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>
      <p class="hint">{t('journeys.settingsHint')}</p>
      <fieldset class="step-form" disabled={props.readOnly}>
        <FormField label={t('journeys.reentry')}>
          <select
            name="reentry"
            value={props.settings.reentry.mode}
            onChange={(e) => {
              const mode = e.currentTarget.value as JourneySettings['reentry']['mode'];
              set({ reentry: mode === 'after' ? { mode, days: 30 } : { mode } });
            }}
          >
            <option value="never">{t('journeys.reentry.never')}</option>
            <option value="after">{t('journeys.reentry.after')}</option>
            <option value="always">{t('journeys.reentry.always')}</option>
          </select>
        </FormField>
        <Show when={props.settings.reentry.mode === 'after' && props.settings.reentry}>
          {(r) => (
            <NumberField
              label={t('journeys.reentryDays')}
              name="reentry-days"
              min={1}
              max={3650}
              value={r().days}
              onChange={(days) => set({ reentry: { mode: 'after', days } })}
            />
          )}
        </Show>
        <FormField label={t('journeys.exitSegment')}>
          <select
            name="exit-segment"
            value={props.settings.exitOnLeavingSegment ?? ''}
            onChange={(e) => set({ exitOnLeavingSegment: e.currentTarget.value || null })}
          >
            <option value="">{t('journeys.noExitSegment')}</option>
            <NamedOptions items={props.choices.segments} />
          </select>
        </FormField>
        <NumberField
          label={t('journeys.quietPeriod')}
          name="quiet-period"
          min={0}
          max={720}
          value={props.settings.quietPeriodHours}
          onChange={(quietPeriodHours) => set({ quietPeriodHours })}
        />
        <fieldset class="field">
          <legend class="field-label">{t('journeys.goals')}</legend>
          <Index each={props.settings.goals}>
            {(goal, index) => (
              <div class="row wrap goal-row" data-testid="journey-goal">
                <select
                  aria-label={t('journeys.goalKind')}
                  value={goal().kind}
                  onChange={(e) =>
                    setGoal(
                      index,
                      e.currentTarget.value === 'event'
                        ? { kind: 'event', event: 'purchase', filters: [] }
                        : { kind: 'segment', segmentId: props.choices.segments[0]?.id ?? '' },
                    )
                  }
                >
                  <option value="event">{t('journeys.goal.event')}</option>
                  <option value="segment">{t('journeys.goal.segment')}</option>
                </select>
                <Show
                  when={goal().kind === 'event' && (goal() as Extract<Goal, { kind: 'event' }>)}
                  fallback={
                    <SegmentSelect
                      name={`goal-segment-${index}`}
                      value={(goal() as Extract<Goal, { kind: 'segment' }>).segmentId ?? null}
                      segments={props.choices.segments}
                      onChange={(segmentId) => setGoal(index, { kind: 'segment', segmentId })}
                    />
                  }
                >
                  {(g) => (
                    <input
                      aria-label={t('journeys.eventName')}
                      value={g().event}
                      onChange={(e) => setGoal(index, { ...g(), event: e.currentTarget.value.trim() })}
                    />
                  )}
                </Show>
                <button
                  type="button"
                  class="button secondary"
                  aria-label={t('journeys.removeGoal')}
                  onClick={() => set({ goals: props.settings.goals.filter((_, i) => i !== index) })}
                >
                  ×
                </button>
              </div>
            )}
          </Index>
          <button
            type="button"
            class="button secondary"
            disabled={props.settings.goals.length >= 5}
            onClick={() =>
              set({ goals: [...props.settings.goals, { kind: 'event', event: 'purchase', filters: [] }] })
            }
          >
            {t('journeys.addGoal')}
          </button>
        </fieldset>
      </fieldset>
    </aside>
  );
}
