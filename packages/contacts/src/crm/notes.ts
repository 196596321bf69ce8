import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { forbidden, notFound } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { requireContact } from '../profile/contact-profile.ts';

interface NoteRow {
  id: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
}
const noteView = (r: NoteRow) => ({
  id: r.id,
  body: r.body,
  authorId: r.author_id,
  authorName: r.author_name,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function addNote(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  authorId: string,
  body: string,
) {
  const [contact] = await sql(em, 'select 1 from contacts where workspace_id = ? and id = ?', [
    workspaceId,
    contactId,
  ]);
  if (!contact) throw notFound('Contact');
  const [row] = await sql<NoteRow>(
    em,
    `with n as (
       insert into notes (id, workspace_id, contact_id, author_id, body, created_at, updated_at)
       values (?, ?, ?, ?, ?, now(), now()) returning *
     ) select n.*, u.name as author_name from n left join users u on u.id = n.author_id`,
    [randomUUID(), workspaceId, contactId, authorId, body.trim()],
  );
  return noteView(row!);
}

export async function notesOf(em: EntityManager, workspaceId: string, contactId: string) {
  await requireContact(em, workspaceId, contactId);
  const rows = await sql<NoteRow>(
    em,
    `select n.*, u.name as author_name from notes n left join users u on u.id = n.author_id
     where n.workspace_id = ? and n.contact_id = ? order by n.created_at desc limit 200`,
    [workspaceId, contactId],
  );
  return rows.map(noteView);
}

/** Authors delete their own notes; owners and admins any. */
export async function deleteNote(
  em: EntityManager,
  workspaceId: string,
  noteId: string,
  user: { id: string; isAdmin: boolean },
) {
  const [note] = await sql<{ author_id: string | null }>(
    em,
    'select author_id from notes where workspace_id = ? and id = ?',
    [workspaceId, noteId],
  );
  if (!note) throw notFound('Note');
  if (note.author_id !== user.id && !user.isAdmin)
    throw forbidden('Only the author or an admin can delete this note');
  await sql(em, 'delete from notes where id = ?', [noteId]);
}
