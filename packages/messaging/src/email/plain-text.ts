import { compile } from 'html-to-text';

// Compiled once: html-to-text's convert() rebuilds its selector tables on every call, which dominated a send's CPU.
const toText = compile({
  wordwrap: 78,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
});

/** The text/plain alternative every email gets: readable, with link targets spelled out, images dropped. */
export function plainTextFromHtml(html: string): string {
  return toText(html).trim();
}
