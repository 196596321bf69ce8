import type { EntityManager } from '@switchboard/db';
import { notFound, validationError } from '@switchboard/accounts';
import { sql, type ContactRow } from '@switchboard/contacts';
import { liquidContext, personalise, PersonalisationError, TemplateCache } from '../content/personalise.ts';

const cache = new TemplateCache(100);

/**
 * A canned response filled in for this conversation's contact ({{ contact.first_name }}, custom fields,
 * {{ agent.name }}, {{ workspace.name }}), as plain text the agent can still edit before sending.
 */
export async function renderCannedResponse(
  em: EntityManager,
  input: { workspaceId: string; conversationId: string; cannedId: string; agentName: string },
): Promise<string> {
  const [row] = await sql<{
    body: string;
    contact_id: string;
    workspace_name: string;
    postal_address: string | null;
  }>(
    em,
    `select cr.body, cv.contact_id, w.name as workspace_name, w.postal_address
     from canned_responses cr
     join conversations cv on cv.workspace_id = cr.workspace_id and cv.id = ?::uuid
     join workspaces w on w.id = cr.workspace_id
     where cr.workspace_id = ? and cr.id = ?::uuid`,
    [input.conversationId, input.workspaceId, input.cannedId],
  );
  if (!row) throw notFound('Canned response or conversation');
  const [contact] = await sql<ContactRow>(em, 'select * from contacts where id = ?', [row.contact_id]);
  const context = {
    ...liquidContext(
      contact ?? null,
      { name: row.workspace_name, postal_address: row.postal_address },
      {
        unsubscribe_url: '',
      },
    ),
    agent: { name: input.agentName },
  };
  try {
    return await personalise('text', row.body, context, cache);
  } catch (error) {
    if (error instanceof PersonalisationError) throw validationError('cannedId', error.message);
    throw error;
  }
}
