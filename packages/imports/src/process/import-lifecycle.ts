import type { EntityManager } from '@switchboard/db';
import { recordAudit } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';

/** Marks the import running (once) and says how many batches the workflow must import. */
export async function beginImport(em: EntityManager, importId: string) {
  const [row] = await sql<{ batch_count: number }>(
    em,
    `update imports set status = 'running', started_at = coalesce(started_at, now())
     where id = ? and status in ('queued', 'running') returning batch_count`,
    [importId],
  );
  if (!row) throw new Error(`Import ${importId} is not waiting to run`);
  return { batchCount: row.batch_count };
}

/** Completes the import: the waiting rows are dropped (the rejected ones stay for the report). */
export async function finishImport(em: EntityManager, importId: string) {
  return em.transactional(async (tx) => {
    const [row] = await sql<{
      workspace_id: string;
      file_name: string;
      created_by: string;
      created_count: number;
      updated_count: number;
      duplicate_count: number;
      rejected_count: number;
    }>(
      tx,
      `update imports set status = 'completed', finished_at = coalesce(finished_at, now()) where id = ?
       returning workspace_id, file_name, created_by, created_count, updated_count, duplicate_count, rejected_count`,
      [importId],
    );
    await sql(tx, 'delete from import_batches where import_id = ?', [importId]);
    await sql(tx, 'delete from import_contacts where import_id = ?', [importId]);
    if (!row) return;
    recordAudit(tx, {
      workspaceId: row.workspace_id,
      actor: { type: 'cli', id: null, label: `import of ${row.file_name} by ${row.created_by}` },
      action: 'contacts.import_completed',
      target: { type: 'import', id: importId },
      details: {
        created: row.created_count,
        updated: row.updated_count,
        duplicates: row.duplicate_count,
        rejected: row.rejected_count,
      },
    });
    await tx.flush();
  });
}

/** Records why an import stopped; the batches already imported stay imported and are counted. */
export async function failImport(em: EntityManager, importId: string, message: string) {
  await sql(em, `update imports set status = 'failed', error = ?, finished_at = now() where id = ?`, [
    message.slice(0, 2000),
    importId,
  ]);
  await sql(em, 'delete from import_contacts where import_id = ?', [importId]);
}
