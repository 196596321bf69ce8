import { For, Index } from 'solid-js';
import { FormField } from '../../ui/form-field.tsx';
import type { PropertyFilter } from '@switchboard/journeys';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { channelName, splitDuration, UNITS, type Unit } from './step-text.ts';
import { NamedOptions } from '../../ui/named-options.tsx';

/** Small inputs the step forms share: durations, channels, segments, property filters. */

export const CHANNELS = ['email', 'sms', 'wechat'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Text typed as a value becomes a number or a boolean when it plainly is one, as people expect of "30" or "true". */
export function parseValue(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return text;
}

/** A whole number within the schema's bounds: typing past a bound clamps to it, an empty box falls back. */
export function NumberField(props: {
  label: string;
  name: string;
  min: number;
  max: number;
  value: number;
  fallback?: number;
  onChange: (value: number) => void;
}) {
  const clamp = (text: string) => {
    const n = Math.round(Number(text));
    return Number.isFinite(n) && text.trim() !== ''
      ? Math.min(props.max, Math.max(props.min, n))
      : (props.fallback ?? props.min);
  };
  return (
    <FormField label={props.label}>
      <input
        type="number"
        name={props.name}
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(clamp(e.currentTarget.value))}
      />
    </FormField>
  );
}

export function DurationInput(props: {
  label: string;
  seconds: number;
  name: string;
  onChange: (seconds: number) => void;
}) {
  const parts = () => splitDuration(props.seconds);
  const set = (amount: number, unit: Unit) => {
    const perUnit = UNITS.find((u) => u.key === unit)!.seconds;
    if (Number.isFinite(amount) && amount >= 1) props.onChange(Math.round(amount) * perUnit);
  };
  return (
    <fieldset class="field duration-input">
      <legend class="field-label">{props.label}</legend>
      <input
        type="number"
        min="1"
        name={`${props.name}-amount`}
        value={parts().amount}
        onChange={(e) => set(Number(e.currentTarget.value), parts().unit)}
      />
      <select
        name={`${props.name}-unit`}
        value={parts().unit}
        onChange={(e) => set(parts().amount, e.currentTarget.value as Unit)}
      >
        <For each={UNITS}>
          {(u) => <option value={u.key}>{t(`journeys.unit.${u.key}` as MessageKey)}</option>}
        </For>
      </select>
    </fieldset>
  );
}

export function ChannelSelect(props: { value: string; name: string; onChange: (channel: Channel) => void }) {
  return (
    <select
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as Channel)}
    >
      <For each={CHANNELS}>{(c) => <option value={c}>{channelName(c)}</option>}</For>
    </select>
  );
}

export function SegmentSelect(props: {
  value: string | null;
  name: string;
  segments: { id: string; name: string }[];
  onChange: (id: string) => void;
}) {
  return (
    <select
      name={props.name}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <option value="" disabled>
        {t('journeys.chooseSegment')}
      </option>
      <NamedOptions items={props.segments} />
    </select>
  );
}

const FILTER_OPS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;

/** Property filters on an event: every row must hold for the event to count. */
export function FiltersEditor(props: {
  filters: PropertyFilter[];
  onChange: (filters: PropertyFilter[]) => void;
}) {
  const update = (index: number, change: Partial<PropertyFilter>) =>
    props.onChange(props.filters.map((f, i) => (i === index ? { ...f, ...change } : f)));
  return (
    <fieldset class="field filters-editor">
      <legend class="field-label">{t('journeys.filters')}</legend>
      <Index each={props.filters}>
        {(filter, index) => (
          <div class="row filter-row">
            <input
              aria-label={t('journeys.property')}
              placeholder="cart_id"
              value={filter().property}
              onChange={(e) => update(index, { property: e.currentTarget.value })}
            />
            <select
              aria-label={t('journeys.operator')}
              value={filter().op}
              onChange={(e) => update(index, { op: e.currentTarget.value as PropertyFilter['op'] })}
            >
              <For each={FILTER_OPS}>
                {(op) => <option value={op}>{t(`journeys.op.${op}` as MessageKey)}</option>}
              </For>
            </select>
            <input
              aria-label={t('journeys.value')}
              value={filter().value === undefined ? '' : String(filter().value)}
              disabled={filter().op === 'exists'}
              onChange={(e) => update(index, { value: parseValue(e.currentTarget.value) })}
            />
            <button
              type="button"
              class="button secondary"
              aria-label={t('journeys.removeFilter')}
              onClick={() => props.onChange(props.filters.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
        )}
      </Index>
      <button
        type="button"
        class="button secondary"
        disabled={props.filters.length >= 20}
        onClick={() => props.onChange([...props.filters, { property: 'property', op: 'eq', value: '' }])}
      >
        {t('journeys.addFilter')}
      </button>
    </fieldset>
  );
}
