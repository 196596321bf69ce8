import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { createOrmConfig, type DatabaseOptions } from './orm-config.ts';

export type { EntityManager };

export interface Database {
  orm: MikroORM;
  /** A fresh EntityManager for one request or one activity. */
  fork(): EntityManager;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const orm = await MikroORM.init(createOrmConfig(options));
  return {
    orm,
    fork: () => orm.em.fork(),
    close: () => orm.close(true),
  };
}

/** Applies pending migrations; safe to call from several processes at once (a PostgreSQL advisory lock serialises them). */
export async function migrateDatabase(db: Database): Promise<string[]> {
  const connection = db.orm.em.getConnection();
  const knex = connection.getKnex();
  // Session-level advisory locks need one connection for lock + migrate + unlock.
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(727274)');
    const migrator = db.orm.getMigrator();
    const applied = await migrator.up();
    return applied.map((m) => m.name);
  });
}
