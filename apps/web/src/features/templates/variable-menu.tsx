import { createResource, For } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

const BUILT_IN = [
  '{{ contact.first_name | default: "there" }}',
  '{{ contact.last_name }}',
  '{{ contact.email }}',
  '{{ workspace.name }}',
  '{{ workspace.postal_address }}',
  '{{ unsubscribe_url }}',
];

/** Inserts a Liquid variable: built-in fields and the workspace's custom attributes. */
export function VariableMenu(props: { onInsert: (variable: string) => void }) {
  const [attributes] = createResource(() => api.attributes.list.query().catch(() => []));
  return (
    <select
      class="variable-menu"
      aria-label={t('templates.insertVariable')}
      data-testid="insert-variable"
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (value) props.onInsert(value);
        event.currentTarget.value = '';
      }}
    >
      <option value="">{t('templates.insertVariable')}</option>
      <For each={BUILT_IN}>{(variable) => <option value={variable}>{variable}</option>}</For>
      <For each={attributes() ?? []}>
        {(attribute) => (
          <option value={`{{ contact.${attribute.key} }}`}>{`{{ contact.${attribute.key} }}`}</option>
        )}
      </For>
    </select>
  );
}
