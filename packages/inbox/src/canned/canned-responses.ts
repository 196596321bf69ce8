import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, validationError } from '@switchboard/accounts';
import { sql, uuidV7 } from '@switchboard/contacts';

export interface CannedResponseView {
  id: string;
  shortcut: string;
  body: string;
}

const SHORTCUT = /^[\p{L}\p{N}_-]{1,40}$/u;

export async function listCannedResponses(
  em: EntityManager,
  workspaceId: string,
): Promise<CannedResponseView[]> {
  return sql<CannedResponseView>(
    em,
    'select id, shortcut, body from canned_responses where workspace_id = ? order by shortcut',
    [workspaceId],
  );
}

/** Creates or edits one; the shortcut is what agents type after "/" (letters, digits, - and _). */
export async function saveCannedResponse(
  em: EntityManager,
  workspaceId: string,
  input: { id?: string | undefined; shortcut: string; body: string },
): Promise<CannedResponseView> {
  const shortcut = input.shortcut.trim().replace(/^\//, '').toLowerCase();
  if (!SHORTCUT.test(shortcut))
    throw validationError('shortcut', 'Use 1–40 letters, digits, "-" or "_" (no spaces), e.g. "refund"');
  const body = input.body.trim();
  if (!body) throw validationError('body', 'Write the reply text');
  if (body.length > 5000) throw validationError('body', 'A canned response has at most 5,000 characters');
  try {
    const [row] = input.id
      ? await sql<CannedResponseView>(
          em,
          `update canned_responses set shortcut = ?, body = ? where workspace_id = ? and id = ?::uuid
           returning id, shortcut, body`,
          [shortcut, body, workspaceId, input.id],
        )
      : await sql<CannedResponseView>(
          em,
          `insert into canned_responses (id, workspace_id, shortcut, body, created_at) values (?, ?, ?, ?, now())
           returning id, shortcut, body`,
          [uuidV7(), workspaceId, shortcut, body],
        );
    if (!row) throw notFound('Canned response');
    return row;
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw conflict(`The shortcut /${shortcut} is already used; choose another`, 'shortcut');
    throw error;
  }
}

export async function deleteCannedResponse(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<void> {
  await sql(em, 'delete from canned_responses where workspace_id = ? and id = ?::uuid', [workspaceId, id]);
}
