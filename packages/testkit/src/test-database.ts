import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase, type Database } from '@switchboard/db';
import './provided.ts';

export interface TestDatabase {
  url: string;
  name: string;
  db: Database;
}

/** A fresh, migrated database for this test file, dropped when the file's tests end. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${inject('pgTemplateDatabase')}"`);
  } finally {
    await admin.end();
  }
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const db = await openDatabase({ url, poolMax: 4 });
  return { url, name, db };
}

/** createTestDatabase plus automatic cleanup in afterAll. */
export async function useTestDatabase(): Promise<TestDatabase> {
  const test = await createTestDatabase();
  afterAll(async () => {
    await test.db.close();
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    await admin.query(`drop database if exists "${test.name}" with (force)`).finally(() => admin.end());
  });
  return test;
}

export const temporalAddress = (): string => inject('temporalAddress');
