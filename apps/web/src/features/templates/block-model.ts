import type { BlockDocument, ContentBlock, Section } from '@switchboard/content';

export type { BlockDocument, ContentBlock, Section };
export type BlockType = ContentBlock['type'];
/** Where a block sits: section, column, index within the column. */
export interface BlockPlace {
  section: number;
  column: number;
  index: number;
}

let counter = 0;
export const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Served by Switchboard (apps/web/public/email-assets), so it shows without the internet. */
const IMAGE_PLACEHOLDER = () =>
  `${typeof location === 'undefined' ? 'http://localhost:3000' : location.origin}/email-assets/image-placeholder.png`;

/** A fresh block of a type, with content a marketer recognises and then edits. */
export function newBlock(type: BlockType): ContentBlock {
  const id = newId('b');
  switch (type) {
    case 'text':
      return { id, type, html: '<p>New text</p>' };
    case 'image':
      return { id, type, src: IMAGE_PLACEHOLDER(), alt: '', width: 600 };
    case 'button':
      return {
        id,
        type,
        text: 'Click me',
        href: 'https://example.com',
        backgroundColor: '#4f46e5',
        color: '#ffffff',
      };
    case 'divider':
      return { id, type, color: '#e5e7eb', thickness: 1 };
    case 'spacer':
      return { id, type, height: 24 };
    case 'social':
      return {
        id,
        type,
        links: [
          { network: 'facebook', href: 'https://facebook.com/' },
          { network: 'x', href: 'https://x.com/' },
        ],
      };
  }
}

export function newSection(columns: number): Section {
  return {
    id: newId('s'),
    type: 'section',
    padding: 16,
    columns: Array.from({ length: columns }, () => ({ id: newId('c'), blocks: [] })),
  };
}

/** A copy with fresh ids: inserting a saved block twice must not give two blocks the same id. */
export function withFreshIds(section: Section): Section {
  return {
    ...structuredClone(section),
    id: newId('s'),
    columns: section.columns.map((column) => ({
      id: newId('c'),
      blocks: column.blocks.map((block) => ({ ...structuredClone(block), id: newId('b') })),
    })),
  };
}

const clone = (doc: BlockDocument): BlockDocument => structuredClone(doc);

export function findBlock(doc: BlockDocument, id: string): { block: ContentBlock; place: BlockPlace } | null {
  for (const [s, section] of doc.sections.entries())
    for (const [c, column] of section.columns.entries()) {
      const index = column.blocks.findIndex((b) => b.id === id);
      if (index >= 0) return { block: column.blocks[index]!, place: { section: s, column: c, index } };
    }
  return null;
}

export function insertBlock(doc: BlockDocument, place: BlockPlace, block: ContentBlock): BlockDocument {
  const next = clone(doc);
  const column = next.sections[place.section]?.columns[place.column];
  if (!column) return doc;
  column.blocks.splice(Math.min(place.index, column.blocks.length), 0, block);
  return next;
}

/** Moves a block to a place given in the document *before* the move (what a drop target knows). */
export function moveBlock(doc: BlockDocument, id: string, to: BlockPlace): BlockDocument {
  const found = findBlock(doc, id);
  if (!found) return doc;
  const { place } = found;
  const sameColumn = place.section === to.section && place.column === to.column;
  const index = sameColumn && to.index > place.index ? to.index - 1 : to.index;
  if (sameColumn && index === place.index) return doc;
  const next = clone(doc);
  const [block] = next.sections[place.section]!.columns[place.column]!.blocks.splice(place.index, 1);
  const target = next.sections[to.section]?.columns[to.column];
  if (!target || !block) return doc;
  target.blocks.splice(Math.min(index, target.blocks.length), 0, block);
  return next;
}

/** Keyboard moves: up/down within the column, crossing into the previous/next section's first column at the ends. */
export function nudgeBlock(doc: BlockDocument, id: string, direction: -1 | 1): BlockDocument {
  const found = findBlock(doc, id);
  if (!found) return doc;
  const { section, column, index } = found.place;
  const length = doc.sections[section]!.columns[column]!.blocks.length;
  if (direction === -1 && index > 0) return moveBlock(doc, id, { section, column, index: index - 1 });
  if (direction === 1 && index < length - 1) return moveBlock(doc, id, { section, column, index: index + 2 });
  const neighbour = section + direction;
  if (neighbour < 0 || neighbour >= doc.sections.length) return doc;
  const targetColumn = Math.min(column, doc.sections[neighbour]!.columns.length - 1);
  const targetLength = doc.sections[neighbour]!.columns[targetColumn]!.blocks.length;
  return moveBlock(doc, id, {
    section: neighbour,
    column: targetColumn,
    index: direction === -1 ? targetLength : 0,
  });
}

export function updateBlock(doc: BlockDocument, id: string, patch: Partial<ContentBlock>): BlockDocument {
  const found = findBlock(doc, id);
  if (!found) return doc;
  const next = clone(doc);
  const { section, column, index } = found.place;
  const blocks = next.sections[section]!.columns[column]!.blocks;
  blocks[index] = { ...blocks[index]!, ...patch } as ContentBlock;
  return next;
}

export function removeBlock(doc: BlockDocument, id: string): BlockDocument {
  const found = findBlock(doc, id);
  if (!found) return doc;
  const next = clone(doc);
  next.sections[found.place.section]!.columns[found.place.column]!.blocks.splice(found.place.index, 1);
  return next;
}

export function insertSection(doc: BlockDocument, at: number, section: Section): BlockDocument {
  const next = clone(doc);
  next.sections.splice(Math.max(0, Math.min(at, next.sections.length)), 0, section);
  return next;
}

export function moveSection(doc: BlockDocument, from: number, to: number): BlockDocument {
  if (to < 0 || to >= doc.sections.length || from === to) return doc;
  const next = clone(doc);
  const [section] = next.sections.splice(from, 1);
  next.sections.splice(to, 0, section!);
  return next;
}

export function removeSection(doc: BlockDocument, index: number): BlockDocument {
  const next = clone(doc);
  next.sections.splice(index, 1);
  return next;
}

export function updateSection(doc: BlockDocument, index: number, patch: Partial<Section>): BlockDocument {
  const next = clone(doc);
  const section = next.sections[index];
  if (!section) return doc;
  next.sections[index] = { ...section, ...patch };
  return next;
}
