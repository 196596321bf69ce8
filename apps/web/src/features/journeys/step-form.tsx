import { Match, Switch } from 'solid-js';
import type { JourneyNode } from '@switchboard/journeys';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { FormField } from '../../ui/form-field.tsx';
import type { ConfigOf, WorkspaceChoices } from './step-forms/step-config.ts';
import { TriggerForm } from './step-forms/trigger-form.tsx';
import { SendForm } from './step-forms/send-form.tsx';
import { WaitForEventForm, WaitForm } from './step-forms/wait-forms.tsx';
import { BranchForm } from './step-forms/branch-form.tsx';
import { SplitForm } from './step-forms/split-form.tsx';
import { UpdateForm } from './step-forms/update-form.tsx';
import { WebhookForm } from './step-forms/webhook-form.tsx';

export type { WorkspaceChoices };

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
