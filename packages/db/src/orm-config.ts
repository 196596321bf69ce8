import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { allEntities } from './entities.ts';
import { migrationsList } from './migrations/index.ts';

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  debug?: boolean;
}

export function createOrmConfig(options: DatabaseOptions): Options {
  return defineConfig({
    clientUrl: options.url,
    entities: allEntities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: options.poolMax ?? 10 },
    debug: options.debug ?? false,
    // Every request and activity forks its own EntityManager; the global one must never be used by accident.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      tableName: 'schema_migrations',
      silent: true,
      // Migrations are written by hand and listed explicitly; no schema snapshot files in the source tree.
      snapshot: false,
    },
  });
}
