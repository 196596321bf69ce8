import { t } from '../../../i18n/i18n.ts';
import { FormField } from '../../../ui/form-field.tsx';
import { NumberField } from '../config-inputs.tsx';
import type { ConfigOf } from './step-config.ts';

export function WebhookForm(props: {
  config: ConfigOf<'webhook'>;
  onChange: (c: ConfigOf<'webhook'>) => void;
}) {
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
