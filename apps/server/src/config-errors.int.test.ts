import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const entry = path.resolve(import.meta.dirname, 'main.ts');

describe('server start-up with invalid configuration', () => {
  it('stops with exit code 78 and a message naming each bad variable, before touching anything', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', PORT: 'eighty', SESSION_SECRET: 'short' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL: must be a postgres:// connection URL');
    expect(result.stderr).toContain('PORT: must be a port number');
    expect(result.stderr).toContain('SESSION_SECRET: must be at least 32 random characters');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
