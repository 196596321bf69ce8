import { For } from 'solid-js';
import { t } from '../../../i18n/i18n.ts';
import { FormField } from '../../../ui/form-field.tsx';

const KNOWN_EVENTS = ['email_opened', 'email_clicked', 'replied', 'purchase', 'cart_abandoned', 'signed_up'];

export function EventNameField(props: { value: string; onChange: (event: string) => void; label?: string }) {
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
