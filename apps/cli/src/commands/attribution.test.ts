import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'attribution-'));
const file = (name: string, content: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
};

/** Runs the CLI with no database at all: the command must not need one. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    () => Promise.reject(new Error('the attribution command opened the database')),
    (l) => err.push(l),
    (l) => out.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const paths = [
  {
    touches: [
      { channel: 'email', at: '2026-11-01T10:00:00Z' },
      { channel: 'sms', at: '2026-11-03T10:00:00Z' },
    ],
    conversion: { at: '2026-11-04T10:00:00Z', value: 64.76 },
  },
  { touches: [{ channel: 'email', at: '2026-11-02T10:00:00Z' }], conversion: null },
  {
    touches: [{ channel: 'wechat', at: '2026-11-02T10:00:00Z' }],
    conversion: { at: '2026-11-02T12:00:00Z', value: 20 },
  },
];

describe('npm run cli -- attribution', () => {
  it('prints every model’s credits per channel as JSON, each summing to the converted value', async () => {
    const { code, out } = await cli('attribution', file('paths.json', JSON.stringify(paths)));
    expect(code).toBe(0);
    const credits = JSON.parse(out) as Record<string, Record<string, number>>;
    expect(Object.keys(credits)).toEqual(['first', 'last', 'linear', 'time-decay', 'position', 'markov']);
    expect(credits.first).toEqual({ email: 64.76, sms: 0, wechat: 20 });
    expect(credits.last).toEqual({ email: 0, sms: 64.76, wechat: 20 });
    for (const model of Object.values(credits))
      expect(Object.values(model).reduce((a, b) => a + b, 0)).toBeCloseTo(84.76, 9);
  });

  it('runs one model with the half-life given', async () => {
    const { code, out } = await cli(
      'attribution',
      file('one.json', JSON.stringify(paths.slice(0, 1))),
      '--model',
      'time-decay',
      '--half-life-hours',
      '48',
    );
    expect(code).toBe(0);
    // Ages 3 and 1 days with a 2-day half-life: weights 2^-1.5 and 2^-0.5, i.e. 1/3 and 2/3.
    const credits = JSON.parse(out) as { 'time-decay': Record<string, number> };
    expect(Object.keys(credits)).toEqual(['time-decay']);
    expect(credits['time-decay'].email).toBeCloseTo(64.76 / 3, 9);
  });

  it('says what is wrong with the call or the file', async () => {
    expect(await cli('attribution', file('a.json', '[]'), '--model', 'shapley')).toMatchObject({
      code: 64,
      err: expect.stringContaining('--model must be all or one of first, last'),
    });
    expect(await cli('attribution', file('b.json', '[]'), '--half-life-hours', '0')).toMatchObject({
      code: 64,
      err: expect.stringContaining('--half-life-hours must be a positive number'),
    });
    expect(await cli('attribution', path.join(dir, 'missing.json'))).toMatchObject({
      code: 66,
      err: expect.stringContaining('Cannot read'),
    });
    expect(await cli('attribution', file('c.json', '{"touches": ['))).toMatchObject({
      code: 65,
      err: expect.stringContaining('c.json is not JSON'),
    });
    const wrong = await cli(
      'attribution',
      file('d.json', '[{"touches": [{"channel": "sms", "at": "soon"}]}]'),
    );
    expect(wrong.code).toBe(65);
    expect(wrong.err).toContain('paths[0].touches[0].at: must be an ISO 8601 date-time');
    expect(wrong.err).toContain('paths[0].conversion: must be { "at": …, "value": … } or null');
  });
});
