import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import type { MessageContent } from '../ledger/message-ledger.ts';

/** What a campaign's message points at: a published template version, plus the field its A/B variant changes. */
export interface TemplateReference {
  kind: 'template';
  versionId: string;
  subject?: string;
  fromName?: string;
  /** What the template sees as `event`: a journey's trigger event properties or API data (kept on the ledger row). */
  event?: Record<string, unknown>;
}

/** Content ready to personalise; journey sends keep their trigger's data next to it. */
export type ConcreteContent = Exclude<MessageContent, TemplateReference> & {
  event?: Record<string, unknown>;
};

export class TemplateVersionMissing extends Error {}

export async function loadTemplateVersionContent(
  em: EntityManager,
  versionId: string,
): Promise<ConcreteContent | null> {
  const [row] = await sql<{ content: ConcreteContent }>(
    em,
    'select content from template_versions where id = ?',
    [versionId],
  );
  return row?.content ?? null;
}

/** `"Name" <address>` with the name replaced (an A/B test on the sender name). */
function withFromName(from: string | undefined, name: string, fallbackFrom: string): string {
  const address = /<([^>]+)>\s*$/.exec(from ?? fallbackFrom)?.[1] ?? from ?? fallbackFrom;
  return `"${name.replace(/["\\]/g, '')}" <${address.trim()}>`;
}

/** A sender name saved without an address goes out with the default sender address. */
function withSenderName(content: ConcreteContent, defaultFrom: string): ConcreteContent {
  if (content.kind !== 'email' || content.fromName === undefined) return content;
  const { fromName, ...rest } = content;
  return rest.from ? rest : { ...rest, from: withFromName(undefined, fromName, defaultFrom) };
}

/**
 * The content a message is sent with: inline content as is, or its template version (published versions are
 * immutable, so one lookup per version per process) with the variant's subject or sender name applied.
 */
export async function resolveContent(
  content: MessageContent,
  loadVersion: (versionId: string) => Promise<ConcreteContent | null>,
  defaultFrom: string,
): Promise<ConcreteContent> {
  if (content.kind !== 'template') return withSenderName(content, defaultFrom);
  const version = await loadVersion(content.versionId);
  if (!version) throw new TemplateVersionMissing(`Template version ${content.versionId} does not exist`);
  const event = content.event ? { event: content.event } : {};
  if (version.kind !== 'email') return { ...version, ...event };
  return {
    ...withSenderName(version, defaultFrom),
    ...event,
    ...(content.subject !== undefined ? { subject: content.subject } : {}),
    ...(content.fromName !== undefined
      ? { from: withFromName(version.from, content.fromName, defaultFrom) }
      : {}),
  };
}
