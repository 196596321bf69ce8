import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { validationError, conflict } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { iso, type Timestamp } from '../ledger/timestamps.ts';
import { checkRecords, requiredRecords, type RecordCheck, type TxtResolver } from './dns-records.ts';

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

interface DomainRow {
  id: string;
  domain: string;
  dkim_selector: string;
  dkim_public_key: string;
  checks: { records?: RecordCheck[] };
  verified_at: Timestamp | null;
  checked_at: Timestamp | null;
  warmup_started_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SendingDomainSettings {
  spfMechanism: string;
}

function view(row: DomainRow, settings: SendingDomainSettings) {
  const records = requiredRecords({
    domain: row.domain,
    selector: row.dkim_selector,
    publicKeyPem: row.dkim_public_key,
    spfMechanism: settings.spfMechanism,
  });
  const checks = row.checks.records ?? [];
  return {
    id: row.id,
    domain: row.domain,
    selector: row.dkim_selector,
    verified: row.verified_at !== null,
    verifiedAt: iso(row.verified_at),
    checkedAt: iso(row.checked_at),
    warmupStartedAt: iso(row.warmup_started_at),
    records: records.map((r) => {
      const check = checks.find((c) => c.kind === r.kind);
      return { ...r, ok: check?.ok ?? null, problem: check?.problem ?? null, found: check?.found ?? [] };
    }),
  };
}
export type SendingDomainView = ReturnType<typeof view>;

export async function listSendingDomains(
  em: EntityManager,
  workspaceId: string,
  settings: SendingDomainSettings,
) {
  const rows = await sql<DomainRow>(
    em,
    'select * from sending_domains where workspace_id = ? order by created_at',
    [workspaceId],
  );
  return rows.map((r) => view(r, settings));
}

/**
 * Adds a domain with a fresh 2048-bit DKIM key pair. The selector carries the month, so a later key rotation can
 * publish a new selector next to the old one. Warm-up starts with the domain: its first weeks ramp up daily volume.
 */
export async function addSendingDomain(
  em: EntityManager,
  workspaceId: string,
  input: { domain: string },
  settings: SendingDomainSettings,
): Promise<SendingDomainView> {
  const domain = input.domain.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domain)) throw validationError('domain', 'Enter a domain such as mail.example.com');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const now = new Date();
  const selector = `sb${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const rows = await sql<DomainRow>(
    em,
    `insert into sending_domains (id, workspace_id, domain, dkim_selector, dkim_private_key, dkim_public_key, checks,
       warmup_started_at, created_at)
     values (?, ?, ?, ?, ?, ?, '{}'::jsonb, now(), now())
     on conflict (workspace_id, domain) do nothing returning *`,
    [randomUUID(), workspaceId, domain, selector, privateKey, publicKey],
  );
  if (!rows[0]) throw conflict(`${domain} is already a sending domain of this workspace`, 'domain');
  return view(rows[0], settings);
}

/** Looks the records up in DNS and stores the result; the domain counts as verified when all three pass. */
export async function verifySendingDomain(
  em: EntityManager,
  workspaceId: string,
  domainId: string,
  resolveTxt: TxtResolver,
  settings: SendingDomainSettings,
): Promise<SendingDomainView | null> {
  const [row] = await sql<DomainRow>(em, 'select * from sending_domains where id = ? and workspace_id = ?', [
    domainId,
    workspaceId,
  ]);
  if (!row) return null;
  const records = requiredRecords({
    domain: row.domain,
    selector: row.dkim_selector,
    publicKeyPem: row.dkim_public_key,
    spfMechanism: settings.spfMechanism,
  });
  const checks = await checkRecords(records, resolveTxt);
  const verified = checks.every((c) => c.ok);
  const [updated] = await sql<DomainRow>(
    em,
    `update sending_domains set checks = ?::jsonb, checked_at = now(),
       verified_at = case when ? then coalesce(verified_at, now()) else null end
     where id = ? returning *`,
    [JSON.stringify({ records: checks }), verified, row.id],
  );
  return updated ? view(updated, settings) : null;
}

export async function removeSendingDomain(em: EntityManager, workspaceId: string, domainId: string) {
  const rows = await sql(em, 'delete from sending_domains where id = ? and workspace_id = ? returning id', [
    domainId,
    workspaceId,
  ]);
  return rows.length > 0;
}
