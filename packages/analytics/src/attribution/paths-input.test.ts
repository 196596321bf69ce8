import { describe, expect, it } from 'vitest';
import { parseChannelPaths, PathsInputError } from './paths-input.ts';

const problemsOf = (json: unknown) => {
  try {
    parseChannelPaths(json);
  } catch (error) {
    if (error instanceof PathsInputError) return error.problems;
    throw error;
  }
  return [];
};

describe('the offline paths file', () => {
  it('reads touches and conversions, converting instants to milliseconds', () => {
    expect(
      parseChannelPaths([
        {
          touches: [{ channel: 'email', at: '2026-11-01T10:00:00Z' }],
          conversion: { at: '2026-11-01T12:00:00+02:00', value: 64.76 },
        },
        { touches: [], conversion: null },
      ]),
    ).toEqual([
      {
        touches: [{ key: 'email', at: Date.parse('2026-11-01T10:00:00Z') }],
        conversion: { at: Date.parse('2026-11-01T10:00:00Z'), value: 64.76 },
      },
      { touches: [], conversion: null },
    ]);
  });

  it('names each problem by where it is', () => {
    expect(problemsOf({})).toEqual(['paths: must be a JSON array of paths']);
    expect(
      problemsOf([
        {
          touches: [{ channel: '', at: 'yesterday' }],
          conversion: { at: '2026-11-01T10:00:00Z', value: -1 },
        },
      ]),
    ).toEqual([
      'paths[0].touches[0].channel: must name the channel',
      'paths[0].touches[0].at: must be an ISO 8601 date-time with a zone, e.g. 2026-11-01T10:00:00Z',
      'paths[0].conversion.value: must not be negative',
    ]);
    expect(problemsOf([{ touches: [], conversion: { at: '2026-11-01T10:00:00Z', value: 'NaN' } }])).toEqual([
      'paths[0].conversion.value: must be a number',
    ]);
  });

  it('refuses touches out of order or after the conversion', () => {
    expect(
      problemsOf([
        {
          touches: [
            { channel: 'sms', at: '2026-11-02T10:00:00Z' },
            { channel: 'email', at: '2026-11-01T10:00:00Z' },
          ],
          conversion: null,
        },
        {
          touches: [{ channel: 'sms', at: '2026-11-03T10:00:00Z' }],
          conversion: { at: '2026-11-02T10:00:00Z', value: 1 },
        },
      ]),
    ).toEqual([
      'paths[0].touches[1].at: is earlier than the touch before it (touches go in time order)',
      'paths[1].touches[0].at: is after the conversion',
    ]);
  });
});
