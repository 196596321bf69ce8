import { segmentSms } from '@switchboard/messaging';
import { spamPhrasesIn } from './spam-words.ts';

export type CheckLevel = 'block' | 'warn';
export interface CheckFinding {
  level: CheckLevel;
  code: string;
  message: string;
}

export interface EmailToCheck {
  channel: 'email';
  purpose: 'marketing' | 'transactional';
  subject: string;
  /** The compiled HTML template, Liquid still in it. */
  html: string;
  text: string;
  from: string | null;
  workspacePostalAddress: string | null;
  /** The template rendered for the preview contact, or the error Liquid gave. */
  preview: { html: string; subject: string } | { error: string };
  compilerWarnings?: string[];
}
export interface SmsToCheck {
  channel: 'sms';
  body: string;
  preview: { body: string } | { error: string };
}
export interface WechatToCheck {
  channel: 'wechat';
  text: string;
  hasLink?: boolean;
  preview: { text: string } | { error: string };
}

/** Gmail clips messages whose HTML passes ~102 KB, hiding the footer (and its unsubscribe link). */
export const GMAIL_CLIP_BYTES = 102 * 1024;
export const MAX_LINKS = 25;
const DECEPTIVE_SUBJECT = /^\s*(re|fw|fwd|aw|wg|sv|vs|回复|答复|转发)\s*[:：]/i;
const UNSUBSCRIBE_VARIABLE = /\{\{\s*(unsubscribe_url|preferences_url)\s*\}\}/;
const POSTAL_VARIABLE = /\{\{\s*workspace\.postal_address\s*[|}]/;

function visibleText(html: string): string {
  return html
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function linksIn(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*?\bhref\s*=\s*("([^"]*)"|'([^']*)')/gi)].map((m) =>
    (m[2] ?? m[3] ?? '').trim(),
  );
}

function isBrokenLink(href: string): boolean {
  if (href === '' || href === '#') return true;
  if (/^(mailto:|tel:|sms:)/i.test(href)) return false;
  // Liquid fills these per recipient; the rendered preview is checked separately.
  if (href.includes('{{')) return false;
  try {
    const url = new URL(href);
    return !['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.');
  } catch {
    return true;
  }
}

function imagesIn(html: string) {
  return [...html.matchAll(/<img\b[^>]*>/gi)].map((m) => ({
    tag: m[0],
    hasAlt: /\balt\s*=\s*("[^"]+"|'[^']+')/i.test(m[0]),
  }));
}

/**
 * What stops a publish (law and honesty: an unsubscribe link, the postal address, no fake "Re:", a template that
 * renders) and what only warns (deliverability: image-heavy, spammy words, Gmail clipping, alt text, links).
 */
export function checkTemplate(input: EmailToCheck | SmsToCheck | WechatToCheck): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const block = (code: string, message: string) => findings.push({ level: 'block', code, message });
  const warn = (code: string, message: string) => findings.push({ level: 'warn', code, message });

  if ('error' in input.preview)
    block('liquid_error', `The template does not render for the preview contact: ${input.preview.error}`);

  if (input.channel === 'sms') {
    const body = 'body' in input.preview ? input.preview.body : input.body;
    if (!input.body.trim()) block('empty', 'The message is empty');
    const { segments, encoding } = segmentSms(body);
    if (segments > 3)
      warn('sms_long', `The message takes ${segments} ${encoding} segments; each is billed separately`);
    return findings;
  }
  if (input.channel === 'wechat') {
    if (!input.text.trim() && !input.hasLink)
      block('empty', 'The message is empty: write text or add a link card');
    return findings;
  }

  if (!input.subject.trim()) block('subject_missing', 'Write a subject line');
  if (DECEPTIVE_SUBJECT.test(input.subject))
    block('deceptive_subject', 'A subject starting with "Re:" or "Fwd:" pretends to be a reply: remove it');
  if (input.purpose === 'marketing') {
    if (!UNSUBSCRIBE_VARIABLE.test(input.html) && !UNSUBSCRIBE_VARIABLE.test(input.text))
      block(
        'unsubscribe_missing',
        'Marketing email needs an unsubscribe link: add a link to {{ unsubscribe_url }} (the footer block has one)',
      );
    const address = input.workspacePostalAddress?.trim();
    if (!address)
      block(
        'postal_address_missing',
        'Marketing email must show your postal address: set it in Settings → Workspace, then add {{ workspace.postal_address }}',
      );
    else if (!POSTAL_VARIABLE.test(input.html) && !input.html.includes(address))
      block(
        'postal_address_missing',
        'Add your postal address to the email: insert {{ workspace.postal_address }}',
      );
  }

  const rendered = 'html' in input.preview ? input.preview.html : input.html;
  const subject = 'subject' in input.preview ? input.preview.subject : input.subject;
  const words = visibleText(rendered);
  const images = imagesIn(rendered);
  // A footer alone (address, unsubscribe) is about this much text: an email with no more is its images.
  if (images.length > 0 && words.length < 100)
    warn('image_only', 'The email is images only: many inboxes hide images, so it would look empty');
  else if (images.length > 0 && words.length / images.length < 200)
    warn('image_heavy', 'Little text for the number of images: spam filters distrust image-heavy mail');
  const missingAlt = images.filter((image) => !image.hasAlt).length;
  if (missingAlt > 0)
    warn('alt_missing', `${missingAlt} image${missingAlt > 1 ? 's have' : ' has'} no alt text`);
  const spam = spamPhrasesIn(`${subject} ${words}`);
  if (spam.length > 0)
    warn('spam_words', `Spam-filter trigger words: ${spam.map((w) => `"${w}"`).join(', ')}`);
  const size = Buffer.byteLength(rendered, 'utf8');
  if (size > GMAIL_CLIP_BYTES)
    warn(
      'gmail_clipping',
      `The HTML is ${Math.round(size / 1024)} KB; Gmail clips messages over 102 KB, hiding the footer`,
    );
  const links = linksIn(rendered);
  const broken = [...new Set(links.filter(isBrokenLink))];
  if (broken.length > 0)
    warn(
      'broken_links',
      `Links that go nowhere: ${broken
        .slice(0, 5)
        .map((l) => `"${l || '(empty)'}"`)
        .join(', ')}`,
    );
  if (links.length > MAX_LINKS)
    warn('too_many_links', `${links.length} links; more than ${MAX_LINKS} looks like spam to filters`);
  for (const warning of input.compilerWarnings ?? []) warn('mjml', warning);
  return findings;
}

export const blocksPublishing = (findings: CheckFinding[]) => findings.some((f) => f.level === 'block');
