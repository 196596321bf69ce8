import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@switchboard/testkit';

const { db } = await useTestDatabase();

describe('migrations', () => {
  it('produce exactly the schema the entities describe (no drift between entities and committed migrations)', async () => {
    const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false });
    expect(diff.trim()).toBe('');
  });

  it('can be rolled back and re-applied', async () => {
    const migrator = db.orm.getMigrator();
    await migrator.down({ to: 0 });
    const tables = await db
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(
        "select count(*)::text as n from information_schema.tables where table_schema = 'public' and table_name <> 'schema_migrations'",
      );
    expect(tables[0]?.n).toBe('0');
    expect((await migrator.up()).length).toBeGreaterThan(0);
  });
});
