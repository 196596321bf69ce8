import { createSignal, Show } from 'solid-js';
import { locale, t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';

/**
 * A campaign's or journey's fixed cost in the ROI table: editable for those who configure reports (saved when the
 * field is left), read-only for everyone else; rows that are not a campaign or journey have none.
 */
export function FixedCostField(props: {
  costKey: string;
  value: number | null;
  currency: string;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [problem, setProblem] = createSignal<string | null>(null);
  const source = () => props.costKey.split(':')[0];
  const id = () => props.costKey.split(':')[1] ?? '';
  const fixable = () => (source() === 'campaign' || source() === 'journey') && id() !== '';
  const save = async (text: string) => {
    setProblem(null);
    const amount = text.trim() === '' ? null : Number(text);
    if (amount === props.value) return;
    try {
      await api.analytics.setFixedCost.mutate({
        source: source() as 'campaign' | 'journey',
        id: id(),
        amount,
      });
      props.onSaved();
    } catch (error) {
      setProblem(problemText(toProblem(error)));
    }
  };
  return (
    <Show when={fixable()} fallback={'—'}>
      <Show
        when={props.canEdit}
        fallback={
          props.value === null
            ? '—'
            : new Intl.NumberFormat(locale(), { style: 'currency', currency: props.currency }).format(
                props.value,
              )
        }
      >
        <input
          type="number"
          min="0"
          step="0.01"
          class="fixed-cost"
          data-testid="fixed-cost"
          aria-label={t('reports.fixedCost')}
          placeholder="0"
          value={props.value ?? ''}
          onChange={(e) => void save(e.currentTarget.value)}
        />
        <Show when={problem()}>{(p) => <small class="error">{p()}</small>}</Show>
      </Show>
    </Show>
  );
}
