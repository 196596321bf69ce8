import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';

const TYPES = ['text', 'number', 'boolean', 'date', 'list'] as const;

/** Custom fields: what can be stored on a contact, with a type every write is checked against. */
export default function FieldsPage() {
  const [fields, { refetch }] = createResource(() => api.attributes.list.query());
  const [key, setKey] = createSignal('');
  const [label, setLabel] = createSignal('');
  const [type, setType] = createSignal<(typeof TYPES)[number]>('text');
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);

  async function create(e: SubmitEvent) {
    e.preventDefault();
    setProblem(null);
    try {
      await api.attributes.define.mutate({ key: key(), label: label(), type: type() });
      setKey('');
      setLabel('');
      await refetch();
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  return (
    <div class="stack">
      <p class="muted">{t('fields.intro')}</p>
      <form class="card inline-form" onSubmit={(e) => void create(e)}>
        <Show when={problem()}>{(p) => <Notice kind="error">{p().message}</Notice>}</Show>
        <div class="row">
          <FormField label={t('fields.key')} error={problem()?.fieldErrors.key}>
            <input name="field-key" required value={key()} onInput={(e) => setKey(e.currentTarget.value)} />
          </FormField>
          <FormField label={t('fields.label')}>
            <input name="field-label" value={label()} onInput={(e) => setLabel(e.currentTarget.value)} />
          </FormField>
          <FormField label={t('fields.type')}>
            <select
              name="field-type"
              value={type()}
              onChange={(e) => setType(e.currentTarget.value as 'text')}
            >
              <For each={TYPES}>{(ty) => <option value={ty}>{t(`fields.type.${ty}`)}</option>}</For>
            </select>
          </FormField>
          <button class="button" type="submit">
            {t('fields.add')}
          </button>
        </div>
      </form>
      <table class="table" data-testid="fields-table">
        <thead>
          <tr>
            <th>{t('fields.key')}</th>
            <th>{t('fields.label')}</th>
            <th>{t('fields.type')}</th>
            <th>{t('fields.since')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={fields()}>
            {(f) => (
              <tr>
                <td>
                  <code>{f.key}</code>
                </td>
                <td>
                  <input
                    aria-label={t('fields.labelFor', { key: f.key })}
                    value={f.label}
                    onChange={(e) =>
                      void api.attributes.relabel.mutate({ key: f.key, label: e.currentTarget.value })
                    }
                  />
                </td>
                <td>{t(`fields.type.${f.type as 'text'}`)}</td>
                <td>{formatDate(f.createdAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
