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

// Email, SMS and WeChat as a new user tries them: from the contact page to the far side and back.
let e2e: E2eStack;
let stack: LocalStack;
let browser: Browser;
const owner = DEMO.users.find((u) => u.role === 'owner')!;
const marketer = DEMO.users.find((u) => u.role === 'marketer')!;
const agent = DEMO.users.find((u) => u.role === 'agent')!;
let apiKey = '';

beforeAll(async () => {
  e2e = await startE2eStack();
  ({ stack, browser } = e2e);
  apiKey = await createApiKey(browser, stack.url, owner.email, DEMO.password);
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

const signIn = (page: Page, email: string, password: string) => signInAt(page, stack.url, email, password);

describe('sending, tried as a new user would', () => {
  const iphone =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
  const api = (path: string, body: unknown) =>
    fetch(`${stack.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let contactId = '';

  async function openContact(page: Page, search: string) {
    await page.goto(`${stack.url}/contacts`);
    await page.fill('input[name=contact-search]', search);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=contacts-table] [role=row][data-id]').length === 1,
    );
    await page.click('[data-testid=contacts-table] [role=row][data-id]');
    await page.waitForSelector('[data-testid=messages-card]');
  }

  async function send(
    page: Page,
    message: { channel: string; purpose: string; subject?: string; text: string },
  ) {
    const before = await page.locator('[data-testid=message-row]').count();
    await page.selectOption('[data-testid=message-channel]', message.channel);
    await page.selectOption('[data-testid=message-purpose]', message.purpose);
    if (message.subject) await page.fill('[data-testid=message-subject]', message.subject);
    await page.fill('[data-testid=message-text]', message.text);
    await page.click('[data-testid=message-send]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=message-row]').length > n,
      before,
    );
  }

  const newestStatus = (page: Page, status: string) =>
    page.waitForSelector(`[data-testid=message-row][data-status=${status}]`, { timeout: 30_000 });

  it('a marketing email arrives DKIM-signed with one-click unsubscribe; its open and click reach the contact', async () => {
    const identified = await api('/identify', {
      email: 'ana.channels@example.com',
      phone: '+14155550199',
      firstName: 'Ana',
      lastName: 'Channels',
      timezone: daytimeZone(),
    });
    expect(identified.status).toBe(201);
    contactId = ((await identified.json()) as { contactId: string }).contactId;
    for (const channel of ['email', 'sms'])
      expect(
        (await api(`/contacts/${contactId}/consents`, { channel, status: 'opted_in', source: 'form' }))
          .status,
      ).toBe(201);

    const page = await browser.newPage();
    await signIn(page, owner.email, DEMO.password);
    // The DKIM record to publish, as Settings → Sending shows it for the demo's sending domain.
    await page.goto(`${stack.url}/settings/sending`);
    const domainCard = page.locator('[data-testid=domain-card]:has-text("switchboard.local")');
    await domainCard.waitFor();
    const dkimRecord = (await domainCard.locator('text=/v=DKIM1;/').first().textContent())!.trim();
    const dkimName = (await domainCard
      .locator('text=/_domainkey\\.switchboard\\.local/')
      .first()
      .textContent())!.trim();

    await openContact(page, 'ana.channels@example.com');
    await send(page, {
      channel: 'email',
      purpose: 'marketing',
      subject: 'Spring offer',
      text: 'Hello Ana,\n\nOur spring offer is live: https://shop.example.com/spring',
    });
    await newestStatus(page, 'sent');
    // Every kept message: the demo's first scoring pass emails its hand-offs (~90) and may land right after this one.
    const caught = await (async () => {
      for (let i = 0; i < 100; i++) {
        const found = stack.sandbox!.smtp.list(1000).find((m) => m.subject === 'Spring offer');
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('The email did not reach the sandbox');
    })();
    const raw = (await stack.sandbox!.smtp.raw(caught.id))!;
    const { authenticate } = await import('mailauth');
    const auth = await authenticate(raw, {
      ip: '127.0.0.1',
      sender: caught.envelopeFrom,
      disableArc: true,
      disableBimi: true,
      disableDmarc: true,
      resolver: (name: string, type: string) =>
        type === 'TXT' && name === dkimName
          ? Promise.resolve([[dkimRecord]])
          : Promise.reject(Object.assign(new Error(`no ${type} ${name}`), { code: 'ENOTFOUND' })),
    });
    expect(auth.dkim.results[0]?.status.result).toBe('pass');
    const header = (name: string) => caught.headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
    expect(header('list-unsubscribe')).toMatch(/^<http:\/\/localhost:\d+\/u\/[^>]+>, <mailto:/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // A person reads it a little later, on a phone, and clicks the offer.
    await new Promise((r) => setTimeout(r, 10_500));
    const local = (url: string) => url.replace(/^http:\/\/localhost:\d+/, stack.url).replace(/&amp;/g, '&');
    const pixel = local(/src="([^"]+\/t\/o\/[^"]+)"/.exec(caught.html!)![1]!);
    const click = local(/href="([^"]+\/t\/c\/[^"]+)"/.exec(caught.html!)![1]!);
    await fetch(pixel, { headers: { 'user-agent': iphone } });
    const redirect = await fetch(click, { headers: { 'user-agent': iphone }, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://shop.example.com/spring');
    await page.reload();
    await newestStatus(page, 'clicked');
    // The timeline says it in words, with the link that was clicked under it.
    const clicked = page.locator('[data-testid=contact-timeline] li', {
      hasText: 'Clicked a link in the Email message',
    });
    await clicked.first().waitFor({ timeout: 15_000 });
    expect(await clicked.first().locator('.event-detail').textContent()).toBe(
      'https://shop.example.com/spring',
    );
    await snap(page, 'contact-messages');

    // Unsubscribing from a phone-width page, without signing in.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: iphone });
    const unsubscribePage = await phone.newPage();
    await unsubscribePage.goto(local(/href="([^"]+\/u\/[^"]+)"/.exec(caught.html!)![1]!));
    await unsubscribePage.click('button:has-text("Unsubscribe from all marketing email")');
    await unsubscribePage.waitForSelector('text=You are unsubscribed');
    await snap(unsubscribePage, 'unsubscribe-phone');
    await phone.close();
    await page.reload();
    await send(page, {
      channel: 'email',
      purpose: 'marketing',
      subject: 'Another offer',
      text: 'More deals',
    });
    await newestStatus(page, 'suppressed');
    await page.close();
  }, 120_000);

  it('an SMS goes out and its delivery comes back signed; a STOP from the phone opts out and later texts are suppressed', async () => {
    const page = await browser.newPage();
    await signIn(page, marketer.email, DEMO.password);
    await openContact(page, 'ana.channels@example.com');
    await send(page, { channel: 'sms', purpose: 'marketing', text: 'Spring sale: 20% off today' });
    await newestStatus(page, 'delivered');
    expect(stack.sandbox!.sms.find((m) => m.to === '+14155550199')?.body).toBe(
      'Spring sale: 20% off today\nReply STOP to opt out',
    );

    await page.goto(`${stack.url}/sandbox`);
    await page.click('button[role=tab]:has-text("SMS")');
    await page.fill('[data-testid=sms-from]', '+14155550199');
    await page.fill('[data-testid=sms-body]', 'STOP');
    await page.click('[data-testid=sms-send]');
    await page.waitForSelector('[data-testid=sms-table] >> text=You have been unsubscribed', {
      timeout: 30_000,
    });

    await openContact(page, 'ana.channels@example.com');
    await send(page, { channel: 'sms', purpose: 'marketing', text: 'Last chance!' });
    await newestStatus(page, 'suppressed');
    await page.close();
  }, 120_000);

  it('a WeChat message from a simulated contact is stored on their profile, and a reply reaches them', async () => {
    const page = await browser.newPage();
    await signIn(page, agent.email, DEMO.password);
    await page.goto(`${stack.url}/sandbox`);
    await page.click('button[role=tab]:has-text("WeChat")');
    await page.fill('input[name=wechat-text]', '你们周末营业吗？');
    await page.click('form.inline-form button[type=submit]');
    await page.waitForSelector('[data-testid=wechat-transcript] >> text=你们周末营业吗？');

    await openContact(page, 'wxid_sandbox_lilei');
    await page.waitForSelector('[data-testid=messages-card] >> text=你们周末营业吗？');
    await send(page, { channel: 'wechat', purpose: 'transactional', text: '营业的，周末十点到六点。' });
    await newestStatus(page, 'sent');
    await page.goto(`${stack.url}/sandbox`);
    await page.click('button[role=tab]:has-text("WeChat")');
    await page.waitForSelector('[data-testid=wechat-transcript] >> text=营业的，周末十点到六点。', {
      timeout: 30_000,
    });
    await page.close();
  }, 120_000);
});
