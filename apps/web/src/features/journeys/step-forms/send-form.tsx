import { For, Show } from 'solid-js';
import { t } from '../../../i18n/i18n.ts';
import { FormField } from '../../../ui/form-field.tsx';
import { ChannelSelect } from '../config-inputs.tsx';
import { channelName } from '../step-text.ts';
import type { WorkspaceChoices, ConfigOf } from './step-config.ts';

export function SendForm(props: {
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
