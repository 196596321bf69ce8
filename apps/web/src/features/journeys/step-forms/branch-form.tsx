import { For, Match, Switch } from 'solid-js';
import type { BranchCondition } from '@switchboard/journeys';
import { t } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/en.ts';
import { FormField } from '../../../ui/form-field.tsx';
import { ChannelSelect, NumberField, parseValue, SegmentSelect } from '../config-inputs.tsx';
import type { WorkspaceChoices } from './step-config.ts';
import { EventNameField } from './event-name-field.tsx';

const ATTRIBUTE_OPS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'] as const;

export function BranchForm(props: {
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
