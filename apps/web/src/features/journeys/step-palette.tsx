import { For } from 'solid-js';
import type { JourneyNodeType } from '@switchboard/journeys';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { STEP_TYPES } from './graph-edit.ts';
import { stepTypeName } from './step-text.ts';

/**
 * The steps to add: drag one onto the canvas to place it, or click (Enter) to add it after the selected step,
 * connected to that step's first open path.
 */
export function StepPalette(props: { hasTrigger: boolean; onAdd: (type: JourneyNodeType) => void }) {
  const types = () => STEP_TYPES.filter((type) => type !== 'trigger' || !props.hasTrigger);
  return (
    <nav class="card journey-palette" aria-label={t('journeys.palette')} data-testid="step-palette">
      <h2>{t('journeys.palette')}</h2>
      <For each={types()}>
        {(type) => (
          <button
            type="button"
            class={`palette-item step-${type}`}
            draggable="true"
            data-step-type={type}
            title={t(`journeys.help.${type}` as MessageKey)}
            onDragStart={(e) => {
              e.dataTransfer?.setData('application/x-journey-step', type);
              if (e.dataTransfer) e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => props.onAdd(type)}
          >
            {stepTypeName(type)}
          </button>
        )}
      </For>
      <p class="hint">{t('journeys.paletteHint')}</p>
    </nav>
  );
}
