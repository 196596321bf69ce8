import { describe, expect, it } from 'vitest';
import { blockDocumentSchema } from './block-document.ts';
import { blocksToMjml } from './blocks-to-mjml.ts';
import { safeRichText } from './rich-text.ts';
import { compileTemplate } from '../render/compile-template.ts';
import { parseDraft } from '../render/template-draft.ts';

const doc = blockDocumentSchema.parse({
  backgroundColor: '#f3f4f6',
  sections: [
    {
      id: 's1',
      type: 'section',
      columns: [
        {
          id: 'c1',
          blocks: [
            { id: 'b1', type: 'text', html: '<p>Hello {{ contact.first_name | default: "there" }}</p>' },
            { id: 'b2', type: 'button', text: 'Shop <now>', href: 'https://shop.example/?a=1&b="2"' },
            { id: 'b3', type: 'image', src: 'https://cdn.example/x.png', alt: 'A "red" coat' },
          ],
        },
        {
          id: 'c2',
          blocks: [
            { id: 'b4', type: 'spacer', height: 20 },
            { id: 'b5', type: 'divider' },
          ],
        },
      ],
    },
  ],
});

describe('block document → MJML', () => {
  it('emits one mj-section per section and one column per column, widths split evenly', () => {
    const mjml = blocksToMjml(doc, { preheader: 'Twenty percent off' });
    expect(mjml.match(/<mj-section/g)).toHaveLength(1);
    expect(mjml.match(/<mj-column width="50.00%"/g)).toHaveLength(2);
    expect(mjml).toContain('<mj-preview>Twenty percent off</mj-preview>');
  });

  it('escapes attribute values and button text so no field can break out of its element', () => {
    const mjml = blocksToMjml(doc);
    expect(mjml).toContain('href="https://shop.example/?a=1&amp;b=&quot;2&quot;"');
    expect(mjml).toContain('>Shop &lt;now&gt;</mj-button>');
    expect(mjml).toContain('alt="A &quot;red&quot; coat"');
  });

  it('keeps Liquid in text for per-recipient rendering', () => {
    expect(blocksToMjml(doc)).toContain('{{ contact.first_name | default: "there" }}');
  });

  it('compiles to responsive HTML with a plain-text part, once, without touching the Liquid', async () => {
    const compiled = await compileTemplate({
      channel: 'email',
      format: 'blocks',
      draft: {
        subject: 'Hi',
        preheader: '',
        fromName: 'Acme',
        fromAddress: 'news@acme.example',
        replyTo: '',
        document: doc,
      },
    });
    expect(compiled.content.kind).toBe('email');
    if (compiled.content.kind !== 'email') return;
    expect(compiled.content.html).toContain('@media only screen');
    expect(compiled.content.html).toContain('{{ contact.first_name | default: "there" }}');
    expect(compiled.content.text).toContain('Hello {{ contact.first_name | default: "there" }}');
    expect(compiled.content.from).toBe('"Acme" <news@acme.example>');
    expect(compiled.mjml).toContain('<mjml>');
  });

  it('keeps a sender name given without an address, for the send path to pair with the default address', async () => {
    const compiled = await compileTemplate({
      channel: 'email',
      format: 'blocks',
      draft: {
        subject: 'Hi',
        preheader: '',
        fromName: ' Walk Team ',
        fromAddress: '',
        replyTo: '',
        document: doc,
      },
    });
    expect(compiled.content).toMatchObject({ fromName: 'Walk Team' });
    expect(compiled.content).not.toHaveProperty('from');
  });

  it('keeps a WeChat link card with the text, and refuses a card that is not a web link', async () => {
    const compiled = await compileTemplate(
      parseDraft('wechat', 'text', {
        text: '{{ contact.first_name }}，新品上架',
        link: { url: 'https://shop.example/new', title: '冬季新品', description: '点击查看' },
      }),
    );
    expect(compiled.content).toEqual({
      kind: 'wechat',
      text: '{{ contact.first_name }}，新品上架',
      link: { url: 'https://shop.example/new', title: '冬季新品', description: '点击查看' },
    });
    expect(() =>
      parseDraft('wechat', 'text', { text: 'x', link: { url: 'javascript:alert(1)', title: 't' } }),
    ).toThrow(/http\(s\)/);
  });

  it('rejects a document with a bad colour, naming the path', () => {
    const result = blockDocumentSchema.safeParse({
      sections: [{ id: 's', type: 'section', backgroundColor: 'red;x', columns: [{ id: 'c', blocks: [] }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sections', 0, 'backgroundColor']);
  });
});

describe('rich text', () => {
  it('keeps formatting and safe links, drops scripts, handlers and javascript: links', () => {
    const html = safeRichText(
      '<p onclick="x()">Hi <strong>there</strong> <a href="javascript:alert(1)">bad</a> <a href="https://ok.example" target="_blank">ok</a></p><script>alert(1)</script><img src=x onerror=alert(1)><!-- c -->',
    );
    expect(html).toBe('<p>Hi <strong>there</strong> <a>bad</a> <a href="https://ok.example">ok</a></p>');
  });

  it('allows Liquid links such as the unsubscribe URL', () => {
    expect(safeRichText('<a href="{{ unsubscribe_url }}">Unsubscribe</a>')).toBe(
      '<a href="{{ unsubscribe_url }}">Unsubscribe</a>',
    );
  });
});
