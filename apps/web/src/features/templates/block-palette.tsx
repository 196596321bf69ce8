import { For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import type { BlockType, Section } from './block-model.ts';
import { setPayload } from './drag-payload.ts';

const TYPES: BlockType[] = ['text', 'image', 'button', 'divider', 'spacer', 'social'];

/** Blocks to drag onto the canvas (or click to add after the selection), layouts, and the workspace's saved blocks. */
export function BlockPalette(props: {
  savedBlocks: { id: string; name: string; block: Section }[];
  onAdd: (type: BlockType) => void;
  onAddSection: (columns: number) => void;
  onAddSaved: (id: string) => void;
  onDeleteSaved: (id: string) => void;
}) {
  return (
    <div class="palette stack" data-testid="block-palette">
      <div>
        <h3>{t('templates.blocks')}</h3>
        <div class="palette-items">
          <For each={TYPES}>
            {(type) => (
              <button
                type="button"
                class="palette-item"
                draggable={true}
                data-testid={`palette-${type}`}
                onDragStart={(event) => setPayload(event, { kind: 'new', type })}
                onClick={() => props.onAdd(type)}
              >
                {t(`templates.block.${type}`)}
              </button>
            )}
          </For>
        </div>
      </div>
      <div>
        <h3>{t('templates.layouts')}</h3>
        <div class="palette-items">
          <For each={[1, 2, 3]}>
            {(columns) => (
              <button type="button" class="palette-item" onClick={() => props.onAddSection(columns)}>
                {t('templates.columns', { count: columns })}
              </button>
            )}
          </For>
        </div>
      </div>
      <Show when={props.savedBlocks.length > 0}>
        <div>
          <h3>{t('templates.savedBlocks')}</h3>
          <For each={props.savedBlocks}>
            {(saved) => (
              <div class="row palette-saved">
                <button
                  type="button"
                  class="palette-item grow"
                  draggable={true}
                  onDragStart={(event) => setPayload(event, { kind: 'saved', id: saved.id })}
                  onClick={() => props.onAddSaved(saved.id)}
                >
                  {saved.name}
                </button>
                <button
                  type="button"
                  class="link"
                  aria-label={t('templates.deleteSaved')}
                  onClick={() => props.onDeleteSaved(saved.id)}
                >
                  ✕
                </button>
              </div>
            )}
          </For>
        </div>
      </Show>
      <p class="hint">{t('templates.keyboardHint')}</p>
    </div>
  );
}
