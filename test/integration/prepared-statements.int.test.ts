import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { useTestDatabase } from '@switchboard/testkit';

/** One connection, so every statement below meets what the ones before it prepared. */
let db: Database;
beforeAll(async () => {
  const test = await useTestDatabase();
  db = await openDatabase({ url: test.url, poolMax: 1 });
}, 60_000);
afterAll(() => db?.close());

const prepared = async (text: string) =>
  sql<{ n: number }>(
    db.orm.em.fork(),
    'select count(*)::int as n from pg_prepared_statements where statement = ?',
    [text],
  );

describe('statements run through sql()', () => {
  it('are prepared from their second run, once per connection, with the same answers', async () => {
    const query = 'select ?::int + 1 as n, ?::text as label';
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await sql(db.orm.em.fork(), query, [i, `run ${i}`]));
    expect(answers.map(([row]) => row)).toEqual([0, 1, 2, 3].map((i) => ({ n: i + 1, label: `run ${i}` })));
    expect(await prepared('select $1::int + 1 as n, $2::text as label')).toEqual([{ n: 1 }]);
  });

  it('inside a transaction too', async () => {
    const query = 'select ?::int * 2 as n';
    const rows = await db.orm.em
      .fork()
      .transactional(async (tx) => [
        ...(await sql(tx, query, [2])),
        ...(await sql(tx, query, [3])),
        ...(await sql(tx, query, [4])),
      ]);
    expect(rows).toEqual([{ n: 4 }, { n: 6 }, { n: 8 }]);
    expect(await prepared('select $1::int * 2 as n')).toEqual([{ n: 1 }]);
  });

  it('answer with the new columns after the table changed under a prepared statement', async () => {
    const em = () => db.orm.em.fork();
    await sql(em(), 'create table prepared_probe (a int)');
    await sql(em(), 'insert into prepared_probe values (?)', [1]);
    const query = 'select * from prepared_probe where a = ?';
    expect(await sql(em(), query, [1])).toEqual([{ a: 1 }]);
    expect(await sql(em(), query, [1])).toEqual([{ a: 1 }]);
    expect(await prepared('select * from prepared_probe where a = $1')).toEqual([{ n: 1 }]);
    // PostgreSQL refuses to run the prepared statement now: its rows would have another shape.
    await sql(em(), 'alter table prepared_probe add column b text');
    expect(await sql(em(), query, [1])).toEqual([{ a: 1, b: null }]);
    expect(await sql(em(), query, [1])).toEqual([{ a: 1, b: null }]);
  });

  it('take array parameters of any length as one value', async () => {
    const query = 'select cardinality(?::int[]) as n';
    for (const values of [[1, 2], [1, 2, 3], [], [4]])
      expect(await sql(db.orm.em.fork(), query, [values])).toEqual([{ n: values.length }]);
  });
});
