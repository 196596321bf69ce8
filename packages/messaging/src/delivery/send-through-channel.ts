import { PermanentSendError, type ChannelFile } from '@switchboard/channels';
import { attachmentContent, signedMediaPath } from '@switchboard/inbox';
import type { ContactRow } from '@switchboard/contacts';
import type { MediaRef, MessageContent, MessageRow } from '../ledger/message-ledger.ts';
import type { MessagingPolicy } from '../policy/messaging-policy.ts';
import type { SendingDomainKey } from '../sending-domains/sending-domain-store.ts';
import { composeEmail, LINK_PLACEHOLDER, textOf } from '../email/compose-email.ts';
import { liquidContext, personalise, PersonalisationError, TemplateCache } from '../content/personalise.ts';
import { composeSms } from '../sms/compose-sms.ts';
import type { DeliveryDeps } from './deliver-message.ts';

export interface WorkspaceForSending {
  id: string;
  name: string;
  postal_address: string | null;
  default_locale: string;
}

export interface SentThroughChannel {
  provider: 'smtp' | 'twilio' | 'wechaty';
  providerMessageId: string;
  subject: string | null;
  bodyHash: string | null;
  segments: number | null;
  cost: number | null;
  costCurrency: string | null;
}

function contentOf<K extends MessageContent['kind']>(message: MessageRow, kind: K) {
  const content = message.content;
  if (content.kind !== kind)
    throw new PermanentSendError(`A ${message.channel} message needs ${kind} content, not ${content.kind}`);
  return content as Extract<MessageContent, { kind: K }>;
}

/**
 * The plain-text part is converted from the HTML *template*, once per template, and then personalised like the
 * rest: converting every recipient's rendered HTML would cost more than everything else in a send.
 */
async function personaliseEmail(
  content: Extract<MessageContent, { kind: 'email' }>,
  render: (kind: 'html' | 'text', source: string) => Promise<string>,
  htmlToText: (html: string) => string,
) {
  return {
    ...content,
    subject: await render('text', content.subject),
    html: await render('html', content.html),
    text: await render('text', content.text ?? htmlToText(content.html)),
  };
}

/** The bytes of a message's images, read when it is sent (they live with the inbox's attachments). */
async function filesOf(deps: DeliveryDeps, media: MediaRef[] | undefined): Promise<ChannelFile[]> {
  const files: ChannelFile[] = [];
  for (const ref of media ?? []) {
    const { filename, contentType, content } = await attachmentContent(deps.db.fork(), ref.id);
    files.push({ filename, contentType, content });
  }
  return files;
}

function notConfigured(channel: string, settings: string): never {
  throw new PermanentSendError(`${channel} is not configured on this worker: set ${settings} and restart it`);
}

/** Renders the claimed message for its channel and hands it to the adapter; the only place adapters are called. */
export async function sendThroughChannel(
  deps: DeliveryDeps,
  claim: {
    message: MessageRow & { to_address: string };
    contact: ContactRow | null;
    workspace: WorkspaceForSending;
    policy: MessagingPolicy;
    domainKey: SendingDomainKey | null;
  },
): Promise<SentThroughChannel> {
  try {
    return await renderAndSend(deps, claim);
  } catch (error) {
    // A template that fails for this contact fails this message, for good: retrying renders the same thing.
    if (error instanceof PersonalisationError) throw new PermanentSendError(error.message, 'template');
    throw error;
  }
}

async function renderAndSend(
  deps: DeliveryDeps,
  claim: Parameters<typeof sendThroughChannel>[1],
): Promise<SentThroughChannel> {
  const { message, contact, workspace, policy } = claim;
  const locale = contact?.locale ?? workspace.default_locale;
  const templates = deps.templateCache ?? new TemplateCache();
  // The unsubscribe link is filled in per message after rendering (see compose-email).
  const event = (message.content as { event?: Record<string, unknown> }).event;
  const context = liquidContext(contact, workspace, { unsubscribe_url: LINK_PLACEHOLDER }, event);
  const text = (source: string) => personalise('text', source, context, templates);
  const none = { subject: null, bodyHash: null, segments: null, cost: null, costCurrency: null };

  if (message.channel === 'email') {
    if (!deps.channels.email) notConfigured('Email', 'SMTP_URL');
    const composed = composeEmail(
      {
        messageId: message.id,
        purpose: message.purpose,
        sourceKind: message.source_kind,
        workspace: { id: workspace.id, name: workspace.name, postalAddress: workspace.postal_address },
        to: message.to_address,
        locale,
        content: await personaliseEmail(
          contentOf(message, 'email'),
          (kind, source) => personalise(kind, source, context, templates),
          (html) => textOf(html, deps.email.textCache),
        ),
        dkim: claim.domainKey?.dkim,
      },
      deps.email,
    );
    const attachments = await filesOf(deps, contentOf(message, 'email').media);
    const result = await deps.channels.email.send(
      attachments.length ? { ...composed.email, attachments } : composed.email,
    );
    return {
      ...none,
      provider: 'smtp',
      providerMessageId: result.providerMessageId.replace(/^<|>$/g, ''),
      subject: composed.email.subject,
      bodyHash: composed.bodyHash,
    };
  }

  if (message.channel === 'sms') {
    if (!deps.channels.sms) notConfigured('SMS', 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM');
    const content = contentOf(message, 'sms');
    // Twilio fetches MMS images itself, from a signed address on this product's public URL.
    const mediaUrls = (content.media ?? []).map(
      (ref) => new URL(signedMediaPath(deps.email.trackingSecret, ref), deps.email.baseUrl).href,
    );
    const sms = composeSms({
      body: await text(content.body),
      purpose: message.purpose,
      locale,
      pricePerSegment: policy.smsPricePerSegment,
    });
    const result = await deps.channels.sms.send({
      to: message.to_address,
      body: sms.body,
      ...(mediaUrls.length ? { mediaUrls } : {}),
      ...(deps.smsStatusCallbackUrl ? { statusCallback: deps.smsStatusCallbackUrl } : {}),
    });
    return {
      ...none,
      provider: 'twilio',
      providerMessageId: result.providerMessageId,
      bodyHash: sms.bodyHash,
      segments: sms.segments,
      cost: sms.cost,
      costCurrency: policy.smsCurrency,
    };
  }

  if (!deps.channels.chat)
    notConfigured('WeChat', 'WORKER_WECHAT_GATEWAY=true on the worker holding the bot');
  const chat = contentOf(message, 'wechat');
  const link = chat.link
    ? {
        url: chat.link.url,
        title: await text(chat.link.title),
        ...(chat.link.description ? { description: await text(chat.link.description) } : {}),
        ...(chat.link.thumbnailUrl ? { thumbnailUrl: chat.link.thumbnailUrl } : {}),
      }
    : undefined;
  const images = await filesOf(deps, chat.media);
  const result = await deps.channels.chat.send({
    to: message.to_address,
    text: await text(chat.text),
    ...(link ? { link } : {}),
    ...(images.length ? { images } : {}),
  });
  return { ...none, provider: 'wechaty', providerMessageId: result.providerMessageId };
}
