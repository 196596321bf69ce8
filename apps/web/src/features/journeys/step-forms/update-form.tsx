import { For, Match, Switch, type JSX } from 'solid-js';
import type { UpdateAction } from '@switchboard/journeys';
import { t } from '../../../i18n/i18n.ts';
import { FormField } from '../../../ui/form-field.tsx';
import { STAGES, stageLabel } from '../../contacts/stage-label.ts';
import { ChannelSelect, NumberField, parseValue } from '../config-inputs.tsx';

type LifecycleStage = Extract<UpdateAction, { kind: 'lifecycle' }>['stage'];

export function UpdateForm(props: { config: UpdateAction; onChange: (c: UpdateAction) => void }) {
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
