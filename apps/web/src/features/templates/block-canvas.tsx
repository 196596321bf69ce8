import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { sanitizeRichText } from './sanitize-rich-text.ts';
import { t } from '../../i18n/i18n.ts';
import type { BlockDocument, BlockPlace, ContentBlock } from './block-model.ts';
import { dropSide, readPayload, setPayload, type DragPayload } from './drag-payload.ts';

export type Selection = { kind: 'block'; id: string } | { kind: 'section'; index: number } | null;

interface CanvasProps {
  doc: BlockDocument;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  onDrop: (payload: DragPayload, place: BlockPlace) => void;
  onNudge: (id: string, direction: -1 | 1) => void;
  onRemove: (id: string) => void;
  onMoveSection: (index: number, direction: -1 | 1) => void;
  onRemoveSection: (index: number) => void;
}

/** How a block looks on the canvas: close to the email, cheap to draw, never running the marketer's markup. */
function BlockLook(props: { block: ContentBlock }) {
  return (
    <Switch>
      <Match when={props.block.type === 'text' && props.block}>
        {(b) => (
          <div
            class="canvas-text"
            style={{
              'text-align': b().align ?? 'left',
              color: b().color,
              'font-size': b().fontSize ? `${b().fontSize}px` : undefined,
            }}
            innerHTML={sanitizeRichText(b().html)}
          />
        )}
      </Match>
      <Match when={props.block.type === 'image' && props.block}>
        {(b) => (
          <div style={{ 'text-align': b().align ?? 'center' }}>
            <img
              src={b().src}
              alt={b().alt}
              style={{ 'max-width': '100%', width: b().width ? `${b().width}px` : undefined }}
            />
          </div>
        )}
      </Match>
      <Match when={props.block.type === 'button' && props.block}>
        {(b) => (
          <div style={{ 'text-align': b().align ?? 'center' }}>
            <span
              class="canvas-button"
              style={{ background: b().backgroundColor ?? '#414141', color: b().color ?? '#fff' }}
            >
              {b().text}
            </span>
          </div>
        )}
      </Match>
      <Match when={props.block.type === 'divider' && props.block}>
        {(b) => (
          <hr style={{ border: 0, 'border-top': `${b().thickness ?? 1}px solid ${b().color ?? '#000'}` }} />
        )}
      </Match>
      <Match when={props.block.type === 'spacer' && props.block}>
        {(b) => <div class="canvas-spacer" style={{ height: `${b().height}px` }} />}
      </Match>
      <Match when={props.block.type === 'social' && props.block}>
        {(b) => (
          <div class="canvas-social" style={{ 'text-align': b().align ?? 'center' }}>
            <For each={b().links}>{(link) => <span class="badge">{link.network}</span>}</For>
          </div>
        )}
      </Match>
    </Switch>
  );
}

function DropZone(props: { place: BlockPlace; onDrop: CanvasProps['onDrop']; empty?: boolean }) {
  const [over, setOver] = createSignal(false);
  return (
    <div
      classList={{ 'drop-zone': true, over: over(), empty: !!props.empty }}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const payload = readPayload(event);
        if (payload) props.onDrop(payload, props.place);
      }}
    >
      <Show when={props.empty}>{t('templates.dropHere')}</Show>
    </div>
  );
}

/**
 * The email as editable sections, columns and blocks. Blocks drag between drop zones; with the keyboard, a focused
 * block moves with Alt+↑/↓ and is deleted with Delete.
 */
export function BlockCanvas(props: CanvasProps) {
  // The block the pointer drags over and which half: draws the insertion line where the drop will land.
  const [dropHint, setDropHint] = createSignal<{ id: string; side: 'before' | 'after' } | null>(null);
  const selectedBlock = () => (props.selection?.kind === 'block' ? props.selection.id : null);
  const selectedSection = () => (props.selection?.kind === 'section' ? props.selection.index : null);
  return (
    <div
      class="canvas"
      data-testid="template-canvas"
      style={{ background: props.doc.backgroundColor ?? '#f3f4f6' }}
    >
      <div
        class="canvas-body"
        style={{ 'max-width': `${props.doc.width ?? 600}px`, 'font-family': props.doc.fontFamily }}
      >
        <For each={props.doc.sections}>
          {(section, s) => (
            <div
              classList={{ 'canvas-section': true, selected: selectedSection() === s() }}
              style={{
                background: section.backgroundColor ?? props.doc.contentBackgroundColor ?? '#fff',
                padding: `${section.padding ?? 16}px 0`,
              }}
            >
              <div class="section-tools">
                <button
                  type="button"
                  class="link"
                  onClick={() => props.onSelect({ kind: 'section', index: s() })}
                >
                  {t('templates.section')}
                </button>
                <button
                  type="button"
                  class="link"
                  aria-label={t('templates.moveUp')}
                  onClick={() => props.onMoveSection(s(), -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="link"
                  aria-label={t('templates.moveDown')}
                  onClick={() => props.onMoveSection(s(), 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  class="link"
                  aria-label={t('templates.removeSection')}
                  onClick={() => props.onRemoveSection(s())}
                >
                  ✕
                </button>
              </div>
              <div class="canvas-columns">
                <For each={section.columns}>
                  {(column, c) => (
                    <div class="canvas-column">
                      <For each={column.blocks}>
                        {(block, i) => (
                          <>
                            <DropZone
                              place={{ section: s(), column: c(), index: i() }}
                              onDrop={props.onDrop}
                            />
                            <div
                              classList={{
                                'canvas-block': true,
                                selected: selectedBlock() === block.id,
                                'drop-before': dropHint()?.id === block.id && dropHint()?.side === 'before',
                                'drop-after': dropHint()?.id === block.id && dropHint()?.side === 'after',
                              }}
                              data-testid={`block-${block.type}`}
                              tabIndex={0}
                              role="button"
                              aria-label={t('templates.blockLabel', {
                                type: t(`templates.block.${block.type}`),
                              })}
                              draggable={true}
                              onDragStart={(event) => setPayload(event, { kind: 'move', id: block.id })}
                              onDragOver={(event) => {
                                event.preventDefault();
                                const side = dropSide(
                                  event.clientY,
                                  event.currentTarget.getBoundingClientRect(),
                                );
                                const hint = dropHint();
                                if (hint?.id !== block.id || hint.side !== side)
                                  setDropHint({ id: block.id, side });
                              }}
                              onDragLeave={(event) => {
                                if (!event.currentTarget.contains(event.relatedTarget as Node | null))
                                  setDropHint(null);
                              }}
                              onDrop={(event) => {
                                event.preventDefault();
                                const side = dropSide(
                                  event.clientY,
                                  event.currentTarget.getBoundingClientRect(),
                                );
                                setDropHint(null);
                                const payload = readPayload(event);
                                if (!payload || (payload.kind === 'move' && payload.id === block.id)) return;
                                props.onDrop(payload, {
                                  section: s(),
                                  column: c(),
                                  index: side === 'before' ? i() : i() + 1,
                                });
                              }}
                              onDragEnd={() => setDropHint(null)}
                              onClick={() => props.onSelect({ kind: 'block', id: block.id })}
                              onFocus={() => props.onSelect({ kind: 'block', id: block.id })}
                              onKeyDown={(event) => {
                                if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
                                  event.preventDefault();
                                  props.onNudge(block.id, event.key === 'ArrowUp' ? -1 : 1);
                                  // The block re-renders in its new place; keep the keyboard on it.
                                  queueMicrotask(() =>
                                    document
                                      .querySelector<HTMLElement>(`[data-block-id="${block.id}"]`)
                                      ?.focus(),
                                  );
                                } else if (event.key === 'Delete') {
                                  event.preventDefault();
                                  props.onRemove(block.id);
                                }
                              }}
                              data-block-id={block.id}
                            >
                              <BlockLook block={block} />
                            </div>
                          </>
                        )}
                      </For>
                      <DropZone
                        place={{ section: s(), column: c(), index: column.blocks.length }}
                        onDrop={props.onDrop}
                        empty={column.blocks.length === 0}
                      />
                    </div>
                  )}
                </For>
              </div>
            </div>
          )}
        </For>
      </div>
    </div>
  );
}
