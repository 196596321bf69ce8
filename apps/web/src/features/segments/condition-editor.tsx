import { For, Match, Show, Switch } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { STAGES, stageLabel } from '../contacts/stage-label.ts';
import {
  CONDITION_KINDS,
  FIELD_TYPES,
  NUMERIC_VALUE_OPS,
  OPS_BY_TYPE,
  newCondition,
  type Condition,
  type ConditionKind,
  VALUELESS_OPS,
} from './rule-model.ts';
import { EventPropertyFilters } from './event-property-filters.tsx';

export interface BuilderData {
  attributes: { key: string; type: string }[];
  segments: { id: string; name: string }[];
  /** Event names the workspace has received: suggested as the user types. */
  events: { name: string; propertyKeys: string[] }[];
}

function Select(props: {
  value: string;
  options: string[];
  label: (v: string) => string;
  onChange: (v: string) => void;
  name?: string;
}) {
  return (
    <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <For each={props.options}>{(o) => <option value={o}>{props.label(o)}</option>}</For>
    </select>
  );
}

const opLabel = (op: string) => t(`segments.op.${op as 'eq'}`);
const channelLabel = (channel: string) => t(`messages.channel.${channel as 'email'}`);
const needsValue = (op: string) => !VALUELESS_OPS.has(op);

function ValueInput(props: { op: string; type: string; value: unknown; onChange: (v: unknown) => void }) {
  const numeric = () => props.type === 'number' || NUMERIC_VALUE_OPS.has(props.op);
  return (
    <Show when={needsValue(props.op)}>
      <input
        name="condition-value"
        type={numeric() ? 'number' : props.op === 'before' || props.op === 'after' ? 'date' : 'text'}
        value={typeof props.value === 'string' || typeof props.value === 'number' ? String(props.value) : ''}
        onInput={(e) => props.onChange(numeric() ? Number(e.currentTarget.value) : e.currentTarget.value)}
      />
    </Show>
  );
}

/** One rule row; every change produces a whole new condition object. */
export function ConditionEditor(props: {
  condition: Condition;
  data: BuilderData;
  onChange: (next: Condition) => void;
  onRemove: () => void;
}) {
  const c = () => props.condition;
  const set = (patch: Record<string, unknown>) => props.onChange({ ...c(), ...patch });
  return (
    <div class="condition" data-testid="segment-condition">
      <Select
        name="condition-kind"
        value={c().kind}
        options={[...CONDITION_KINDS]}
        label={(k) => t(`segments.kind.${k as (typeof CONDITION_KINDS)[number]}`)}
        onChange={(k) => props.onChange(newCondition(k as ConditionKind, props.data.attributes[0]?.key))}
      />
      <Switch>
        <Match when={c().kind === 'attribute' && (c() as Extract<Condition, { kind: 'attribute' }>)}>
          {(a) => {
            const type = () => props.data.attributes.find((x) => x.key === a().key)?.type ?? 'text';
            return (
              <>
                <Select
                  value={a().key}
                  options={props.data.attributes.map((x) => x.key)}
                  label={(k) => k}
                  onChange={(key) =>
                    set({
                      key,
                      op: OPS_BY_TYPE[props.data.attributes.find((x) => x.key === key)?.type ?? 'text']![0],
                      value: '',
                    })
                  }
                />
                <Select
                  name="condition-op"
                  value={a().op}
                  options={OPS_BY_TYPE[type()] ?? []}
                  label={opLabel}
                  onChange={(op) => set({ op })}
                />
                <ValueInput
                  op={a().op}
                  type={type()}
                  value={a().value}
                  onChange={(value) => set({ value })}
                />
              </>
            );
          }}
        </Match>
        <Match when={c().kind === 'field' && (c() as Extract<Condition, { kind: 'field' }>)}>
          {(f) => (
            <>
              <Select
                value={f().field}
                options={Object.keys(FIELD_TYPES)}
                label={(k) => t(`segments.field.${k as 'email'}`)}
                onChange={(field) => set({ field, op: OPS_BY_TYPE[FIELD_TYPES[field]!]![0], value: '' })}
              />
              <Select
                name="condition-op"
                value={f().op}
                options={OPS_BY_TYPE[FIELD_TYPES[f().field]!] ?? []}
                label={opLabel}
                onChange={(op) => set({ op })}
              />
              <ValueInput
                op={f().op}
                type={FIELD_TYPES[f().field]!}
                value={f().value}
                onChange={(value) => set({ value })}
              />
            </>
          )}
        </Match>
        <Match when={c().kind === 'tag' && (c() as Extract<Condition, { kind: 'tag' }>)}>
          {(tag) => (
            <>
              <Select
                name="condition-op"
                value={tag().op}
                options={['has', 'has_not']}
                label={opLabel}
                onChange={(op) => set({ op })}
              />
              <input
                name="condition-value"
                aria-label={t('segments.tagValue')}
                placeholder={t('segments.tagValue')}
                value={tag().value}
                onInput={(e) => set({ value: e.currentTarget.value })}
              />
            </>
          )}
        </Match>
        <Match when={c().kind === 'lifecycle' && (c() as Extract<Condition, { kind: 'lifecycle' }>)}>
          {(l) => (
            <>
              <Select
                name="condition-op"
                value={l().op}
                options={['is', 'is_not', 'at_least']}
                label={opLabel}
                onChange={(op) => set({ op })}
              />
              <Select
                value={l().value}
                options={[...STAGES]}
                label={stageLabel}
                onChange={(value) => set({ value })}
              />
            </>
          )}
        </Match>
        <Match when={c().kind === 'event' && (c() as Extract<Condition, { kind: 'event' }>)}>
          {(ev) => (
            <>
              <Select
                name="condition-op"
                value={ev().op}
                options={['did', 'did_not']}
                label={opLabel}
                onChange={(op) => set({ op })}
              />
              <input
                name="event-name"
                list="event-catalogue"
                aria-label={t('segments.eventName')}
                placeholder={t('segments.eventName')}
                autocomplete="off"
                value={ev().name}
                onInput={(e) => set({ name: e.currentTarget.value })}
              />
              <datalist id="event-catalogue">
                <For each={props.data.events}>{(event) => <option value={event.name} />}</For>
              </datalist>
              <label class="inline">
                {t('segments.times')}
                <input
                  type="number"
                  min="1"
                  name="event-times"
                  value={ev().atLeast}
                  onInput={(e) => set({ atLeast: Number(e.currentTarget.value) || 1 })}
                />
              </label>
              <label class="inline">
                {t('segments.inLastDays')}
                <input
                  type="number"
                  min="1"
                  name="event-days"
                  value={ev().withinDays}
                  onInput={(e) => set({ withinDays: Number(e.currentTarget.value) || 1 })}
                />
              </label>
              <EventPropertyFilters
                filters={ev().where ?? []}
                seenKeys={props.data.events.find((event) => event.name === ev().name)?.propertyKeys ?? []}
                onChange={(where) => set({ where })}
              />
            </>
          )}
        </Match>
        <Match when={c().kind === 'engagement' && (c() as Extract<Condition, { kind: 'engagement' }>)}>
          {(en) => (
            <>
              <Select
                name="condition-op"
                value={en().op}
                options={['did', 'did_not']}
                label={opLabel}
                onChange={(op) => set({ op })}
              />
              <Select
                value={en().action}
                options={['delivered', 'opened', 'clicked', 'replied', 'bounced', 'unsubscribed']}
                label={(a) => t(`segments.action.${a as 'opened'}`)}
                onChange={(action) => set({ action })}
              />
              <Select
                value={en().channel}
                options={['email', 'sms', 'wechat']}
                label={channelLabel}
                onChange={(channel) => set({ channel })}
              />
              <label class="inline">
                {t('segments.inLastDays')}
                <input
                  type="number"
                  min="1"
                  value={en().withinDays}
                  onInput={(e) => set({ withinDays: Number(e.currentTarget.value) || 1 })}
                />
              </label>
            </>
          )}
        </Match>
        <Match when={c().kind === 'consent' && (c() as Extract<Condition, { kind: 'consent' }>)}>
          {(k) => (
            <>
              <Select
                value={k().channel}
                options={['email', 'sms', 'wechat']}
                label={channelLabel}
                onChange={(channel) => set({ channel })}
              />
              <input
                name="consent-topic"
                placeholder={t('consent.topic')}
                value={k().topic}
                onInput={(e) => set({ topic: e.currentTarget.value.trim() })}
              />
              <Select
                value={k().status}
                options={['opted_in', 'opted_out', 'pending', 'none']}
                label={(s) => (s === 'none' ? '—' : t(`consent.${s as 'opted_in'}`))}
                onChange={(status) => set({ status })}
              />
            </>
          )}
        </Match>
        <Match when={c().kind === 'segment' && (c() as Extract<Condition, { kind: 'segment' }>)}>
          {(sg) => (
            <>
              <Select
                name="condition-op"
                value={sg().op}
                options={['in', 'not_in']}
                label={opLabel}
                onChange={(op) => set({ op })}
              />
              <Select
                value={sg().segmentId}
                options={props.data.segments.map((s) => s.id)}
                label={(id) => props.data.segments.find((s) => s.id === id)?.name ?? id}
                onChange={(segmentId) => set({ segmentId })}
              />
            </>
          )}
        </Match>
        <Match when={c().kind === 'bucket' && (c() as Extract<Condition, { kind: 'bucket' }>)}>
          {(b) => (
            <>
              <input
                name="bucket-salt"
                value={b().salt}
                onInput={(e) => set({ salt: e.currentTarget.value })}
              />
              <input
                type="number"
                min="0"
                max="99"
                value={b().from}
                onInput={(e) => set({ from: Number(e.currentTarget.value) })}
              />
              <span>–</span>
              <input
                type="number"
                min="1"
                max="100"
                value={b().to}
                onInput={(e) => set({ to: Number(e.currentTarget.value) })}
              />
              <span>%</span>
            </>
          )}
        </Match>
      </Switch>
      <button type="button" class="button link" onClick={() => props.onRemove()}>
        {t('segments.remove')}
      </button>
    </div>
  );
}
