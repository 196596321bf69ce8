import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort, startLocalStack, type LocalStack } from '@switchboard/stack';
import { createTestDatabase, temporalAddress } from '@switchboard/testkit';
import { launchChromium } from './chromium.ts';
import { repoRoot } from './repo-root.ts';

export interface E2eStack {
  stack: LocalStack;
  browser: Browser;
  /** The product's database and its main task queue, for tools run beside it (the CLI). */
  databaseUrl: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/** The whole product as `npm start` runs it (demo seed, sandbox peers), on its own database and queues, plus Chromium. */
export async function startE2eStack(): Promise<E2eStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-e2e-'));
  const database = await createTestDatabase();
  await database.db.close();
  const port = await freePort();
  const stack = await startLocalStack({
    repoRoot,
    dataDir,
    port,
    databaseUrl: database.url,
    pgPort: 0,
    temporalAddress: temporalAddress(),
    temporalPort: 0,
    temporalUiPort: 0,
    realProviders: false,
    sandboxSmtpPort: await freePort(),
    sandboxHttpPort: await freePort(),
    inboundSmtpPort: await freePort(),
    env: {
      TEMPORAL_TASK_QUEUE: `e2e-${port}`,
      TEMPORAL_WECHAT_TASK_QUEUE: `e2e-wechat-${port}`,
      LOG_LEVEL: 'warn',
    },
    log: () => undefined,
  });
  const browser = await launchChromium();
  return {
    stack,
    browser,
    databaseUrl: database.url,
    taskQueue: `e2e-${port}`,
    async stop() {
      await browser.close();
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/sign-in`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=workspace-name]');
}

/** Screenshots for a human look at the pages (SCREENSHOTS=dir). */
export async function snap(page: Page, name: string) {
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: path.join(process.env.SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A zone where it is daytime now, so marketing is not held back by quiet hours while the test runs. */
export function daytimeZone(): string {
  const zones = [
    'UTC',
    'America/New_York',
    'America/Los_Angeles',
    'Asia/Shanghai',
    'Europe/Berlin',
    'Asia/Tokyo',
  ];
  return zones.find((timeZone) => {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()),
    );
    return hour >= 9 && hour < 20;
  })!;
}

/** An API key made the way a user makes one: signed in as `email`, in Settings → API keys. */
export async function createApiKey(
  browser: Browser,
  url: string,
  email: string,
  password: string,
): Promise<string> {
  const page = await browser.newPage();
  await signIn(page, url, email, password);
  await page.goto(`${url}/settings/api-keys`);
  await page.fill('input[name=key-name]', 'End-to-end key');
  await page.click('form.inline-form button[type=submit]');
  const key = (await page.textContent('[data-testid=new-api-key]'))!.trim();
  await page.close();
  return key;
}
