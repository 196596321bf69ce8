import { createResource, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import {
  findBlock,
  insertBlock,
  insertSection,
  moveBlock,
  moveSection,
  newBlock,
  newSection,
  nudgeBlock,
  removeBlock,
  removeSection,
  updateBlock,
  updateSection,
  withFreshIds,
  type BlockDocument,
  type BlockPlace,
  type BlockType,
  type ContentBlock,
  type Section,
} from './block-model.ts';
import { BlockCanvas, type Selection } from './block-canvas.tsx';
import { BlockPalette } from './block-palette.tsx';
import { BlockProperties, SectionProperties } from './block-properties.tsx';
import type { DragPayload } from './drag-payload.ts';
import { EditHistory } from '../../lib/edit-history.ts';

/**
 * The drag-and-drop editor: palette, canvas and the selected block's properties, with undo/redo (buttons and
 * Ctrl/⌘+Z, Shift+Ctrl/⌘+Z). Every edit produces a new document; the page saves it as the draft.
 */
export function EmailBlockEditor(props: {
  initial: BlockDocument;
  onChange: (doc: BlockDocument) => void;
  onProblem: (message: string) => void;
}) {
  const history = new EditHistory<BlockDocument>(props.initial);
  const [doc, setDoc] = createSignal(props.initial);
  const [selection, setSelection] = createSignal<Selection>(null);
  const [canUndo, setCanUndo] = createSignal(false);
  const [canRedo, setCanRedo] = createSignal(false);
  const [saved, { refetch }] = createResource(() => api.templates.savedBlocks.query());

  const sync = (next: BlockDocument) => {
    setDoc(next);
    setCanUndo(history.canUndo);
    setCanRedo(history.canRedo);
    props.onChange(next);
  };
  const edit = (next: BlockDocument, coalesce?: string) => sync(history.push(next, coalesce));
  const undo = () => sync(history.undo());
  const redo = () => sync(history.redo());

  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // Inside a text field the browser's own undo applies.
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    onCleanup(() => window.removeEventListener('keydown', onKey));
  });

  /** Where a clicked palette item goes: after the selected block, else at the end of the last section. */
  const insertionPlace = (): BlockPlace | null => {
    const current = selection();
    if (current?.kind === 'block') {
      const found = findBlock(doc(), current.id);
      if (found) return { ...found.place, index: found.place.index + 1 };
    }
    const last = doc().sections.length - 1;
    if (last < 0) return null;
    return { section: last, column: 0, index: doc().sections[last]!.columns[0]!.blocks.length };
  };
  const add = (block: ContentBlock, place: BlockPlace | null) => {
    if (!place) {
      const section = newSection(1);
      section.columns[0]!.blocks.push(block);
      edit(insertSection(doc(), doc().sections.length, section));
    } else edit(insertBlock(doc(), place, block));
    setSelection({ kind: 'block', id: block.id });
  };
  const savedSection = (id: string): Section | undefined => saved()?.find((s) => s.id === id)?.block;
  const drop = (payload: DragPayload, place: BlockPlace) => {
    if (payload.kind === 'new') add(newBlock(payload.type), place);
    else if (payload.kind === 'move') edit(moveBlock(doc(), payload.id, place));
    else {
      const section = savedSection(payload.id);
      if (section) edit(insertSection(doc(), place.section + 1, withFreshIds(section)));
    }
  };

  const selectedBlock = () => {
    const current = selection();
    return current?.kind === 'block' ? findBlock(doc(), current.id)?.block : undefined;
  };
  const selectedSection = () => {
    const current = selection();
    return current?.kind === 'section' ? doc().sections[current.index] : undefined;
  };

  return (
    <div class="block-editor">
      <div class="row editor-toolbar">
        <button
          type="button"
          class="button secondary small"
          disabled={!canUndo()}
          onClick={undo}
          data-testid="undo"
        >
          {t('templates.undo')}
        </button>
        <button
          type="button"
          class="button secondary small"
          disabled={!canRedo()}
          onClick={redo}
          data-testid="redo"
        >
          {t('templates.redo')}
        </button>
      </div>
      <div class="editor-columns">
        <BlockPalette
          savedBlocks={saved() ?? []}
          onAdd={(type: BlockType) => add(newBlock(type), insertionPlace())}
          onAddSection={(columns) => edit(insertSection(doc(), doc().sections.length, newSection(columns)))}
          onAddSaved={(id) => {
            const section = savedSection(id);
            if (section) edit(insertSection(doc(), doc().sections.length, withFreshIds(section)));
          }}
          onDeleteSaved={(id) =>
            void api.templates.deleteSavedBlock
              .mutate({ id })
              .then(() => refetch())
              .catch((e: Error) => props.onProblem(e.message))
          }
        />
        <BlockCanvas
          doc={doc()}
          selection={selection()}
          onSelect={setSelection}
          onDrop={drop}
          onNudge={(id, direction) => edit(nudgeBlock(doc(), id, direction))}
          onRemove={(id) => {
            edit(removeBlock(doc(), id));
            setSelection(null);
          }}
          onMoveSection={(index, direction) => edit(moveSection(doc(), index, index + direction))}
          onRemoveSection={(index) => {
            edit(removeSection(doc(), index));
            setSelection(null);
          }}
        />
        <aside class="properties-panel">
          <Show when={selectedBlock()}>
            {(block) => (
              <BlockProperties
                block={block()}
                onPatch={(patch, coalesce) => edit(updateBlock(doc(), block().id, patch), coalesce)}
                onRemove={() => {
                  edit(removeBlock(doc(), block().id));
                  setSelection(null);
                }}
              />
            )}
          </Show>
          <Show when={selectedSection()}>
            {(section) => (
              <SectionProperties
                section={section()}
                onPatch={(patch, coalesce) => {
                  const current = selection();
                  if (current?.kind === 'section') edit(updateSection(doc(), current.index, patch), coalesce);
                }}
                onSaveAsBlock={(name) =>
                  void api.templates.saveBlock
                    .mutate({ name, block: section() })
                    .then(() => refetch())
                    .catch((e: Error) => props.onProblem(e.message))
                }
              />
            )}
          </Show>
          <Show when={!selectedBlock() && !selectedSection()}>
            <p class="muted">{t('templates.selectHint')}</p>
          </Show>
        </aside>
      </div>
    </div>
  );
}
