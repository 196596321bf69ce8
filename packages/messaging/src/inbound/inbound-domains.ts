import type { Database } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

const REFRESH_MS = 30_000;

/**
 * The domains our inbound listener receives mail for. With INBOUND_EMAIL_DOMAIN set, only that one (every message's
 * bounce and reply address uses it). Without it, each message's addresses use its From domain: the system sender's
 * domain and every workspace's sending domain, read from the database at most every 30 seconds.
 */
export function inboundDomains(options: {
  db: Database;
  configured: string | null;
  systemSenderDomain: string;
}): () => Promise<ReadonlySet<string>> {
  if (options.configured) {
    const only = new Set([options.configured.toLowerCase()]);
    return () => Promise.resolve(only);
  }
  let cached: { at: number; domains: Set<string> } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < REFRESH_MS) return cached.domains;
    const rows = await sql<{ domain: string }>(
      options.db.fork(),
      'select distinct domain from sending_domains',
    );
    const domains = new Set([
      options.systemSenderDomain.toLowerCase(),
      ...rows.map((r) => r.domain.toLowerCase()),
    ]);
    cached = { at: Date.now(), domains };
    return domains;
  };
}
