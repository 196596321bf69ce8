import { For } from 'solid-js';
import { t } from '../../../i18n/i18n.ts';
import { evenSplit } from '../graph-edit.ts';

export function SplitForm(props: { percentages: number[]; onChange: (p: number[]) => void }) {
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
