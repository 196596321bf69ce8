import { describe, expect, it } from 'vitest';
import { mapRow, type RowContext } from './row-mapper.ts';
import { parseTarget, type ColumnTarget } from './import-mapping.ts';

const header = ['email', 'phone', 'first', 'stage', 'tags', 'seats', 'tz'];
const context: RowContext = {
  header,
  mapping: ['email', 'phone', 'firstName', 'lifecycleStage', 'tags', 'attribute:seats', 'timezone'].map(
    (t) => parseTarget(t) as ColumnTarget,
  ),
  attributeTypes: new Map([['seats', 'number']]),
  defaultCountry: 'DE',
};

describe('mapRow', () => {
  it('normalises identities, reads national numbers in the default country, coerces typed attributes', () => {
    const result = mapRow(
      [
        ' Ann@Example.COM ',
        '0151 12345678',
        'Ann',
        'Marketing Qualified Lead',
        'vip; beta',
        '12',
        'Europe/Berlin',
      ],
      2,
      context,
    );
    expect(result).toEqual({
      record: {
        rows: [2],
        identities: { email: 'ann@example.com', phone: '+4915112345678' },
        profile: { firstName: 'Ann', lifecycleStage: 'mql', timezone: 'Europe/Berlin' },
        attributes: { seats: 12 },
        tags: ['vip', 'beta'],
      },
    });
  });

  it('treats empty cells as not given', () => {
    const result = mapRow(
      ['', '', '', '', '', '', ''].map((c, i) => (i === 0 ? 'a@b.de' : c)),
      3,
      context,
    );
    expect(result).toEqual({
      record: { rows: [3], identities: { email: 'a@b.de' }, profile: {}, attributes: {}, tags: [] },
    });
  });

  it('reports every problem of a row at once, each naming its column', () => {
    const result = mapRow(['not-an-email', '123', '', 'boss', '', 'many', 'Mars/Base'], 7, context);
    expect('rejection' in result && result.rejection.row).toBe(7);
    const reason = 'rejection' in result ? result.rejection.reason : '';
    for (const part of [
      'email: "not-an-email"',
      'phone: "123"',
      'stage: "boss"',
      'seats: must be a number',
      'tz: "Mars/Base"',
    ])
      expect(reason).toContain(part);
  });

  it('refuses rows with the wrong number of cells or no identity', () => {
    expect(mapRow(['a@b.de'], 4, context)).toMatchObject({
      rejection: { reason: 'the row has 1 cell but the header has 7' },
    });
    expect(mapRow(['', '', 'Ann', '', '', '', ''], 5, context)).toMatchObject({
      rejection: { reason: expect.stringContaining('no email, phone') as string },
    });
  });
});
