import { describe, expect, it } from 'vitest';
import {
  findBlock,
  insertBlock,
  moveBlock,
  moveSection,
  newBlock,
  newSection,
  nudgeBlock,
  removeBlock,
  updateBlock,
  withFreshIds,
  type BlockDocument,
} from './block-model.ts';
import { EditHistory } from '../../lib/edit-history.ts';

function doc(): BlockDocument {
  const one = newSection(1);
  const two = newSection(2);
  one.columns[0]!.blocks = [
    { id: 'a', type: 'text', html: '<p>a</p>' },
    { id: 'b', type: 'spacer', height: 10 },
    { id: 'c', type: 'divider' },
  ];
  two.columns[1]!.blocks = [{ id: 'd', type: 'text', html: '<p>d</p>' }];
  return { sections: [one, two] };
}
const ids = (d: BlockDocument, s: number, c = 0) => d.sections[s]!.columns[c]!.blocks.map((b) => b.id);

describe('block document editing', () => {
  it('moves a block down within its column using the drop position before the move', () => {
    expect(ids(moveBlock(doc(), 'a', { section: 0, column: 0, index: 3 }), 0)).toEqual(['b', 'c', 'a']);
    expect(ids(moveBlock(doc(), 'c', { section: 0, column: 0, index: 0 }), 0)).toEqual(['c', 'a', 'b']);
  });

  it('moves a block into another section and column', () => {
    const moved = moveBlock(doc(), 'b', { section: 1, column: 1, index: 0 });
    expect(ids(moved, 0)).toEqual(['a', 'c']);
    expect(ids(moved, 1, 1)).toEqual(['b', 'd']);
  });

  it('nudges with the keyboard, crossing into the neighbouring section at the ends', () => {
    expect(ids(nudgeBlock(doc(), 'b', -1), 0)).toEqual(['b', 'a', 'c']);
    expect(ids(nudgeBlock(doc(), 'b', 1), 0)).toEqual(['a', 'c', 'b']);
    const crossed = nudgeBlock(doc(), 'c', 1);
    expect(ids(crossed, 0)).toEqual(['a', 'b']);
    expect(ids(crossed, 1, 0)).toEqual(['c']);
    expect(nudgeBlock(doc(), 'a', -1).sections[0]!.columns[0]!.blocks[0]!.id).toBe('a');
  });

  it('inserts, updates and removes without touching the original', () => {
    const original = doc();
    const inserted = insertBlock(original, { section: 1, column: 0, index: 0 }, newBlock('button'));
    expect(inserted.sections[1]!.columns[0]!.blocks[0]!.type).toBe('button');
    expect(original.sections[1]!.columns[0]!.blocks).toHaveLength(0);
    const updated = updateBlock(original, 'a', { html: '<p>changed</p>' });
    expect(findBlock(updated, 'a')?.block).toMatchObject({ html: '<p>changed</p>' });
    expect(findBlock(original, 'a')?.block).toMatchObject({ html: '<p>a</p>' });
    expect(ids(removeBlock(original, 'b'), 0)).toEqual(['a', 'c']);
  });

  it('reorders sections and gives pasted saved blocks fresh ids', () => {
    const d = doc();
    expect(moveSection(d, 0, 1).sections.map((s) => s.id)).toEqual([d.sections[1]!.id, d.sections[0]!.id]);
    const copy = withFreshIds(d.sections[0]!);
    expect(copy.id).not.toBe(d.sections[0]!.id);
    expect(copy.columns[0]!.blocks.map((b) => b.id)).not.toContain('a');
  });
});

describe('edit history', () => {
  it('undoes and redoes, and a new edit clears the redo stack', () => {
    const history = new EditHistory(1);
    history.push(2);
    history.push(3);
    expect(history.undo()).toBe(2);
    expect(history.undo()).toBe(1);
    expect(history.canUndo).toBe(false);
    expect(history.redo()).toBe(2);
    history.push(5);
    expect(history.canRedo).toBe(false);
  });

  it('coalesces typing in one field into one undo step', () => {
    let now = 0;
    const history = new EditHistory('', 200, () => now);
    for (const text of ['H', 'He', 'Hel', 'Hello']) {
      now += 100;
      history.push(text, 'field:title');
    }
    now += 5000;
    history.push('Hello!', 'field:title');
    expect(history.undo()).toBe('Hello');
    expect(history.undo()).toBe('');
  });
});
