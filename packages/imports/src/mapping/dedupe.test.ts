import { describe, expect, it } from 'vitest';
import { dedupeRecords, matchExisting } from './dedupe.ts';
import type { ImportRecord } from './row-mapper.ts';

const record = (row: number, identities: ImportRecord['identities'], firstName?: string): ImportRecord => ({
  rows: [row],
  identities,
  profile: firstName ? { firstName } : {},
  attributes: {},
  tags: [`r${row}`],
});

describe('dedupeRecords', () => {
  it('merges rows sharing any identity in file order, later values winning, tags united', () => {
    const { people, rejections } = dedupeRecords([
      record(2, { email: 'a@x.de' }, 'Ann'),
      record(3, { phone: '+4915112345678' }),
      record(4, { email: 'a@x.de', phone: '+4915112345678' }),
      record(5, { email: 'a@x.de' }, 'Anna'),
    ]);
    expect(rejections).toEqual([{ row: 4, reason: expect.stringContaining('rows 2 and 3') as string }]);
    expect(people).toHaveLength(2);
    expect(people[0]).toMatchObject({ rows: [2, 5], profile: { firstName: 'Anna' }, tags: ['r2', 'r5'] });
  });
});

describe('matchExisting', () => {
  const existing = [
    { id: 'c1', identities: { email: 'a@x.de', phone: null } },
    { id: 'c2', identities: { email: 'b@x.de', phone: '+4915112345678' } },
  ];

  it('updates the one contact a person matches and creates the rest', () => {
    const { creates, updates, rejections } = matchExisting(
      [record(2, { email: 'a@x.de' }), record(3, { email: 'new@x.de' })],
      existing,
    );
    expect(rejections).toEqual([]);
    expect(creates.map((c) => c.rows)).toEqual([[3]]);
    expect([...updates.keys()]).toEqual(['c1']);
  });

  it('merges people that turn out to be the same contact, and refuses people spanning two contacts', () => {
    const { updates, rejections } = matchExisting(
      [
        record(2, { email: 'b@x.de' }, 'B'),
        record(3, { phone: '+4915112345678' }, 'Bea'),
        record(4, { email: 'a@x.de', phone: '+4915112345678' }),
      ],
      existing,
    );
    expect(updates.get('c2')).toMatchObject({ rows: [2, 3], profile: { firstName: 'Bea' } });
    expect(rejections).toEqual([
      { row: 4, reason: expect.stringContaining('2 different existing contacts') as string },
    ]);
  });
});
