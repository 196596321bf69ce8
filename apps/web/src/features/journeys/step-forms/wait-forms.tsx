import { For, Show } from 'solid-js';
import { t } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/en.ts';
import { FormField } from '../../../ui/form-field.tsx';
import { DurationInput, FiltersEditor } from '../config-inputs.tsx';
import type { ConfigOf } from './step-config.ts';
import { EventNameField } from './event-name-field.tsx';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export function WaitForm(props: { config: ConfigOf<'wait'>; onChange: (c: ConfigOf<'wait'>) => void }) {
  return (
    <>
      <FormField label={t('journeys.waitMode')}>
        <select
          name="wait-mode"
          value={props.config.mode}
          onChange={(e) =>
            props.onChange(
              e.currentTarget.value === 'duration'
                ? { mode: 'duration', seconds: 86_400 }
                : { mode: 'until', at: '09:00', weekdays: [] },
            )
          }
        >
          <option value="duration">{t('journeys.waitDuration')}</option>
          <option value="until">{t('journeys.waitUntil')}</option>
        </select>
      </FormField>
      <Show when={props.config.mode === 'duration' && props.config}>
        {(c) => (
          <DurationInput
            name="wait"
            label={t('journeys.waitFor')}
            seconds={c().seconds}
            onChange={(seconds) => props.onChange({ mode: 'duration', seconds })}
          />
        )}
      </Show>
      <Show when={props.config.mode === 'until' && props.config}>
        {(c) => (
          <>
            <FormField label={t('journeys.atLocalTime')}>
              <input
                type="time"
                name="wait-at"
                value={c().at}
                onChange={(e) => props.onChange({ ...c(), at: e.currentTarget.value })}
              />
            </FormField>
            <fieldset class="field weekdays">
              <legend class="field-label">{t('journeys.weekdays')}</legend>
              <For each={WEEKDAYS}>
                {(day) => (
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      checked={c().weekdays.includes(day)}
                      onChange={(e) =>
                        props.onChange({
                          ...c(),
                          weekdays: e.currentTarget.checked
                            ? [...c().weekdays, day].sort()
                            : c().weekdays.filter((d) => d !== day),
                        })
                      }
                    />
                    {t(`journeys.weekday.${day}` as MessageKey)}
                  </label>
                )}
              </For>
            </fieldset>
          </>
        )}
      </Show>
    </>
  );
}

export function WaitForEventForm(props: {
  config: ConfigOf<'waitForEvent'>;
  keyedTrigger: boolean;
  onChange: (c: ConfigOf<'waitForEvent'>) => void;
}) {
  return (
    <>
      <EventNameField
        value={props.config.event}
        onChange={(event) => props.onChange({ ...props.config, event })}
      />
      <DurationInput
        name="timeout"
        label={t('journeys.timeout')}
        seconds={props.config.timeoutSeconds}
        onChange={(timeoutSeconds) => props.onChange({ ...props.config, timeoutSeconds })}
      />
      <Show when={props.keyedTrigger || props.config.matchTriggerKey}>
        <label class="checkbox">
          <input
            type="checkbox"
            name="match-key"
            checked={props.config.matchTriggerKey}
            onChange={(e) => props.onChange({ ...props.config, matchTriggerKey: e.currentTarget.checked })}
          />
          {t('journeys.matchKey')}
        </label>
      </Show>
      <FiltersEditor
        filters={props.config.filters}
        onChange={(filters) => props.onChange({ ...props.config, filters })}
      />
    </>
  );
}
