import type { EntityManager } from '@switchboard/db';
import type { DkimKey } from '@switchboard/channels';
import { sql } from '@switchboard/contacts';

export interface SendingDomainKey {
  id: string;
  domain: string;
  dkim: DkimKey;
  warmupStartedAt: Date | null;
}

/** The workspace's sending domain for a From address's domain, with the key that signs its mail. */
export async function sendingDomainFor(
  em: EntityManager,
  workspaceId: string,
  domain: string,
): Promise<SendingDomainKey | null> {
  const [row] = await sql<{
    id: string;
    domain: string;
    dkim_selector: string;
    dkim_private_key: string;
    warmup_started_at: string | null;
  }>(
    em,
    `select id, domain, dkim_selector, dkim_private_key, warmup_started_at from sending_domains
     where workspace_id = ? and domain = ?`,
    [workspaceId, domain.toLowerCase()],
  );
  if (!row) return null;
  return {
    id: row.id,
    domain: row.domain,
    dkim: { domainName: row.domain, keySelector: row.dkim_selector, privateKey: row.dkim_private_key },
    warmupStartedAt: row.warmup_started_at === null ? null : new Date(row.warmup_started_at),
  };
}
