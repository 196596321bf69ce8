import { randomUUID } from 'node:crypto';
import type { DEAL_STAGES, EntityManager } from '@switchboard/db';
import { notFound, recordAudit, type Actor } from '@switchboard/accounts';
import { list, sql } from '../sql.ts';
import { requireContact } from '../profile/contact-profile.ts';
import { InputError } from '../inputs/request-inputs.ts';

export type DealStage = (typeof DEAL_STAGES)[number];

export interface DealInput {
  name: string;
  amount: number;
  currency: string;
  stage: DealStage;
  expectedCloseDate?: string | null;
  actualCloseDate?: string | null;
  ownerId?: string | null;
  companyId?: string | null;
  contactIds: string[];
}

interface DealRow {
  id: string;
  name: string;
  amount: string;
  currency: string;
  stage: DealStage;
  expected_close_date: string | null;
  actual_close_date: string | null;
  owner_id: string | null;
  company_id: string | null;
  created_at: Date;
  updated_at: Date;
  contact_ids?: string[];
}

const day = (d: string | Date | null) =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const dealView = (r: DealRow) => ({
  id: r.id,
  name: r.name,
  amount: Number(r.amount),
  currency: r.currency,
  stage: r.stage,
  expectedCloseDate: day(r.expected_close_date),
  actualCloseDate: day(r.actual_close_date),
  ownerId: r.owner_id,
  companyId: r.company_id,
  contactIds: r.contact_ids ?? [],
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
export type DealView = ReturnType<typeof dealView>;

async function checkReferences(em: EntityManager, workspaceId: string, input: DealInput) {
  const errors: Record<string, string> = {};
  const found = await sql<{ id: string }>(
    em,
    'select id from contacts where workspace_id = ? and id = any(?::uuid[])',
    [workspaceId, list(input.contactIds)],
  );
  if (found.length !== new Set(input.contactIds).size)
    errors.contactIds = 'Some of these contacts are not in this workspace';
  if (input.ownerId) {
    const [member] = await sql(em, 'select 1 from memberships where workspace_id = ? and user_id = ?', [
      workspaceId,
      input.ownerId,
    ]);
    if (!member) errors.ownerId = 'The owner must be a member of this workspace';
  }
  if (input.companyId) {
    const [company] = await sql(em, 'select 1 from companies where workspace_id = ? and id = ?', [
      workspaceId,
      input.companyId,
    ]);
    if (!company) errors.companyId = 'No such company in this workspace';
  }
  if (Object.keys(errors).length) throw new InputError(errors);
}

/** A deal change as an event on each linked contact's timeline (and for segments, scoring and attribution). */
async function recordDealEvent(
  em: EntityManager,
  workspaceId: string,
  deal: DealView,
  name: 'deal_created' | 'deal_stage_changed' | 'deal_won' | 'deal_lost',
  extra: Record<string, unknown> = {},
) {
  if (deal.contactIds.length === 0) return;
  await sql(
    em,
    `insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, occurred_at, received_at)
     select ?, id, ?, ?::jsonb, ?, ?, 'crm', now(), now() from unnest(?::uuid[]) as id`,
    [
      workspaceId,
      name,
      JSON.stringify({
        dealId: deal.id,
        dealName: deal.name,
        stage: deal.stage,
        amount: deal.amount,
        ...extra,
      }),
      name === 'deal_won' ? deal.amount : null,
      name === 'deal_won' ? deal.currency : null,
      list(deal.contactIds),
    ],
  );
}

/**
 * Creates or updates a deal with its contacts. Moving to won or lost stamps the actual close date (today unless
 * given); stage changes become events on the contacts' timelines, a won deal carrying its revenue.
 */
export async function saveDeal(
  em: EntityManager,
  workspaceId: string,
  input: DealInput,
  actor: Actor,
  id?: string,
) {
  return em.transactional(async (tx) => {
    await checkReferences(tx, workspaceId, input);
    const closed = input.stage === 'won' || input.stage === 'lost';
    const actualClose = closed ? (input.actualCloseDate ?? new Date().toISOString().slice(0, 10)) : null;
    let before: DealStage | null = null;
    if (id) {
      const [existing] = await sql<{ stage: DealStage }>(
        tx,
        'select stage from deals where workspace_id = ? and id = ? for update',
        [workspaceId, id],
      );
      if (!existing) throw notFound('Deal');
      before = existing.stage;
    }
    const values = [
      input.name.trim(),
      input.amount,
      input.currency.toUpperCase(),
      input.stage,
      input.expectedCloseDate ?? null,
      actualClose,
      input.ownerId ?? null,
      input.companyId ?? null,
    ];
    const [row] = id
      ? await sql<DealRow>(
          tx,
          `update deals set name = ?, amount = ?, currency = ?, stage = ?, expected_close_date = ?, actual_close_date = ?,
             owner_id = ?, company_id = ?, updated_at = now() where workspace_id = ? and id = ? returning *`,
          [...values, workspaceId, id],
        )
      : await sql<DealRow>(
          tx,
          `insert into deals (name, amount, currency, stage, expected_close_date, actual_close_date, owner_id, company_id,
             workspace_id, id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now()) returning *`,
          [...values, workspaceId, randomUUID()],
        );
    await sql(tx, 'delete from deal_contacts where deal_id = ?', [row!.id]);
    await sql(
      tx,
      'insert into deal_contacts (deal_id, contact_id) select ?, id from unnest(?::uuid[]) as id',
      [row!.id, list([...new Set(input.contactIds)])],
    );
    const deal = dealView({ ...row!, contact_ids: [...new Set(input.contactIds)] });
    if (!id) await recordDealEvent(tx, workspaceId, deal, 'deal_created');
    else if (before !== deal.stage)
      await recordDealEvent(
        tx,
        workspaceId,
        deal,
        deal.stage === 'won' ? 'deal_won' : deal.stage === 'lost' ? 'deal_lost' : 'deal_stage_changed',
        { from: before },
      );
    recordAudit(tx, {
      workspaceId,
      actor,
      action: id ? 'deal.updated' : 'deal.created',
      target: { type: 'deal', id: deal.id },
      details: { name: deal.name, stage: deal.stage, amount: deal.amount, currency: deal.currency },
    });
    await tx.flush();
    return deal;
  });
}

export async function dealsOfContact(em: EntityManager, workspaceId: string, contactId: string) {
  await requireContact(em, workspaceId, contactId);
  const rows = await sql<DealRow>(
    em,
    `select d.*, (select array_agg(dc2.contact_id) from deal_contacts dc2 where dc2.deal_id = d.id) as contact_ids
     from deals d join deal_contacts dc on dc.deal_id = d.id where dc.contact_id = ? and d.workspace_id = ?
     order by d.updated_at desc`,
    [contactId, workspaceId],
  );
  return rows.map(dealView);
}
