import { For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import type { CampaignForm, ScheduleMode } from './campaign-form-model.ts';

const MODES: ScheduleMode[] = ['now', 'at', 'localTime', 'optimised'];

/** When: now, at a moment, at a wall-clock time in each recipient's zone, or each recipient's most engaged hour. */
export function ScheduleEditor(props: {
  form: CampaignForm;
  update: (patch: Partial<CampaignForm>) => void;
}) {
  return (
    <fieldset class="card stack" data-testid="schedule-editor">
      <legend>{t('campaigns.schedule')}</legend>
      <For each={MODES}>
        {(mode) => (
          <label class="checkbox">
            <input
              type="radio"
              name="schedule"
              checked={props.form.scheduleMode === mode}
              onChange={() => props.update({ scheduleMode: mode })}
            />
            <span>
              <strong>{t(`campaigns.schedule.${mode}`)}</strong>{' '}
              <span class="muted">{t(`campaigns.schedule.${mode}.hint`)}</span>
            </span>
          </label>
        )}
      </For>
      <Show when={props.form.scheduleMode === 'at'}>
        <input
          type="datetime-local"
          value={props.form.at}
          aria-label={t('campaigns.schedule.at')}
          onInput={(e) => props.update({ at: e.currentTarget.value })}
        />
      </Show>
      <Show when={props.form.scheduleMode === 'localTime'}>
        <div class="row">
          <input
            type="date"
            value={props.form.localDate}
            aria-label={t('campaigns.date')}
            onInput={(e) => props.update({ localDate: e.currentTarget.value })}
          />
          <input
            type="time"
            value={props.form.localTime}
            aria-label={t('campaigns.time')}
            onInput={(e) => props.update({ localTime: e.currentTarget.value })}
          />
        </div>
      </Show>
      <label class="field">
        <span class="field-label">{t('campaigns.recurrence')}</span>
        <input
          value={props.form.recurrence}
          placeholder="0 9 * * 1"
          data-testid="campaign-recurrence"
          onInput={(e) => props.update({ recurrence: e.currentTarget.value })}
        />
        <span class="hint">{t('campaigns.recurrenceHint')}</span>
      </label>
    </fieldset>
  );
}
