import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { loadMessagingPolicy, type MessagingPolicy } from '../policy/messaging-policy.ts';
import { sendingDomainFor, type SendingDomainKey } from '../sending-domains/sending-domain-store.ts';
import type { WorkspaceForSending } from './send-through-channel.ts';
import { loadTemplateVersionContent, type ConcreteContent } from '../content/template-content.ts';

/**
 * Workspace settings every send reads (name and postal address, messaging policy, the sending domain's key), kept for
 * a few seconds per process: a campaign would otherwise read the same three rows a million times. A settings change
 * reaches every worker within the TTL.
 */
export class SendingSettingsCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    const value = load();
    // A failed load is not remembered: the next send asks the database again.
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > 1_000) this.entries.clear();
    this.entries.set(key, { until: now + this.ttlMs, value });
    return value;
  }

  workspace(em: EntityManager, workspaceId: string): Promise<WorkspaceForSending | null> {
    return this.cached(`workspace:${workspaceId}`, async () => {
      const [row] = await sql<WorkspaceForSending>(
        em,
        'select id, name, postal_address, default_locale from workspaces where id = ?',
        [workspaceId],
      );
      return row ?? null;
    });
  }

  policy(em: EntityManager, workspaceId: string): Promise<MessagingPolicy> {
    return this.cached(`policy:${workspaceId}`, () => loadMessagingPolicy(em, workspaceId));
  }

  sendingDomain(em: EntityManager, workspaceId: string, domain: string): Promise<SendingDomainKey | null> {
    return this.cached(`domain:${workspaceId}:${domain}`, () => sendingDomainFor(em, workspaceId, domain));
  }

  /** Published versions never change; the TTL only bounds memory. */
  templateVersion(em: EntityManager, versionId: string): Promise<ConcreteContent | null> {
    return this.cached(`version:${versionId}`, () => loadTemplateVersionContent(em, versionId));
  }
}
