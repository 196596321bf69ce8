import { randomUUID } from 'node:crypto';
import type { Database } from '@switchboard/db';

/** A workspace named Acme Shop with a postal address (marketing email needs one); returns its id. */
export async function createTestWorkspace(db: Database): Promise<string> {
  const id = randomUUID();
  await db
    .fork()
    .getConnection()
    .execute(
      `insert into workspaces (id, slug, name, postal_address, default_locale, created_at)
       values (?, ?, 'Acme Shop', 'Acme GmbH, Hauptstraße 1, 10115 Berlin', 'en', now())`,
      [id, `acme-${id.slice(0, 8)}`],
    );
  return id;
}
