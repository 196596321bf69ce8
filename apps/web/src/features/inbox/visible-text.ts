/** Direction overrides and isolates (and zero-width joiners' dangerous cousins) that can disguise text. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * A stranger's text as agents should read it: bidirectional controls are shown as their code ("[U+202E]")
 * instead of silently reordering what follows, so "invoice\u202Egnp.exe" cannot pass for "invoiceexe.png".
 */
export function visibleText(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}
