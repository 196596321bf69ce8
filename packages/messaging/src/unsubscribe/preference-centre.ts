import type { EntityManager } from '@switchboard/db';
import { recordConsent, sql, suppress, suppressionHash } from '@switchboard/contacts';
import {
  advanceMessageStatus,
  findMessage,
  recordMessageEvent,
  type MessageRow,
} from '../ledger/message-ledger.ts';
import { readMessageToken } from '../tracking/tracking-tokens.ts';

export interface PreferenceTopic {
  key: string;
  label: string;
  description: string | null;
  subscribed: boolean;
}

export interface PreferencePage {
  workspaceName: string;
  /** Masked, so a forwarded email does not reveal the address to whoever opens the link. */
  maskedEmail: string;
  locale: string;
  unsubscribedFromAll: boolean;
  topics: PreferenceTopic[];
}

export interface ConsentProof {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

interface Recipient {
  message: MessageRow;
  contactId: string;
  email: string;
  locale: string;
  workspaceName: string;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  // A fixed-width mask: the length of the local part is part of what it hides.
  return `${local.slice(0, 1)}•••@${domain}`;
}

async function recipientFor(em: EntityManager, secret: string, token: string): Promise<Recipient | null> {
  const messageId = readMessageToken(secret, 'unsubscribe', token);
  return messageId ? recipientOf(em, messageId) : null;
}

async function recipientOf(em: EntityManager, messageId: string): Promise<Recipient | null> {
  const message = await findMessage(em, messageId);
  if (!message?.contact_id) return null;
  const [row] = await sql<{
    email: string | null;
    locale: string | null;
    default_locale: string;
    name: string;
  }>(
    em,
    `select c.email, c.locale, w.default_locale, w.name from contacts c join workspaces w on w.id = c.workspace_id
     where c.id = ?`,
    [message.contact_id],
  );
  if (!row?.email) return null;
  return {
    message,
    contactId: message.contact_id,
    email: row.email,
    locale: row.locale ?? row.default_locale,
    workspaceName: row.name,
  };
}

/** What the preference page shows; reading it never changes anything (mail scanners fetch every link). */
export async function preferencePage(
  em: EntityManager,
  secret: string,
  token: string,
): Promise<PreferencePage | null> {
  const recipient = await recipientFor(em, secret, token);
  if (!recipient) return null;
  const { message, contactId } = recipient;
  const topics = await sql<{ key: string; label: string; description: string | null; status: string | null }>(
    em,
    `select t.key, t.label, t.description, k.status from subscription_topics t
     left join consents k on k.contact_id = ? and k.channel = 'email' and k.topic = t.key
     where t.workspace_id = ? and t.channels @> '["email"]'::jsonb order by t.label`,
    [contactId, message.workspace_id],
  );
  const suppressed = await sql(
    em,
    `select 1 from suppressions where workspace_id = ? and value_hash = ? and reason = 'unsubscribe'`,
    [message.workspace_id, suppressionHash('email', recipient.email)],
  );
  const [channel] = await sql<{ status: string }>(
    em,
    `select status from consents where contact_id = ? and channel = 'email' and topic = ''`,
    [contactId],
  );
  return {
    workspaceName: recipient.workspaceName,
    maskedEmail: maskEmail(recipient.email),
    locale: recipient.locale,
    unsubscribedFromAll: suppressed.length > 0 || channel?.status === 'opted_out',
    topics: topics.map((t) => ({
      key: t.key,
      label: t.label,
      description: t.description,
      subscribed: t.status !== 'opted_out',
    })),
  };
}

/**
 * RFC 8058 one-click and the page's "unsubscribe from all": the email channel is opted out with proof, the address
 * joins the suppression list (so a re-import cannot undo it), and the message records who unsubscribed.
 * Repeating it is harmless. Returns false for an unknown or forged token.
 */
export async function unsubscribeFromAll(
  em: EntityManager,
  secret: string,
  token: string,
  proof: ConsentProof & { method: 'one_click' | 'page' | 'mailto' },
): Promise<boolean> {
  const messageId = readMessageToken(secret, 'unsubscribe', token);
  return messageId ? unsubscribeRecipientOf(em, messageId, proof) : false;
}

/** The same, for a message we already know (a mailto: unsubscribe reaching the inbound listener). */
export async function unsubscribeRecipientOf(
  em: EntityManager,
  messageId: string,
  proof: ConsentProof & { method: 'one_click' | 'page' | 'mailto' },
): Promise<boolean> {
  const recipient = await recipientOf(em, messageId);
  if (!recipient) return false;
  await em.transactional(async (tx) => {
    await recordConsent(tx, recipient.message.workspace_id, recipient.contactId, {
      channel: 'email',
      status: 'opted_out',
      source: 'preference_center',
      proof: {
        ...(proof.ip ? { ip: proof.ip } : {}),
        ...(proof.userAgent ? { userAgent: proof.userAgent.slice(0, 400) } : {}),
        text: `Unsubscribed from all email (${proof.method}) via message ${recipient.message.id}`,
      },
    });
    await suppress(tx, recipient.message.workspace_id, { email: recipient.email }, 'unsubscribe');
    await sql(tx, 'select id from messages where id = ? for update', [recipient.message.id]);
    await recordMessageEvent(tx, recipient.message, {
      kind: 'unsubscribed',
      detail: { method: proof.method },
    });
    await advanceMessageStatus(tx, recipient.message, 'unsubscribed');
  });
  return true;
}

/**
 * The page's "save my choices": each topic opted in or out as ticked. Choosing at least one topic after an
 * unsubscribe-from-all is the person re-subscribing themselves, so the email channel is opted back in.
 */
export async function savePreferences(
  em: EntityManager,
  secret: string,
  token: string,
  chosenTopics: string[],
  proof: ConsentProof,
): Promise<boolean> {
  const page = await preferencePage(em, secret, token);
  const recipient = page && (await recipientFor(em, secret, token));
  if (!page || !recipient) return false;
  if (chosenTopics.length === 0 && page.topics.length > 0)
    return unsubscribeFromAll(em, secret, token, { ...proof, method: 'page' });
  const proofFields = {
    ...(proof.ip ? { ip: proof.ip } : {}),
    ...(proof.userAgent ? { userAgent: proof.userAgent.slice(0, 400) } : {}),
  };
  await em.transactional(async (tx) => {
    const { workspace_id: workspaceId } = recipient.message;
    for (const topic of page.topics) {
      const subscribed = chosenTopics.includes(topic.key);
      if (subscribed === topic.subscribed && !page.unsubscribedFromAll) continue;
      await recordConsent(tx, workspaceId, recipient.contactId, {
        channel: 'email',
        topic: topic.key,
        status: subscribed ? 'opted_in' : 'opted_out',
        source: 'preference_center',
        proof: { ...proofFields, text: `Preference centre via message ${recipient.message.id}` },
      });
    }
    if (page.unsubscribedFromAll) {
      await recordConsent(tx, workspaceId, recipient.contactId, {
        channel: 'email',
        status: 'opted_in',
        source: 'preference_center',
        proof: {
          ...proofFields,
          text: `Re-subscribed on the preference centre via message ${recipient.message.id}`,
        },
      });
      await sql(
        tx,
        `delete from suppressions where workspace_id = ? and value_hash = ? and reason = 'unsubscribe'`,
        [workspaceId, suppressionHash('email', recipient.email)],
      );
    }
  });
  return true;
}
