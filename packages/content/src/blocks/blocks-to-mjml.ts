import type { BlockDocument, ContentBlock, Section } from './block-document.ts';
import { safeRichText } from './rich-text.ts';

/** Attribute values: MJML is XML, so quotes and angle brackets must not escape their attribute. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join('');
}

const SOCIAL_NAMES: Record<string, string> = { x: 'x', web: 'web' };

function blockToMjml(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return `<mj-text${attrs({ align: block.align, 'font-size': block.fontSize ? `${block.fontSize}px` : undefined, color: block.color })}>${safeRichText(block.html)}</mj-text>`;
    case 'image':
      return `<mj-image${attrs({ src: block.src, alt: block.alt, href: block.href, width: block.width ? `${block.width}px` : undefined, align: block.align })} />`;
    case 'button':
      return `<mj-button${attrs({ href: block.href, 'background-color': block.backgroundColor, color: block.color, align: block.align })}>${text(block.text)}</mj-button>`;
    case 'divider':
      return `<mj-divider${attrs({ 'border-color': block.color, 'border-width': block.thickness ? `${block.thickness}px` : undefined })} />`;
    case 'spacer':
      return `<mj-spacer height="${block.height}px" />`;
    case 'social':
      return (
        `<mj-social${attrs({ align: block.align, mode: 'horizontal' })}>` +
        block.links
          .map(
            (link) =>
              `<mj-social-element${attrs({ name: SOCIAL_NAMES[link.network] ?? link.network, href: link.href })}>${text(link.network)}</mj-social-element>`,
          )
          .join('') +
        `</mj-social>`
      );
  }
}

function sectionToMjml(section: Section, document: BlockDocument): string {
  const width = `${(100 / section.columns.length).toFixed(2)}%`;
  const columns = section.columns
    .map((column) => `<mj-column width="${width}">${column.blocks.map(blockToMjml).join('')}</mj-column>`)
    .join('');
  return `<mj-section${attrs({ 'background-color': section.backgroundColor ?? document.contentBackgroundColor, padding: section.padding !== undefined ? `${section.padding}px 0` : undefined })}>${columns}</mj-section>`;
}

/**
 * The editor's document as MJML: the one source of truth the compiler turns into responsive HTML (once per published
 * version). Liquid tags in text pass through untouched; attribute values are escaped so no field can break out.
 */
export function blocksToMjml(document: BlockDocument, options: { preheader?: string; title?: string } = {}) {
  const head = [
    options.title ? `<mj-title>${text(options.title)}</mj-title>` : '',
    options.preheader ? `<mj-preview>${text(options.preheader)}</mj-preview>` : '',
    `<mj-attributes><mj-all${attrs({ 'font-family': document.fontFamily ?? 'Helvetica, Arial, sans-serif' })} /><mj-text${attrs({ color: document.textColor, 'line-height': '1.5' })} /></mj-attributes>`,
  ].join('');
  const body = document.sections.map((section) => sectionToMjml(section, document)).join('');
  return `<mjml><mj-head>${head}</mj-head><mj-body${attrs({ 'background-color': document.backgroundColor, width: document.width ? `${document.width}px` : undefined })}>${body}</mj-body></mjml>`;
}
