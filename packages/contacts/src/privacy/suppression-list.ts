import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@switchboard/db';
import { conflict, recordAudit, validationError, type Actor } from '@switchboard/accounts';
import { list, sql } from '../sql.ts';
import {
  IDENTITY_KINDS,
  normaliseIdentities,
  type Identities,
  type IdentityKind,
} from '../identity/identities.ts';
import { suppressionHash } from './suppression-hash.ts';

export const SUPPRESSION_REASONS = ['erasure', 'unsubscribe', 'bounce', 'complaint'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
/** What an operator or a CRM may add or lift; an erasure is the person's decision and stays. */
export const MANAGED_REASONS = ['unsubscribe', 'bounce', 'complaint'] as const;

const identityFields = {
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
  wechatId: z.string().max(200).optional(),
  externalId: z.string().max(200).optional(),
};
export const suppressionChangeInput = z
  .object({ ...identityFields, reason: z.enum(MANAGED_REASONS) })
  .strict()
  .refine((v) => IDENTITY_KINDS.some((k) => v[k] !== undefined), {
    message: 'Give an email, phone, wechatId or externalId',
    path: ['email'],
  });
export const suppressionLookupInput = z
  .object(identityFields)
  .strict()
  .refine((v) => IDENTITY_KINDS.some((k) => v[k] !== undefined), {
    message: 'Give an email, phone, wechatId or externalId',
    path: ['email'],
  });

export interface SuppressionView {
  id: string;
  kind: IdentityKind;
  /** SHA-256 of "<kind>:<normalised value>" (e.g. "email:ana@example.com"): the address itself is never stored. */
  hash: string;
  reason: SuppressionReason;
  createdAt: Date;
}

function identitiesOf(input: Identities): Identities {
  const identities = normaliseIdentities({
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.wechatId !== undefined ? { wechatId: input.wechatId } : {}),
    ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
  });
  if (!IDENTITY_KINDS.some((k) => identities[k] !== undefined))
    throw validationError('email', 'Give an email, phone, wechatId or externalId');
  return identities;
}

const hashesOf = (identities: Identities) =>
  IDENTITY_KINDS.flatMap((kind) =>
    identities[kind] === undefined ? [] : [{ kind, hash: suppressionHash(kind, identities[kind]) }],
  );

const encodeCursor = (row: { created_at: Date | string; id: string }) =>
  Buffer.from(`${new Date(row.created_at).toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw validationError('after', 'Use the `next` cursor of the previous page');
  return { at, id };
}

/** The workspace's suppressions, newest first, a page at a time. */
export async function listSuppressions(
  em: EntityManager,
  workspaceId: string,
  options: { limit: number; after?: string; reason?: SuppressionReason; kind?: IdentityKind },
): Promise<{ suppressions: SuppressionView[]; next: string | null }> {
  const cursor = options.after ? decodeCursor(options.after) : null;
  const rows = await sql<{
    id: string;
    identity_kind: IdentityKind;
    value_hash: string;
    reason: SuppressionReason;
    created_at: Date;
  }>(
    em,
    `select id, identity_kind, value_hash, reason, created_at from suppressions
     where workspace_id = ? and (?::text is null or reason = ?::text) and (?::text is null or identity_kind = ?::text)
       and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
     order by created_at desc, id desc limit ?`,
    [
      workspaceId,
      options.reason ?? null,
      options.reason ?? null,
      options.kind ?? null,
      options.kind ?? null,
      cursor?.at ?? null,
      cursor?.at ?? null,
      cursor?.id ?? null,
      options.limit + 1,
    ],
  );
  const page = rows.slice(0, options.limit);
  return {
    suppressions: page.map((row) => ({
      id: row.id,
      kind: row.identity_kind,
      hash: row.value_hash,
      reason: row.reason,
      createdAt: new Date(row.created_at),
    })),
    next: rows.length > options.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

/** Why these addresses are suppressed, per address given (an empty list: not suppressed). */
export async function lookUpSuppressions(
  em: EntityManager,
  workspaceId: string,
  input: Identities,
): Promise<{ kind: IdentityKind; reasons: SuppressionReason[] }[]> {
  const hashes = hashesOf(identitiesOf(input));
  const rows = await sql<{ value_hash: string; reason: SuppressionReason }>(
    em,
    `select value_hash, reason from suppressions where workspace_id = ? and value_hash = any(?::text[]) order by created_at`,
    [workspaceId, list(hashes.map((h) => h.hash))],
  );
  return hashes.map(({ kind, hash }) => ({
    kind,
    reasons: rows.filter((row) => row.value_hash === hash).map((row) => row.reason),
  }));
}

/** Suppresses the addresses for this reason (a CRM's unsubscribes, a list of known bad addresses); idempotent. */
export async function addSuppressions(
  em: EntityManager,
  workspaceId: string,
  input: Identities,
  reason: (typeof MANAGED_REASONS)[number],
  actor: Actor,
): Promise<{ added: number }> {
  const hashes = hashesOf(identitiesOf(input));
  let added = 0;
  await em.transactional(async (tx) => {
    for (const { kind, hash } of hashes)
      added += (
        await sql(
          tx,
          `insert into suppressions (id, workspace_id, identity_kind, value_hash, reason, created_at)
           values (?, ?, ?, ?, ?, now()) on conflict (workspace_id, value_hash, reason) do nothing returning id`,
          [randomUUID(), workspaceId, kind, hash, reason],
        )
      ).length;
    recordAudit(tx, {
      workspaceId,
      actor,
      action: 'suppression.added',
      details: { reason, kinds: hashes.map((h) => h.kind), added },
    });
  });
  return { added };
}

/**
 * Lifts one reason from the addresses (an address that bounced once works again, a CRM's re-subscribe). An erasure
 * is never lifted here: the person asked to be forgotten, and only their new consent brings them back.
 */
export async function removeSuppressions(
  em: EntityManager,
  workspaceId: string,
  input: Identities,
  reason: SuppressionReason,
  actor: Actor,
): Promise<{ removed: number }> {
  if (reason === 'erasure')
    throw conflict(
      'An erased person’s address stays suppressed: only their own new sign-up brings them back',
      'reason',
    );
  const hashes = hashesOf(identitiesOf(input));
  let removed = 0;
  await em.transactional(async (tx) => {
    removed = (
      await sql(
        tx,
        `delete from suppressions where workspace_id = ? and reason = ? and value_hash = any(?::text[]) returning id`,
        [workspaceId, reason, list(hashes.map((h) => h.hash))],
      )
    ).length;
    recordAudit(tx, {
      workspaceId,
      actor,
      action: 'suppression.removed',
      details: { reason, kinds: hashes.map((h) => h.kind), removed },
    });
  });
  return { removed };
}
