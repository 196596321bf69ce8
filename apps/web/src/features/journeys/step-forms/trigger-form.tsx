import { For, Show } from 'solid-js';
import type { JourneyTrigger } from '@switchboard/journeys';
import { t } from '../../../i18n/i18n.ts';
import { FormField } from '../../../ui/form-field.tsx';
import { FiltersEditor, NumberField, SegmentSelect } from '../config-inputs.tsx';
import type { WorkspaceChoices } from './step-config.ts';
import { EventNameField } from './event-name-field.tsx';

export function TriggerForm(props: {
  config: JourneyTrigger;
  choices: WorkspaceChoices;
  onChange: (c: JourneyTrigger) => void;
}) {
  const switchKind = (kind: JourneyTrigger['kind']) => {
    const fresh: Record<JourneyTrigger['kind'], JourneyTrigger> = {
      event: { kind: 'event', event: 'signed_up', filters: [] },
      segment: { kind: 'segment', segmentId: props.choices.segments[0]?.id ?? '' },
      date: { kind: 'date', attribute: 'birthday', offsetDays: 0, at: '09:00', yearly: true },
      api: { kind: 'api' },
      manual: { kind: 'manual' },
    };
    props.onChange(fresh[kind]);
  };
  return (
    <>
      <FormField label={t('journeys.triggerKind')}>
        <select
          name="trigger-kind"
          value={props.config.kind}
          onChange={(e) => switchKind(e.currentTarget.value as JourneyTrigger['kind'])}
        >
          <For each={['event', 'segment', 'date', 'api', 'manual'] as const}>
            {(kind) => <option value={kind}>{t(`journeys.trigger.${kind}`)}</option>}
          </For>
        </select>
      </FormField>
      <Show when={props.config.kind === 'event' && props.config}>
        {(c) => (
          <>
            <EventNameField value={c().event} onChange={(event) => props.onChange({ ...c(), event })} />
            <FormField label={t('journeys.triggerKey')}>
              <input
                name="trigger-key"
                placeholder="cart_id"
                value={c().key ?? ''}
                onChange={(e) => {
                  const key = e.currentTarget.value.trim();
                  const { key: _old, ...rest } = c();
                  props.onChange(key ? { ...rest, key } : rest);
                }}
              />
            </FormField>
            <FiltersEditor
              filters={c().filters}
              onChange={(filters) => props.onChange({ ...c(), filters })}
            />
          </>
        )}
      </Show>
      <Show when={props.config.kind === 'segment' && props.config}>
        {(c) => (
          <FormField label={t('journeys.segment')}>
            <SegmentSelect
              name="trigger-segment"
              value={c().segmentId}
              segments={props.choices.segments}
              onChange={(segmentId) => props.onChange({ kind: 'segment', segmentId })}
            />
          </FormField>
        )}
      </Show>
      <Show when={props.config.kind === 'date' && props.config}>
        {(c) => (
          <>
            <FormField label={t('journeys.dateAttribute')}>
              <input
                name="date-attribute"
                value={c().attribute}
                onChange={(e) => props.onChange({ ...c(), attribute: e.currentTarget.value })}
              />
            </FormField>
            <NumberField
              label={t('journeys.offsetDays')}
              name="offset-days"
              min={-365}
              max={365}
              fallback={0}
              value={c().offsetDays}
              onChange={(offsetDays) => props.onChange({ ...c(), offsetDays })}
            />
            <FormField label={t('journeys.atLocalTime')}>
              <input
                type="time"
                name="date-at"
                value={c().at}
                onChange={(e) => props.onChange({ ...c(), at: e.currentTarget.value })}
              />
            </FormField>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={c().yearly}
                onChange={(e) => props.onChange({ ...c(), yearly: e.currentTarget.checked })}
              />
              {t('journeys.yearly')}
            </label>
          </>
        )}
      </Show>
    </>
  );
}
