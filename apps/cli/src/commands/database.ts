import { migrateDatabase } from '@switchboard/db';
import { DEMO, seedDemoWorkspace } from '@switchboard/accounts';
import type { Command } from '../command.ts';

export const migrate: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'Apply pending database migrations (safe to run from several machines at once)',
  options: {},
  async run(_values, { db, print }) {
    const applied = await migrateDatabase(db);
    print(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  },
};

export const seedDemo: Command = {
  name: 'seed-demo',
  usage: 'seed-demo',
  summary: `Create the demo workspace "${DEMO.slug}" with one user per role (does nothing if it exists)`,
  options: {},
  async run(_values, { db, print }) {
    const created = await seedDemoWorkspace(db.fork());
    print(
      created
        ? `Seeded "${DEMO.slug}"; sign in as ${DEMO.users.map((u) => u.email).join(', ')} with password ${DEMO.password}`
        : `"${DEMO.slug}" already exists.`,
    );
  },
};
