import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { conflict, notFound } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { requireContact } from '../profile/contact-profile.ts';
import { InputError } from '../inputs/request-inputs.ts';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "https://www.Acme.com/about" → "acme.com": what people type, reduced to the domain that identifies a company. */
export function normaliseDomain(raw: string): string {
  const domain = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '');
  if (!DOMAIN.test(domain)) throw new InputError({ domain: `"${raw}" is not a domain such as acme.com` });
  return domain;
}

interface CompanyRow {
  id: string;
  name: string;
  domain: string | null;
  created_at: Date;
  contact_count?: string;
}
const companyView = (r: CompanyRow) => ({
  id: r.id,
  name: r.name,
  domain: r.domain,
  contactCount: Number(r.contact_count ?? 0),
  createdAt: new Date(r.created_at).toISOString(),
});

export async function createCompany(
  em: EntityManager,
  workspaceId: string,
  input: { name: string; domain?: string | null },
) {
  const domain = input.domain ? normaliseDomain(input.domain) : null;
  const [row] = await sql<CompanyRow>(
    em,
    `insert into companies (id, workspace_id, name, domain, created_at, updated_at) values (?, ?, ?, ?, now(), now())
     on conflict (workspace_id, domain) do nothing returning *`,
    [randomUUID(), workspaceId, input.name.trim(), domain],
  );
  if (!row) throw conflict(`A company with the domain ${domain} already exists`, 'domain');
  return companyView(row);
}

/** Companies by name or domain, with how many contacts work there. */
export async function listCompanies(em: EntityManager, workspaceId: string, search = '', limit = 50) {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await sql<CompanyRow>(
    em,
    `select co.*, (select count(*) from contacts c where c.company_id = co.id) as contact_count
     from companies co where co.workspace_id = ? and (co.name ilike ? or co.domain ilike ?)
     order by co.name limit ?`,
    [workspaceId, like, like, limit],
  );
  return rows.map(companyView);
}

/** Puts a contact at a company (or at none). */
export async function setContactCompany(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  companyId: string | null,
) {
  if (companyId) {
    const [company] = await sql(em, 'select 1 from companies where workspace_id = ? and id = ?', [
      workspaceId,
      companyId,
    ]);
    if (!company) throw notFound('Company');
  }
  const [row] = await sql(
    em,
    'update contacts set company_id = ?, updated_at = now() where workspace_id = ? and id = ? returning id',
    [companyId, workspaceId, contactId],
  );
  if (!row) throw notFound('Contact');
}

export async function companyOf(em: EntityManager, workspaceId: string, contactId: string) {
  await requireContact(em, workspaceId, contactId);
  const [row] = await sql<CompanyRow>(
    em,
    'select co.* from companies co join contacts c on c.company_id = co.id where c.id = ? and c.workspace_id = ?',
    [contactId, workspaceId],
  );
  return row ? companyView(row) : null;
}
