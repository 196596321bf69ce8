import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  sessionSecret: string;
  trackingSecret: string;
  sandboxTwilio: { accountSid: string; authToken: string };
}

/** Secrets the local stack invents on first start and keeps in the data folder, so restarts keep sessions valid. */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'local-secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalSecrets> &
      Omit<LocalSecrets, 'trackingSecret'>;
    // Data folders from before tracking links existed get a tracking secret on their next start.
    if (stored.trackingSecret) return stored as LocalSecrets;
    const upgraded = { ...stored, trackingSecret: randomBytes(32).toString('hex') };
    await writeFile(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  const secrets: LocalSecrets = {
    sessionSecret: randomBytes(32).toString('hex'),
    trackingSecret: randomBytes(32).toString('hex'),
    sandboxTwilio: {
      accountSid: 'AC' + randomBytes(16).toString('hex'),
      authToken: randomBytes(16).toString('hex'),
    },
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
