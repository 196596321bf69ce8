import type { BlockType } from './block-model.ts';

/** What is being dragged onto the canvas: a new block from the palette, a block already there, or a saved section. */
export type DragPayload =
  { kind: 'new'; type: BlockType } | { kind: 'move'; id: string } | { kind: 'saved'; id: string };

const MIME = 'application/x-switchboard-block';

export function setPayload(event: DragEvent, payload: DragPayload) {
  event.dataTransfer?.setData(MIME, JSON.stringify(payload));
  event.dataTransfer?.setData('text/plain', payload.kind);
  if (event.dataTransfer) event.dataTransfer.effectAllowed = payload.kind === 'move' ? 'move' : 'copy';
}

export function readPayload(event: DragEvent): DragPayload | null {
  const raw = event.dataTransfer?.getData(MIME);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DragPayload;
  } catch {
    return null;
  }
}

/**
 * Where a drop over a block lands: before it when the pointer is in its upper half, after it in the lower half — the
 * whole block is a target, not only the gaps between blocks.
 */
export function dropSide(pointerY: number, box: { top: number; height: number }): 'before' | 'after' {
  return pointerY < box.top + box.height / 2 ? 'before' : 'after';
}
