import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, serverConfigSchema } from './index.ts';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  SESSION_SECRET: 'x'.repeat(32),
  TRACKING_SECRET: 't'.repeat(32),
};

describe('config loading', () => {
  it('fills defaults for a minimal valid environment', () => {
    const config = loadConfig(serverConfigSchema, valid);
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('names every invalid variable', () => {
    try {
      loadConfig(serverConfigSchema, {
        ...valid,
        PORT: 'eighty',
        SESSION_SECRET: 'short',
        DATABASE_URL: 'mysql://x',
      });
      expect.unreachable('config should have been refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(names).toEqual(['DATABASE_URL', 'PORT', 'SESSION_SECRET']);
      expect((error as ConfigError).message).toContain('SESSION_SECRET');
    }
  });

  it('treats empty values as unset and strips a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig(serverConfigSchema, {
      ...valid,
      PORT: '',
      PUBLIC_URL: 'https://mail.example.com/',
    });
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBe('https://mail.example.com');
  });

  it('requires the DKIM selector and key when a DKIM domain is set', () => {
    expect(() => loadConfig(serverConfigSchema, { ...valid, DKIM_DOMAIN: 'example.com' })).toThrow(
      /DKIM_SELECTOR/,
    );
  });
});
