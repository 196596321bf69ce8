import mjml2html from 'mjml';
import { plainTextFromHtml, stripUnsafeLinks, type ConcreteContent } from '@switchboard/messaging';
import { blocksToMjml } from '../blocks/blocks-to-mjml.ts';
import type { EmailDraft, TemplateDraft } from './template-draft.ts';

export interface CompiledTemplate {
  content: ConcreteContent;
  /** The MJML the HTML came from (blocks and MJML formats), kept with the version for "view source". */
  mjml: string | null;
  /** MJML's complaints (unknown tags, bad attributes): shown as warnings, the output is still usable. */
  compilerWarnings: string[];
}

function fromHeader(draft: EmailDraft): string | undefined {
  if (!draft.fromAddress) return undefined;
  if (!draft.fromName) return draft.fromAddress;
  return `"${draft.fromName.replace(/["\\]/g, '')}" <${draft.fromAddress}>`;
}

/** Inbox preview text for hand-written HTML: hidden, first in the body (MJML does this itself via mj-preview). */
function withPreheader(html: string, preheader: string): string {
  if (!preheader) return html;
  const escaped = preheader.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const hidden = `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escaped}</div>`;
  return /<body[^>]*>/i.test(html) ? html.replace(/<body[^>]*>/i, (tag) => tag + hidden) : hidden + html;
}

async function compileMjml(mjml: string) {
  const result = await mjml2html(mjml, { validationLevel: 'soft', keepComments: false });
  return {
    html: result.html,
    warnings: result.errors.map((e) => e.formattedMessage ?? e.message),
  };
}

/**
 * A draft as the send path will use it: MJML compiled to responsive HTML and the plain-text part converted, once per
 * published version — never per recipient. Liquid stays in place; it is rendered per recipient at send time.
 */
export async function compileTemplate(template: TemplateDraft, title?: string): Promise<CompiledTemplate> {
  if (template.channel === 'sms')
    return { content: { kind: 'sms', body: template.draft.body }, mjml: null, compilerWarnings: [] };
  if (template.channel === 'wechat')
    return {
      content: {
        kind: 'wechat',
        text: template.draft.text,
        ...(template.draft.link ? { link: template.draft.link } : {}),
      },
      mjml: null,
      compilerWarnings: [],
    };

  const { draft, format } = template;
  let html: string;
  let mjml: string | null = null;
  let compilerWarnings: string[] = [];
  if (format === 'blocks') {
    mjml = blocksToMjml(draft.document ?? { sections: [] }, {
      preheader: draft.preheader,
      ...(title ? { title } : {}),
    });
    ({ html, warnings: compilerWarnings } = await compileMjml(mjml));
  } else if (format === 'mjml') {
    mjml = draft.source ?? '';
    ({ html, warnings: compilerWarnings } = await compileMjml(mjml));
  } else html = withPreheader(draft.source ?? '', draft.preheader);
  // Whatever the format, a link that would run code (javascript:, data:…) is not published.
  html = stripUnsafeLinks(html);

  const from = fromHeader(draft);
  return {
    content: {
      kind: 'email',
      subject: draft.subject,
      html,
      text: plainTextFromHtml(html),
      ...(from ? { from } : {}),
      // A name alone is kept, and sent with the workspace's default address (the send path knows it).
      ...(!from && draft.fromName.trim() ? { fromName: draft.fromName.trim() } : {}),
      ...(draft.replyTo ? { replyTo: draft.replyTo } : {}),
    },
    mjml,
    compilerWarnings,
  };
}
