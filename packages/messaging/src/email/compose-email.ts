import { createHash } from 'node:crypto';
import type { DkimKey, EmailMessage } from '@switchboard/channels';
import { addTracking, unsubscribeUrl } from './tracked-html.ts';
import { listUnsubscribeHeaders } from './list-unsubscribe.ts';
import { returnAddress, signedMessageReference } from './bounce-address.ts';
import { plainTextFromHtml } from './plain-text.ts';
import { footerText } from './footer-text.ts';

/**
 * Plain text for HTML we have converted before: a campaign sends the same body to everyone, differing only in the
 * footer's link, so the converted text is reused whenever the HTML is identical.
 */
export function textOf(html: string, cache: Map<string, string> | undefined): string {
  const cached = cache?.get(html);
  if (cached !== undefined) return cached;
  const text = plainTextFromHtml(html);
  if (cache) {
    if (cache.size >= 200) cache.delete(cache.keys().next().value!);
    cache.set(html, text);
  }
  return text;
}

export interface EmailSettings {
  /** Public base URL of the server: tracking and unsubscribe links point here. */
  baseUrl: string;
  trackingSecret: string;
  defaultFrom: string;
  /** Domain whose mail the inbound listener receives (bounces, replies, mailto unsubscribes); null = none. */
  inboundDomain: string | null;
  /** Reuses plain-text conversions between messages of one process (see textOf). */
  textCache?: Map<string, string>;
}

export interface EmailToCompose {
  messageId: string;
  purpose: 'marketing' | 'transactional';
  sourceKind: string;
  workspace: { id: string; name: string; postalAddress: string | null };
  to: string;
  locale: string | null;
  content: {
    subject: string;
    html: string;
    text?: string;
    from?: string;
    replyTo?: string;
    thread?: { inReplyTo: string; references: string[] };
  };
  dkim?: DkimKey | undefined;
}

export interface ComposedEmail {
  email: EmailMessage;
  bodyHash: string;
  links: string[];
}

/** The address part of "Name <user@example.com>", or the string itself. */
export function mailboxAddress(from: string): string {
  const bracketed = /<([^>]+)>\s*$/.exec(from);
  return (bracketed?.[1] ?? from).trim();
}
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export const LINK_PLACEHOLDER = 'https://unsubscribe.invalid/switchboard-link';
const UNSUBSCRIBE_PLACEHOLDER = /\{\{\s*(unsubscribe_url|preferences_url)\s*\}\}/g;

/** The footer marketing mail must carry (CAN-SPAM, GDPR, PIPL): a working unsubscribe link and the postal address. */
function withComplianceFooter(html: string, link: string, email: EmailToCompose): string {
  const withLinks = html.replace(UNSUBSCRIBE_PLACEHOLDER, link);
  const hasLink = withLinks.includes(link);
  const hasAddress = !email.workspace.postalAddress || withLinks.includes(email.workspace.postalAddress);
  if (hasLink && hasAddress) return withLinks;
  const words = footerText(email.locale);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const footer =
    `<div style="margin-top:32px;font:12px/1.5 sans-serif;color:#6b7280;text-align:center">` +
    (hasLink
      ? ''
      : `<p>${escape(words.why(email.workspace.name))} <a href="${link}">${escape(words.unsubscribe)}</a></p>`) +
    (hasAddress ? '' : `<p>${escape(email.workspace.postalAddress ?? '')}</p>`) +
    `</div>`;
  return /<\/body\s*>/i.test(withLinks)
    ? withLinks.replace(/<\/body\s*>/i, `${footer}</body>`)
    : withLinks + footer;
}

/** The text part owes the same as the HTML: the unsubscribe link and the postal address, unless it has them. */
function withPlainFooter(text: string, marketing: boolean, email: EmailToCompose): string {
  if (!marketing) return text;
  const words = footerText(email.locale);
  const missing = [
    ...(text.includes(LINK_PLACEHOLDER)
      ? []
      : [`${words.why(email.workspace.name)} ${words.unsubscribe}: ${LINK_PLACEHOLDER}`]),
    ...(email.workspace.postalAddress && !text.includes(email.workspace.postalAddress)
      ? [email.workspace.postalAddress]
      : []),
  ];
  return missing.length ? `${text}\n\n${missing.join('\n')}` : text;
}

/**
 * Everything an email needs on its way out: compliance footer, tracked links and pixel (marketing), the plain-text
 * part, List-Unsubscribe headers for one-click, a Message-ID on the sending domain and a per-message bounce address.
 */
export function composeEmail(email: EmailToCompose, settings: EmailSettings): ComposedEmail {
  const from = email.content.from ?? settings.defaultFrom;
  const fromDomain = domainOf(mailboxAddress(from));
  const inbound = settings.inboundDomain ?? fromDomain;
  const urls = { baseUrl: settings.baseUrl, secret: settings.trackingSecret, messageId: email.messageId };
  const marketing = email.purpose === 'marketing';
  const unsubscribe = unsubscribeUrl(urls);

  // Built around a placeholder link so the plain-text conversion is the same for every recipient (and cached).
  const template = marketing
    ? withComplianceFooter(email.content.html, LINK_PLACEHOLDER, email)
    : email.content.html;
  const html = template.replaceAll(LINK_PLACEHOLDER, unsubscribe);
  const text = withPlainFooter(
    email.content.text ?? textOf(template, settings.textCache),
    marketing,
    email,
  ).replaceAll(LINK_PLACEHOLDER, unsubscribe);
  const tracked = marketing ? addTracking(html, urls) : { html, links: [] };
  const headers: Record<string, string> = {
    // Signed, so a report that returns our headers proves which message it is about (see readSignedMessageReference).
    'X-Switchboard-Message': signedMessageReference(settings.trackingSecret, email.messageId),
    // Gmail's feedback loop aggregates complaints by these fields (campaign, source kind, workspace).
    'Feedback-ID': `${email.messageId.slice(0, 8)}:${email.sourceKind}:${email.workspace.id.slice(0, 8)}:switchboard`,
    // Mail clients thread our answer under the contact's message.
    ...(email.content.thread
      ? {
          'In-Reply-To': email.content.thread.inReplyTo,
          References: email.content.thread.references.join(' '),
        }
      : {}),
    ...(marketing
      ? listUnsubscribeHeaders({
          oneClickUrl: unsubscribe,
          mailto: returnAddress(settings.trackingSecret, 'unsubscribe', email.messageId, inbound),
        })
      : {}),
  };
  const replyTo =
    email.content.replyTo ??
    (settings.inboundDomain
      ? returnAddress(settings.trackingSecret, 'reply', email.messageId, settings.inboundDomain)
      : undefined);
  return {
    email: {
      to: email.to,
      from,
      subject: email.content.subject,
      html: tracked.html,
      text,
      headers,
      messageId: `${email.messageId}@${fromDomain}`,
      envelopeFrom: returnAddress(settings.trackingSecret, 'bounce', email.messageId, inbound),
      ...(replyTo ? { replyTo } : {}),
      ...(email.dkim ? { dkim: email.dkim } : {}),
    },
    bodyHash: createHash('sha256').update(tracked.html).update('\0').update(text).digest('hex'),
    links: tracked.links,
  };
}
