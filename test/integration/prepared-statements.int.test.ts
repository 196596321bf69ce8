import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@switchboard/db';
import { list, OPAQUE_TEXT_LIST, sql, TEXT_LIST } from '@switchboard/contacts';
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

  it('keep their generic plan when their list is hidden from the planner', async () => {
    const em = () => db.orm.em.fork();
    await sql(em(), 'create table plan_probe (id uuid primary key, label text)');
    await sql(em(), 'insert into plan_probe select gen_random_uuid(), ? from generate_series(1, 2000)', [
      'x',
    ]);
    await sql(em(), 'analyze plan_probe');
    const [{ id }] = (await sql<{ id: string }>(em(), 'select id from plan_probe limit 1')) as [
      { id: string },
    ];
    const plans = async (listSql: string) => {
      const query = `select id from plan_probe where id = any(${listSql}::uuid[]) and label = any(${listSql})
        order by id for update`;
      for (let i = 0; i < 12; i++)
        expect(await sql(em(), query, [list([id]), list(['x'])])).toEqual([{ id }]);
      const [row] = await sql<{ generic: number; custom: number }>(
        em(),
        `select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
         where statement = ?`,
        [query.replace('?', '$1').replace('?', '$2')],
      );
      return row;
    };
    // Seeing the array makes each call's own plan look cheaper: planned again on all 11 prepared runs.
    expect(await plans(TEXT_LIST)).toEqual({ generic: 0, custom: 11 });
    // PostgreSQL tries five custom plans, then keeps the generic one.
    expect(await plans(OPAQUE_TEXT_LIST)).toEqual({ generic: 6, custom: 5 });
  });
});
