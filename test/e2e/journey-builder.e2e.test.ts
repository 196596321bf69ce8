import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@switchboard/accounts';
import type { LocalStack } from '@switchboard/stack';
import {
  createApiKey,
  daytimeZone,
  signIn as signInAt,
  snap,
  startE2eStack,
  type E2eStack,
} from '../support/e2e-stack.ts';

// Journeys as a marketer builds them: from a recipe on the canvas to messages in the sandbox and counts on the steps.
let e2e: E2eStack;
let stack: LocalStack;
let browser: Browser;
const owner = DEMO.users.find((u) => u.role === 'owner')!;
const marketer = DEMO.users.find((u) => u.role === 'marketer')!;
const analyst = DEMO.users.find((u) => u.role === 'analyst')!;
let apiKey = '';

beforeAll(async () => {
  e2e = await startE2eStack();
  ({ stack, browser } = e2e);
  apiKey = await createApiKey(browser, stack.url, owner.email, DEMO.password);
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

const api = async (path: string, body: unknown) => {
  const res = await fetch(`${stack.url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 60_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Clicks a step's card on the canvas, which opens it in the side panel. */
async function openStep(page: Page, id: string) {
  await page.click(`[data-testid=journey-step][data-step-id=${id}] .journey-step-title`);
  await page.waitForSelector(`[data-testid=step-panel] code:text-is("${id}")`);
}

const saved = (page: Page) => page.waitForSelector('[data-testid=save-state][data-state=saved]');

describe('the journey builder, tried as a marketer would', () => {
  let journeyUrl = '';
  const items = [{ sku: 'TEA-BLUE', name: 'Blue teapot', quantity: 2, price: 30 }];

  it('lists the demo journeys with their counts; pausing one stops new entries', async () => {
    const page = await browser.newPage();
    await signInAt(page, stack.url, marketer.email, DEMO.password);
    await page.click('a[href="/journeys"]');
    const demoRow = page.locator('[data-testid=journey-row]:has-text("Abandoned cart recovery")');
    await demoRow.waitFor();
    const cells = await demoRow.locator('td').allTextContents();
    expect(cells[2]).toBe('v1');
    expect(Number(cells[3]!.replace(/\D/g, ''))).toBeGreaterThan(0);
    await demoRow.locator('a').click();
    await page.waitForSelector('[data-testid=journey-step]');
    // Live journeys open with their counts on the steps.
    await page.waitForSelector('[data-testid=journey-step][data-step-id=email] [data-testid=step-counts]');
    await page.click('button:has-text("Pause")');
    await page.waitForSelector('[data-testid=journey-status]:text-is("Paused")');
    await page.close();
  }, 60_000);

  it('builds the abandoned-cart journey from its recipe: templates, an SMS fallback re-added, short waits; publishes', async () => {
    const page = await browser.newPage();
    await signInAt(page, stack.url, marketer.email, DEMO.password);
    await page.goto(`${stack.url}/journeys`);
    await page.selectOption('[data-testid=journey-recipe]', 'abandonedCart');
    await page.fill('input[name=journey-name]', 'Cart rescue');
    await page.click('[data-testid=new-journey] button[type=submit]');
    await page.waitForSelector('[data-testid=journey-step][data-step-id=entry]');
    journeyUrl = page.url();
    // Sends without templates are problems shown on their steps; publishing waits for them.
    expect(await page.locator('[data-testid=journey-step] [data-testid=step-problem]').count()).toBe(3);
    expect(await page.isDisabled('[data-testid=publish-journey]')).toBe(true);

    await openStep(page, 'email');
    await page.selectOption('select[name=send-template]', { label: 'Cart reminder' });
    await openStep(page, 'wechat');
    await page.selectOption('select[name=send-template]', { label: 'Cart reminder WeChat' });

    // Take the recipe's SMS out, then undo and redo from the keyboard; then add an SMS step back from the palette.
    await openStep(page, 'sms');
    await page.click('[data-testid=remove-step]');
    await page.waitForSelector('[data-step-id=sms]', { state: 'detached' });
    await page.focus('[data-testid=journey-canvas]');
    await page.keyboard.press('Control+z');
    await page.waitForSelector('[data-step-id=sms]');
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector('[data-step-id=sms]', { state: 'detached' });
    await openStep(page, 'smsOk');
    await page.click('[data-testid=step-palette] [data-step-type=send]');
    await page.waitForSelector('[data-testid=step-panel] code:text-is("send1")');
    // Added after the selected branch, on its open "yes" path.
    expect(
      await page.$eval('[data-step-id=smsOk] [data-outlet=yes]', (el) => el.classList.contains('open')),
    ).toBe(false);
    await page.selectOption('select[name=send-channel]', 'sms');
    await page.selectOption('select[name=send-template]', { label: 'Cart reminder SMS' });
    await page.fill('input[name=step-label]', 'SMS fallback');
    await page.selectOption('[data-testid=outlet-next]', 'bought2');

    // Shorten the waits for the test: 20 seconds for the purchase after the email.
    await openStep(page, 'bought1');
    await page.selectOption('select[name=timeout-unit]', 'seconds');
    await page.fill('input[name=timeout-amount]', '20');
    await page.press('input[name=timeout-amount]', 'Tab');
    await saved(page);
    await page.waitForSelector('[data-testid=journey-problems]', { state: 'detached' });
    await snap(page, 'journey-builder');

    await page.click('[data-testid=publish-journey]');
    await page.waitForSelector('[data-testid=publish-dialog]');
    expect(await page.textContent('[data-testid=publish-changes]')).toContain('First version');
    await page.click('[data-testid=confirm-publish]');
    await page.waitForSelector('[data-testid=journey-status]:text-is("Live")');
    expect(await page.textContent('[data-testid=journey-version]')).toBe('v1');
    await page.close();
  }, 120_000);

  it('a tracked cart_abandoned sends the email with the cart’s items; the SMS follows; a purchase ends the other at the goal', async () => {
    const people: Record<'ana' | 'ben', string> = { ana: '', ben: '' };
    for (const [name, phone] of [
      ['ana', '+14155550301'],
      ['ben', '+14155550302'],
    ] as const) {
      const identified = await api('/identify', {
        email: `${name}.cart@example.com`,
        phone,
        firstName: name === 'ana' ? 'Ana' : 'Ben',
        timezone: daytimeZone(),
      });
      expect(identified.status).toBe(201);
      people[name] = identified.body.contactId as string;
      for (const channel of ['email', 'sms'])
        expect(
          (await api(`/contacts/${people[name]}/consents`, { channel, status: 'opted_in', source: 'form' }))
            .status,
        ).toBe(201);
    }
    for (const [name, cart] of [
      ['ana', 'cart-A'],
      ['ben', 'cart-B'],
    ] as const)
      expect(
        (
          await api('/track', {
            contactId: people[name],
            event: 'cart_abandoned',
            properties: { cart_id: cart, items },
          })
        ).status,
      ).toBe(200);

    const emailTo = (address: string) =>
      stack.sandbox!.smtp.list(1000).find((m) => m.to.includes(address) && m.subject.includes('your cart'));
    await until(
      'both cart emails are in the sandbox',
      () => emailTo('ana.cart@') && emailTo('ben.cart@'),
      60_000,
    );
    expect(emailTo('ana.cart@')!.html).toContain('2 × Blue teapot');

    // Ben buys that cart: his instance ends at the goal. Ana does not: the SMS follows after the (shortened) wait.
    expect(
      (await api('/track', { contactId: people.ben, event: 'purchase', properties: { cart_id: 'cart-B' } }))
        .status,
    ).toBe(200);
    const sms = await until(
      'Ana’s SMS fallback arrives',
      () => stack.sandbox!.sms.find((m) => m.to === '+14155550301'),
      90_000,
    );
    expect(sms.body).toContain('Blue teapot');
    expect(stack.sandbox!.sms.some((m) => m.to === '+14155550302')).toBe(false);

    // The sandbox outbox shows the email as a user sees it.
    const page = await browser.newPage();
    await signInAt(page, stack.url, marketer.email, DEMO.password);
    await page.goto(`${stack.url}/sandbox`);
    await page.click('[data-testid=email-list] .list-item:has-text("ana.cart@example.com")');
    await page.frameLocator('iframe.email-frame').locator('text=2 × Blue teapot').waitFor();

    // The canvas counts what happened on each step.
    await page.goto(journeyUrl);
    await page.waitForSelector('[data-testid=journey-step][data-step-id=email] [data-testid=step-counts]');
    await until(
      'the counts show both entries and the conversion after the email',
      async () => {
        // Reached by both, and one converted after it (Ben's purchase is one of the journey's goals).
        const email = await page.evaluate(
          () => document.querySelector('[data-step-id=email] [data-testid=step-counts]')?.textContent ?? '',
        );
        return email.includes('↦ 2') && email.includes('★ 1');
      },
      30_000,
    );
    expect(await page.textContent('[data-testid=total-converted]')).toBe('1');
    await snap(page, 'journey-counts');

    // Each contact's page shows where they are.
    await page.goto(`${stack.url}/contacts/${people.ana}`);
    const ana = page.locator('[data-testid=contact-journey]:has-text("Cart rescue")');
    await ana.waitFor();
    expect(await ana.getAttribute('data-status')).toBe('active');
    expect(await ana.getAttribute('data-step')).toBe('bought2');
    await page.goto(`${stack.url}/contacts/${people.ben}`);
    const ben = page.locator('[data-testid=contact-journey]:has-text("Cart rescue")');
    await ben.waitFor();
    expect(await ben.getAttribute('data-status')).toBe('converted');
    // His purchase was what the step waited for, and also the journey's goal: it took the path to the goal step.
    expect(await ben.getAttribute('data-step')).toBe('won');
    await page.close();
  }, 180_000);

  it('an analyst sees the canvas and its counts but can change nothing; the server refuses a save', async () => {
    const page = await browser.newPage();
    await signInAt(page, stack.url, analyst.email, DEMO.password);
    await page.goto(`${stack.url}/journeys`);
    await page.waitForSelector('[data-testid=journey-row]');
    expect(await page.locator('[data-testid=new-journey]').count()).toBe(0);
    await page.locator('[data-testid=journey-row]:has-text("Welcome series") a').click();
    await page.waitForSelector('[data-testid=journey-step][data-step-id=welcome] [data-testid=step-counts]');
    expect(await page.locator('[data-testid=step-palette]').count()).toBe(0);
    expect(await page.locator('[data-testid=publish-journey]').count()).toBe(0);
    expect(await page.locator('button:has-text("Pause")').count()).toBe(0);
    const steps = await page.locator('[data-testid=journey-step]').count();

    // A step opens to read, with every field disabled; Delete on the canvas removes nothing.
    await openStep(page, 'welcome');
    expect(await page.locator('[data-testid=step-panel] fieldset:not([disabled])').count()).toBe(0);
    // The only thing to press is to look: the step's click map.
    expect(
      await page
        .locator(
          '[data-testid=step-panel] :is(input, select, textarea, button):enabled:not([data-testid=step-click-map])',
        )
        .count(),
    ).toBe(0);
    // What the welcome email did in the last 30 days: sent, delivered, opened and clicked by people, with shares.
    const sent = Number(
      (await page.textContent('[data-testid=step-messages] [data-testid=step-sent]'))!.replace(/\D/g, ''),
    );
    expect(sent).toBeGreaterThan(0);
    const opened = await page.textContent('[data-testid=step-messages] dd[data-rate=open]');
    expect(opened).toMatch(/^[\d,]+ \(\d+(\.\d)?%\)$/);
    expect(Number(opened!.split(' ')[0]!.replace(/,/g, ''))).toBeLessThanOrEqual(sent);
    // Its click map opens in place: the email as sent, in a sandboxed frame.
    await page.click('[data-testid=step-click-map]');
    await page.waitForSelector('[data-testid=step-messages] [data-testid=click-map-frame]');
    expect(await page.getAttribute('[data-testid=click-map-frame]', 'sandbox')).toBe('');
    await page.keyboard.press('Delete');
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=journey-step]').count()).toBe(steps);

    // What the page hides, the server refuses too: a save straight through tRPC.
    const journeyId = page.url().split('/').pop()!;
    const status = await page.evaluate(async (id) => {
      const me = await fetch('/trpc/auth.me').then(
        (r) => r.json() as Promise<{ result: { data: { csrfToken: string } } }>,
      );
      const res = await fetch('/trpc/journeys.saveDraft', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.result.data.csrfToken },
        body: JSON.stringify({ id, draft: { nodes: [] } }),
      });
      return res.status;
    }, journeyId);
    expect(status).toBe(403);
    await page.close();
  }, 60_000);

  it('reads well on a phone and in Simplified Chinese', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signInAt(page, stack.url, marketer.email, DEMO.password);
    await page.evaluate(() => localStorage.setItem('switchboard.locale', 'zh-CN'));
    await page.goto(journeyUrl);
    await page.waitForSelector('[data-testid=journey-step]');
    expect(await page.textContent('[data-testid=journey-status]')).toBe('运行中');
    expect(await page.textContent('[data-step-id=bought1] .journey-step-type')).toBe('等待事件');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'journey-phone-zh');
    await context.close();
  });
});
