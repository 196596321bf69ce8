import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@switchboard/accounts';
import { signIn, snap, startE2eStack, type E2eStack } from '../support/e2e-stack.ts';

// Issue 17's webhooks as an owner meets them: an endpoint for the sandbox's pretend CRM, a test event, the delivery
// log, and the CRM checking signatures with the secret shown once.
let e2e: E2eStack;
let browser: Browser;
let url: string;
const owner = DEMO.users.find((u) => u.role === 'owner')!;
const signInAs = (page: Page, email: string, password: string) => signIn(page, url, email, password);

beforeAll(async () => {
  e2e = await startE2eStack();
  browser = e2e.browser;
  url = e2e.stack.url;
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('a CRM on the other end', () => {
  it('receives signed webhooks from an endpoint an owner adds, tests and follows in the delivery log', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await signInAs(page, owner.email, DEMO.password);
    await page.goto(`${url}/settings/webhooks`);
    await page.click('[data-testid=webhook-use-sandbox]');
    expect(await page.inputValue('input[name=webhook-url]')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/crm\/webhooks\//,
    );
    await page.check('[data-group=message] >> text=Link clicked');
    await page.click('[data-testid=webhook-form] button[type=submit]');
    const secret = (await page.textContent('[data-testid=new-webhook-secret]'))!.trim();
    expect(secret).toMatch(/^whsec_[\w-]{20,}$/);
    const endpoint = page.locator('[data-testid=webhook-endpoint]').last();
    await endpoint.locator('[data-testid=webhook-test]').click();
    await endpoint
      .locator('[data-testid=webhook-delivery][data-status=delivered]')
      .first()
      .waitFor({ timeout: 30_000 });
    await snap(page, 'webhooks-settings');
    // The log shows the request exactly as signed, and sends it again on request.
    await endpoint.locator('[data-testid=webhook-delivery]').first().click();
    expect(
      await endpoint.locator('[data-testid=webhook-delivery-detail] pre').first().textContent(),
    ).toContain('"type": "webhook.test"');
    await endpoint.locator('[data-testid=webhook-resend]').click();
    await expect
      .poll(() => endpoint.locator('[data-testid=webhook-delivery][data-status=delivered]').count(), {
        timeout: 30_000,
      })
      .toBe(2);

    // The pretend CRM got both, and the secret shown once proves they came from this workspace.
    await page.goto(`${url}/sandbox`);
    await page.click('button[role=tab]:has-text("Webhooks")');
    await page.waitForSelector('[data-testid=sandbox-webhook]');
    await page.fill('[data-testid=sandbox-webhook-secret]', secret);
    await expect
      .poll(() => page.locator('[data-testid=signature-state]:has-text("Signature valid")').count())
      .toBeGreaterThanOrEqual(2);
    await page.fill('[data-testid=sandbox-webhook-secret]', `${secret}x`);
    await expect
      .poll(() => page.locator('[data-testid=signature-state]:has-text("Signature valid")').count())
      .toBe(0);
    await snap(page, 'webhooks-sandbox');

    // A private address is refused when saved, with the reason beside the field.
    await page.goto(`${url}/settings/webhooks`);
    await page.fill('input[name=webhook-url]', 'http://169.254.169.254/latest/meta-data');
    await page.click('[data-testid=webhook-form] button[type=submit]');
    await page.waitForSelector('[data-testid=webhook-form] .field-error:has-text("not a public address")');
    await page.close();
  }, 120_000);
});
