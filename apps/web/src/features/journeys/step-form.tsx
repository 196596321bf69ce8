import { For, Match, Show, Switch, type JSX } from 'solid-js';
import type { BranchCondition, JourneyNode, JourneyTrigger, UpdateAction } from '@switchboard/journeys';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { FormField } from '../../ui/form-field.tsx';
import { STAGES, stageLabel } from '../contacts/stage-label.ts';
import {
  ChannelSelect,
  DurationInput,
  FiltersEditor,
  NumberField,
  parseValue,
  SegmentSelect,
} from './config-inputs.tsx';
import { channelName } from './step-text.ts';
import { evenSplit } from './graph-edit.ts';

export interface WorkspaceChoices {
  templates: { id: string; name: string; channel: string; published: boolean }[];
  segments: { id: string; name: string }[];
}

type LifecycleStage = Extract<UpdateAction, { kind: 'lifecycle' }>['stage'];
type ConfigOf<T extends JourneyNode['type']> = Extract<JourneyNode, { type: T }>['config'];

const KNOWN_EVENTS = ['email_opened', 'email_clicked', 'replied', 'purchase', 'cart_abandoned', 'signed_up'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** The form for a step's configuration; every change hands the whole new configuration up. */
export function StepForm(props: {
  node: JourneyNode;
  choices: WorkspaceChoices;
  keyedTrigger: boolean;
  disabled: boolean;
  onConfig: (config: JourneyNode['config']) => void;
  onSplit: (percentages: number[]) => void;
}) {
  const config = <T extends JourneyNode['type']>() => props.node.config as ConfigOf<T>;
  return (
    <fieldset class="step-form" disabled={props.disabled}>
      <Switch>
        <Match when={props.node.type === 'trigger'}>
          <TriggerForm config={config<'trigger'>()} choices={props.choices} onChange={props.onConfig} />
        </Match>
        <Match when={props.node.type === 'send'}>
          <SendForm config={config<'send'>()} choices={props.choices} onChange={props.onConfig} />
        </Match>
        <Match when={props.node.type === 'wait'}>
          <WaitForm config={config<'wait'>()} onChange={props.onConfig} />
        </Match>
        <Match when={props.node.type === 'waitForEvent'}>
          <WaitForEventForm
            config={config<'waitForEvent'>()}
            keyedTrigger={props.keyedTrigger}
            onChange={props.onConfig}
          />
        </Match>
        <Match when={props.node.type === 'branch'}>
          <BranchForm config={config<'branch'>()} choices={props.choices} onChange={props.onConfig} />
        </Match>
        <Match when={props.node.type === 'split'}>
          <SplitForm percentages={config<'split'>().percentages} onChange={props.onSplit} />
        </Match>
        <Match when={props.node.type === 'update'}>
          <UpdateForm config={config<'update'>()} onChange={props.onConfig} />
        </Match>
        <Match when={props.node.type === 'inboxTask'}>
          <FormField label={t('journeys.taskNote')}>
            <textarea
              name="task-note"
              rows="3"
              maxLength={2000}
              value={config<'inboxTask'>().note}
              onChange={(e) => props.onConfig({ note: e.currentTarget.value })}
            />
          </FormField>
        </Match>
        <Match when={props.node.type === 'webhook'}>
          <WebhookForm config={config<'webhook'>()} onChange={props.onConfig} />
        </Match>
      </Switch>
      <p class="hint">{t(`journeys.help.${props.node.type}` as MessageKey)}</p>
    </fieldset>
  );
}

function TriggerForm(props: {
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

function EventNameField(props: { value: string; onChange: (event: string) => void; label?: string }) {
  return (
    <FormField label={props.label ?? t('journeys.eventName')}>
      <input
        name="event-name"
        list="journey-known-events"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value.trim())}
      />
      <datalist id="journey-known-events">
        <For each={KNOWN_EVENTS}>{(e) => <option value={e} />}</For>
      </datalist>
    </FormField>
  );
}

function SendForm(props: {
  config: ConfigOf<'send'>;
  choices: WorkspaceChoices;
  onChange: (c: ConfigOf<'send'>) => void;
}) {
  const templates = () => props.choices.templates.filter((tpl) => tpl.channel === props.config.channel);
  return (
    <>
      <FormField label={t('messages.channel')}>
        <ChannelSelect
          name="send-channel"
          value={props.config.channel}
          onChange={(channel) => props.onChange({ ...props.config, channel, templateId: null })}
        />
      </FormField>
      <FormField label={t('journeys.template')}>
        <select
          name="send-template"
          value={props.config.templateId ?? ''}
          onChange={(e) => props.onChange({ ...props.config, templateId: e.currentTarget.value || null })}
        >
          <option value="">{t('journeys.chooseTemplate')}</option>
          <For each={templates()}>
            {(tpl) => (
              <option value={tpl.id} disabled={!tpl.published}>
                {tpl.published ? tpl.name : t('journeys.unpublished', { name: tpl.name })}
              </option>
            )}
          </For>
        </select>
      </FormField>
      <Show when={templates().length === 0}>
        <p class="hint">{t('journeys.noTemplates', { channel: channelName(props.config.channel) })}</p>
      </Show>
      <FormField label={t('journeys.purpose')}>
        <select
          name="send-purpose"
          value={props.config.purpose}
          onChange={(e) =>
            props.onChange({
              ...props.config,
              purpose: e.currentTarget.value as 'marketing' | 'transactional',
            })
          }
        >
          <option value="marketing">{t('messages.marketing')}</option>
          <option value="transactional">{t('journeys.transactional')}</option>
        </select>
      </FormField>
      <FormField label={t('journeys.topic')}>
        <input
          name="send-topic"
          value={props.config.topic}
          placeholder={t('journeys.topicAny')}
          onChange={(e) => props.onChange({ ...props.config, topic: e.currentTarget.value.trim() })}
        />
      </FormField>
    </>
  );
}

function WaitForm(props: { config: ConfigOf<'wait'>; onChange: (c: ConfigOf<'wait'>) => void }) {
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

function WaitForEventForm(props: {
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

const ATTRIBUTE_OPS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'] as const;

function BranchForm(props: {
  config: BranchCondition;
  choices: WorkspaceChoices;
  onChange: (c: BranchCondition) => void;
}) {
  const switchKind = (kind: BranchCondition['kind']) => {
    const fresh: Record<BranchCondition['kind'], BranchCondition> = {
      attribute: { kind: 'attribute', key: 'plan', op: 'eq', value: '' },
      segment: { kind: 'segment', segmentId: props.choices.segments[0]?.id ?? '' },
      consent: { kind: 'consent', channel: 'email', topic: '' },
      did: { kind: 'did', event: 'purchase', withinDays: 30, sinceEntry: false },
      reachable: { kind: 'reachable', channel: 'sms' },
    };
    props.onChange(fresh[kind]);
  };
  return (
    <>
      <FormField label={t('journeys.branchOn')}>
        <select
          name="branch-kind"
          value={props.config.kind}
          onChange={(e) => switchKind(e.currentTarget.value as BranchCondition['kind'])}
        >
          <For each={['reachable', 'consent', 'attribute', 'segment', 'did'] as const}>
            {(kind) => <option value={kind}>{t(`journeys.branch.${kind}`)}</option>}
          </For>
        </select>
      </FormField>
      <Switch>
        <Match when={props.config.kind === 'attribute' && props.config}>
          {(c) => (
            <div class="row wrap">
              <input
                aria-label={t('journeys.attribute')}
                name="branch-attribute"
                value={c().key}
                onChange={(e) => props.onChange({ ...c(), key: e.currentTarget.value.trim() })}
              />
              <select
                aria-label={t('journeys.operator')}
                value={c().op}
                onChange={(e) =>
                  props.onChange({ ...c(), op: e.currentTarget.value as (typeof ATTRIBUTE_OPS)[number] })
                }
              >
                <For each={ATTRIBUTE_OPS}>
                  {(op) => <option value={op}>{t(`journeys.op.${op}` as MessageKey)}</option>}
                </For>
              </select>
              <input
                aria-label={t('journeys.value')}
                value={c().value === undefined ? '' : String(c().value)}
                onChange={(e) => props.onChange({ ...c(), value: parseValue(e.currentTarget.value) })}
              />
            </div>
          )}
        </Match>
        <Match when={props.config.kind === 'segment' && props.config}>
          {(c) => (
            <SegmentSelect
              name="branch-segment"
              value={c().segmentId}
              segments={props.choices.segments}
              onChange={(segmentId) => props.onChange({ kind: 'segment', segmentId })}
            />
          )}
        </Match>
        <Match when={(props.config.kind === 'consent' || props.config.kind === 'reachable') && props.config}>
          {(c) => (
            <FormField label={t('messages.channel')}>
              <ChannelSelect
                name="branch-channel"
                value={(c() as { channel: string }).channel}
                onChange={(channel) =>
                  props.onChange({ ...(c() as BranchCondition), channel } as BranchCondition)
                }
              />
            </FormField>
          )}
        </Match>
        <Match when={props.config.kind === 'did' && props.config}>
          {(c) => (
            <>
              <EventNameField value={c().event} onChange={(event) => props.onChange({ ...c(), event })} />
              <NumberField
                label={t('journeys.withinDays')}
                name="within-days"
                min={1}
                max={3650}
                value={c().withinDays}
                onChange={(withinDays) => props.onChange({ ...c(), withinDays })}
              />
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={c().sinceEntry}
                  onChange={(e) => props.onChange({ ...c(), sinceEntry: e.currentTarget.checked })}
                />
                {t('journeys.sinceEntry')}
              </label>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}

function SplitForm(props: { percentages: number[]; onChange: (p: number[]) => void }) {
  const total = () => props.percentages.reduce((a, b) => a + b, 0);
  return (
    <fieldset class="field">
      <legend class="field-label">{t('journeys.splitShares')}</legend>
      <For each={props.percentages}>
        {(percent, index) => (
          <label class="row">
            <span class="split-letter">{'ABCDE'[index()]}</span>
            <input
              type="number"
              min="1"
              max="99"
              value={percent}
              onChange={(e) =>
                props.onChange(
                  props.percentages.map((p, i) => (i === index() ? Number(e.currentTarget.value) || 1 : p)),
                )
              }
            />
            %
          </label>
        )}
      </For>
      <p class="hint" classList={{ 'field-error': total() !== 100 }}>
        {t('journeys.splitTotal', { total: total() })}
      </p>
      <div class="row">
        <button
          type="button"
          class="button secondary"
          disabled={props.percentages.length >= 5}
          onClick={() => props.onChange(evenSplit(props.percentages.length + 1))}
        >
          {t('journeys.addBranch')}
        </button>
        <button
          type="button"
          class="button secondary"
          disabled={props.percentages.length <= 2}
          onClick={() => props.onChange(evenSplit(props.percentages.length - 1))}
        >
          {t('journeys.removeBranch')}
        </button>
      </div>
    </fieldset>
  );
}

function UpdateForm(props: { config: UpdateAction; onChange: (c: UpdateAction) => void }) {
  const switchKind = (kind: UpdateAction['kind']) => {
    const fresh: Record<UpdateAction['kind'], UpdateAction> = {
      attribute: { kind: 'attribute', key: 'plan', value: '' },
      addTag: { kind: 'addTag', tag: 'journey' },
      removeTag: { kind: 'removeTag', tag: 'journey' },
      score: { kind: 'score', points: 10 },
      lifecycle: { kind: 'lifecycle', stage: 'lead' },
      consent: { kind: 'consent', channel: 'email', topic: '', status: 'opted_in' },
    };
    props.onChange(fresh[kind]);
  };
  const field = (label: string, input: JSX.Element) => <FormField label={label}>{input}</FormField>;
  return (
    <>
      <FormField label={t('journeys.updateKind')}>
        <select
          name="update-kind"
          value={props.config.kind}
          onChange={(e) => switchKind(e.currentTarget.value as UpdateAction['kind'])}
        >
          <For each={['addTag', 'removeTag', 'score', 'lifecycle', 'attribute', 'consent'] as const}>
            {(kind) => <option value={kind}>{t(`journeys.update.${kind}`)}</option>}
          </For>
        </select>
      </FormField>
      <Switch>
        <Match when={props.config.kind === 'attribute' && props.config}>
          {(a) => (
            <>
              {field(
                t('journeys.attribute'),
                <input
                  value={a().key}
                  onChange={(e) => props.onChange({ ...a(), key: e.currentTarget.value.trim() })}
                />,
              )}
              {field(
                t('journeys.value'),
                <input
                  value={a().value === null ? '' : String(a().value)}
                  onChange={(e) => props.onChange({ ...a(), value: parseValue(e.currentTarget.value) })}
                />,
              )}
            </>
          )}
        </Match>
        <Match when={(props.config.kind === 'addTag' || props.config.kind === 'removeTag') && props.config}>
          {(a) =>
            field(
              t('journeys.tag'),
              <input
                name="update-tag"
                value={(a() as { tag: string }).tag}
                onChange={(e) =>
                  props.onChange({
                    ...(a() as UpdateAction),
                    tag: e.currentTarget.value.trim(),
                  } as UpdateAction)
                }
              />,
            )
          }
        </Match>
        <Match when={props.config.kind === 'score' && props.config}>
          {(a) => (
            <NumberField
              label={t('journeys.points')}
              name="score-points"
              min={-1000}
              max={1000}
              fallback={0}
              value={a().points}
              onChange={(points) => props.onChange({ kind: 'score', points })}
            />
          )}
        </Match>
        <Match when={props.config.kind === 'lifecycle' && props.config}>
          {(a) =>
            field(
              t('journeys.stage'),
              <select
                value={a().stage}
                onChange={(e) =>
                  props.onChange({ kind: 'lifecycle', stage: e.currentTarget.value as LifecycleStage })
                }
              >
                <For each={STAGES}>{(stage) => <option value={stage}>{stageLabel(stage)}</option>}</For>
              </select>,
            )
          }
        </Match>
        <Match when={props.config.kind === 'consent' && props.config}>
          {(a) => (
            <>
              {field(
                t('messages.channel'),
                <ChannelSelect
                  value={a().channel}
                  name="consent-channel"
                  onChange={(channel) => props.onChange({ ...a(), channel })}
                />,
              )}
              {field(
                t('journeys.consentStatus'),
                <select
                  value={a().status}
                  onChange={(e) =>
                    props.onChange({ ...a(), status: e.currentTarget.value as 'opted_in' | 'opted_out' })
                  }
                >
                  <option value="opted_in">{t('journeys.optedIn')}</option>
                  <option value="opted_out">{t('journeys.optedOut')}</option>
                </select>,
              )}
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}

function WebhookForm(props: { config: ConfigOf<'webhook'>; onChange: (c: ConfigOf<'webhook'>) => void }) {
  return (
    <>
      <FormField label={t('journeys.webhookUrl')}>
        <input
          type="url"
          name="webhook-url"
          value={props.config.url}
          onChange={(e) => props.onChange({ ...props.config, url: e.currentTarget.value.trim() })}
        />
      </FormField>
      <NumberField
        label={t('journeys.webhookTimeout')}
        name="webhook-timeout"
        min={1}
        max={30}
        fallback={10}
        value={props.config.timeoutSeconds}
        onChange={(timeoutSeconds) => props.onChange({ ...props.config, timeoutSeconds })}
      />
    </>
  );
}
