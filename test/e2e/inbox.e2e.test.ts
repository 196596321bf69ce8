import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@switchboard/accounts';
import type { LocalStack } from '@switchboard/stack';
import { signIn, snap, startE2eStack, type E2eStack } from '../support/e2e-stack.ts';

// The shared inbox as two agents use it on the demo: live messages, assignment, canned replies, notes.
let e2e: E2eStack;
let stack: LocalStack;
let browser: Browser;
const agent = DEMO.users.find((u) => u.role === 'agent')!;
const admin = DEMO.users.find((u) => u.role === 'admin')!;
const marketer = DEMO.users.find((u) => u.role === 'marketer')!;

beforeAll(async () => {
  e2e = await startE2eStack();
  ({ stack, browser } = e2e);
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

async function openInbox(page: Page, who: { email: string }) {
  await signIn(page, stack.url, who.email, DEMO.password);
  await page.click('a[href="/inbox"]');
  await page.click('[data-testid=inbox-view-all]');
  await page.waitForSelector('[data-testid=feed-state]:has-text("Live")');
}

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const row = (text: string) => `[data-testid=conversation-row]:has-text("${text}")`;

describe('the inbox', () => {
  it('two agents see a WeChat message arrive live; one takes it, answers with a canned response the contact receives, a note tells the other, and resolving asks for a rating she gives', async () => {
    const newPage = async () => (await browser.newContext()).newPage();
    const agentPage = await newPage();
    const adminPage = await newPage();
    const sandboxPage = await newPage();
    const dialogs: string[] = [];
    for (const page of [agentPage, adminPage])
      page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
    await openInbox(agentPage, agent);
    await openInbox(adminPage, admin);
    // The demo's morning: SMS and email replies to its campaigns and WeChat messages, waiting.
    // (The feed says "Live" once its stream is open; the list's first page may land a moment later.)
    await expect
      .poll(() => agentPage.locator('[data-testid=conversation-row]').count())
      .toBeGreaterThanOrEqual(5);

    await signIn(sandboxPage, stack.url, marketer.email, DEMO.password);
    await sandboxPage.goto(`${stack.url}/sandbox`);
    await sandboxPage.click('button[role=tab]:has-text("WeChat")');
    await sandboxPage.selectOption('select[name=wechat-contact]', 'wxid_sandbox_wangfang');
    await sandboxPage.fill('input[name=wechat-text]', '请问还有优惠券吗？');
    const sentAt = Date.now();
    await sandboxPage.click('form.inline-form button[type=submit]');
    const seenAt = await Promise.all(
      [agentPage, adminPage].map(async (page) => {
        await page.waitForSelector(row('请问还有优惠券吗？'), { timeout: 15_000 });
        return Date.now();
      }),
    );
    // Both screens within a second of each other, without reloading (the bot's own path takes its time before).
    expect(Math.abs(seenAt[0]! - seenAt[1]!)).toBeLessThan(1000);
    expect(Math.max(...seenAt) - sentAt).toBeLessThan(10_000);

    await agentPage.click(row('请问还有优惠券吗？'));
    await agentPage.waitForSelector('[data-testid=conversation] h2:has-text("王芳")');
    // Round-robin already gave it to one of the two agents online; she takes it if it went to the other.
    await expect.poll(() => agentPage.inputValue('[data-testid=assignee]')).not.toBe('');
    if (await agentPage.isVisible('[data-testid=assign-me]'))
      await agentPage.click('[data-testid=assign-me]');
    await agentPage.waitForSelector('[data-testid=assign-me]', { state: 'detached' });
    // The other agent's list says who has it, live.
    await adminPage.waitForSelector(`${row('请问还有优惠券吗？')}:has-text("Aiden Agent")`);

    await agentPage.click('[data-testid=composer-text]');
    await agentPage.keyboard.type('/niha');
    await agentPage.waitForSelector('[data-testid=canned-picker] >> text=/nihao');
    await agentPage.keyboard.press('Enter');
    await expect.poll(() => agentPage.inputValue('[data-testid=composer-text]')).toContain('您好芳');
    await agentPage.click('[data-testid=composer-send]');
    await agentPage.waitForSelector('[data-testid=conversation-entries] .entry-outbound >> text=您好芳');
    await sandboxPage.waitForSelector('[data-testid=wechat-transcript] >> text=您好芳，感谢联系', {
      timeout: 20_000,
    });
    await agentPage.waitForSelector(
      '.entry-outbound [data-testid=delivery-status]:has-text("sent"), .entry-outbound [data-testid=delivery-status]:has-text("delivered")',
      { timeout: 20_000 },
    );
    // An image follows: shown in the conversation, received as a picture in WeChat.
    await agentPage.setInputFiles('[data-testid=composer-attach]', {
      name: 'coupon.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await agentPage.waitForSelector('[data-testid=composer-images] img');
    await agentPage.click('[data-testid=composer-send]');
    await agentPage.waitForSelector('[data-testid=entry-images] img[alt="coupon.png"]');
    await sandboxPage.waitForSelector('[data-testid=wechat-transcript] >> text=🖼 coupon.png', {
      timeout: 20_000,
    });

    await agentPage.click('[data-testid=composer-note]');
    await agentPage.fill('[data-testid=composer-text]', '@Adam Admin can she have the winter coupon?');
    await agentPage.click('[data-testid=composer-send]');
    await agentPage.waitForSelector('.entry-note >> text=can she have the winter coupon');
    await adminPage.reload();
    await adminPage.waitForSelector('[data-testid=notification-count]');
    await adminPage.click('[data-testid=notification-bell]');
    await adminPage.waitForSelector('.bell-panel >> text=Aiden Agent mentioned you in a conversation');
    await snap(agentPage, 'inbox-conversation');

    // j moves to the next conversation, e resolves the open one; it leaves the open list everywhere.
    await agentPage.click('[data-testid=conversation-entries]');
    await agentPage.keyboard.press('e');
    await agentPage.waitForSelector('[data-testid=conversation-status]:has-text("Resolved")');
    await adminPage.waitForSelector(row('请问还有优惠券吗？'), { state: 'detached' });
    // She is asked how we did, in Chinese on WeChat, answers 5, and the agent sees it live.
    await sandboxPage.waitForSelector('[data-testid=wechat-transcript] >> text=请为本次服务评分', {
      timeout: 20_000,
    });
    await sandboxPage.fill('input[name=wechat-text]', '5');
    await sandboxPage.click('form.inline-form button[type=submit]');
    await agentPage.waitForSelector('[data-testid=csat]:has-text("5/5")', { timeout: 15_000 });
    expect(await agentPage.textContent('[data-testid=conversation-status]')).toContain('Resolved');
    const before = new URL(agentPage.url()).searchParams.get('conversation');
    await agentPage.keyboard.press('j');
    await expect.poll(() => new URL(agentPage.url()).searchParams.get('conversation')).not.toBe(before);
    expect(dialogs).toEqual([]);
  }, 180_000);

  it('shows the campaign an SMS answers, hostile text as text, and works in Chinese on a phone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', () => {
      throw new Error('a script in a message ran');
    });
    await openInbox(page, admin);
    // The demo's texts come from its cart journey: the answer names the journey and its step.
    await page.click('[data-testid=conversation-row]:has(.channel-sms):has-text("Abandoned cart") >> nth=0');
    await page.waitForSelector('[data-testid=conversation-cause] a[href^="/journeys/"]');
    await page.waitForSelector('.entry-cause:has-text("step") [data-testid=entry-cause]');
    await page.fill('[data-testid=composer-text]', 'Hello 你好');
    await page.waitForSelector('[data-testid=sms-counter]:has-text("UCS-2")');
    await page.fill('[data-testid=composer-text]', '');
    // Beside it: the journey that texted them, and actions whose outcome lands in the history for everyone.
    await page.waitForSelector('[data-testid=recent-sends] a[href^="/journeys/"]');
    await page.click('[data-testid=hand-off]');
    await page.waitForSelector('[data-testid=contact-action-result]');
    await page.waitForSelector('.entry-activity:has-text("Adam Admin handed the contact to sales")');
    const journeyOption = await page
      .locator('[data-testid=enrol-journey] option:not([value=""])')
      .first()
      .getAttribute('value');
    await page.selectOption('[data-testid=enrol-journey]', journeyOption);
    await page.click('[data-testid=contact-actions] button:has-text("Enrol")');
    await page.waitForSelector('.entry-activity:has-text("Adam Admin enrolled the contact in")');
    // An email answer to the newsletter names the campaign.
    await page.click(row('Loved the stories piece!'));
    await page.waitForSelector('[data-testid=conversation-cause] a[href^="/campaigns/"]');
    // Their email consent, switched at their request and back (whatever the demo gave them).
    await page.waitForSelector('[data-testid=consent-switches][aria-busy=false]');
    const emailConsent = '[data-testid=consent-switches] li[data-channel=email]';
    const consent = () => page.textContent(`${emailConsent} strong`);
    const flipped = (status: string | null) => (status === 'opted in' ? 'opted out' : 'opted in');
    const first = flipped(await consent());
    await page.click(`${emailConsent} button`);
    await expect.poll(consent).toBe(first);
    await page.click(`${emailConsent} button`);
    await expect.poll(consent).toBe(flipped(first));

    // A stranger texts markup, an RTL override and 20 KB; it is shown as the characters they sent.
    await page.goto(`${stack.url}/sandbox`);
    await page.click('button[role=tab]:has-text("SMS")');
    const hostile = `<img src=x onerror=alert(1)><script>alert(2)</script>\u202Egnp.exe ${'x'.repeat(1500)}`;
    await page.fill('[data-testid=sms-from]', '+14155550999');
    await page.fill('[data-testid=sms-body]', hostile);
    await page.click('[data-testid=sms-send]');
    await page.waitForSelector('[data-testid=sms-received]');
    await page.goto(`${stack.url}/inbox?view=all`);
    await page.click(row('<img src=x'), { timeout: 15_000 });
    const body = await page.textContent('.entry-inbound .entry-body');
    expect(body).toContain('<script>alert(2)</script>');
    // The right-to-left override is shown, not obeyed: "gnp.exe" cannot pass for "exe.png".
    expect(body).toContain('[U+202E]gnp.exe');
    expect(await page.locator('.entry-inbound .entry-body img, .entry-inbound script').count()).toBe(0);

    // The team's day in Reports → Inbox (first test's rating included), with a CSV of the table.
    await page.goto(`${stack.url}/reports?tab=inbox`);
    await page.waitForSelector('[data-testid=inbox-report] tr[data-row=total]');
    expect(await page.locator('[data-testid=csat-bars] g[data-score]').count()).toBe(5);
    expect(
      await page.locator('[data-testid=csat-bars] [data-testid=chart-axis-title]').allTextContents(),
    ).toEqual(['Answers', 'Score (1 = very unhappy, 5 = very happy)']);
    // Counts are whole numbers on the axis too.
    for (const tick of await page
      .locator('[data-testid=csat-bars] [data-testid=chart-value-axis] > text')
      .allTextContents())
      if (tick !== 'Answers') expect(tick).toMatch(/^\d+$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=inbox-csv]')]);
    expect(csv.suggestedFilename()).toMatch(/^inbox-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const mobile = await phone.newPage();
    await mobile.addInitScript(() => localStorage.setItem('switchboard.locale', 'zh-CN'));
    await signIn(mobile, stack.url, agent.email, DEMO.password);
    await mobile.goto(`${stack.url}/inbox?view=all`);
    await mobile.waitForSelector('h1:has-text("收件箱")');
    await mobile.waitForSelector('[data-testid=feed-state]:has-text("实时")');
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await mobile.click('[data-testid=conversation-row] >> nth=0');
    await mobile.waitForSelector('[data-testid=conversation]');
    expect(await mobile.isVisible('[data-testid=conversation-list]')).toBe(false);
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await snap(mobile, 'inbox-phone-zh');
    await mobile.click('.inbox-back');
    await mobile.waitForSelector('[data-testid=conversation-list]');
    await phone.close();
    await context.close();
  }, 180_000);

  it('an admin makes an SMS team with a one-minute first-response target; a new text lands in its queue, goes to its member, and turns red when the minute passes', async () => {
    const context = await browser.newContext();
    const settings = await context.newPage();
    await signIn(settings, stack.url, admin.email, DEMO.password);
    await settings.goto(`${stack.url}/settings/inbox`);
    const sla = settings.locator('[data-testid=sla-form]');
    await sla.locator('input[name=first]').fill('1');
    await sla.locator('input[name=hours]').uncheck();
    await sla.locator('button[type=submit]').click();
    await settings.waitForSelector('.notice >> text=Saved.');
    await settings.click('[data-testid=teams] button:has-text("Add a team")');
    const form = settings.locator('[data-testid=team-form]');
    await form.locator('input[name=team-name]').fill('Phone desk');
    await form.locator('input[name=team-channel-sms]').check();
    await form.locator(`label:has-text("${agent.name}") input`).check();
    await form.locator('button[type=submit]').click();
    await settings.waitForSelector('[data-testid=teams] tr[data-team="Phone desk"]:has-text("SMS")');
    // A second team cannot take SMS too: the form says which team has it.
    await settings.click('[data-testid=teams] button:has-text("Add a team")');
    await form.locator('input[name=team-name]').fill('Night shift');
    await form.locator('input[name=team-channel-sms]').check();
    await form.locator('button[type=submit]').click();
    await settings.waitForSelector('.notice >> text=SMS conversations already go to “Phone desk”');
    await snap(settings, 'inbox-teams-settings');

    const agentPage = await (await browser.newContext()).newPage();
    await openInbox(agentPage, agent);
    await agentPage.selectOption('[data-testid=team-filter]', { label: 'Phone desk' });
    const sandbox = await context.newPage();
    await sandbox.goto(`${stack.url}/sandbox`);
    await sandbox.click('button[role=tab]:has-text("SMS")');
    await sandbox.fill('[data-testid=sms-from]', '+14155550777');
    await sandbox.fill('[data-testid=sms-body]', '发票什么时候能开好？');
    await sandbox.click('[data-testid=sms-send]');
    const waiting = row('发票什么时候能开好？');
    await agentPage.waitForSelector(waiting, { timeout: 15_000 });
    await agentPage.waitForSelector(`${waiting} [data-testid=sla]`);
    await agentPage.click(waiting);
    expect(await agentPage.inputValue('[data-testid=conversation-team]')).not.toBe('');
    await expect.poll(() => agentPage.inputValue('[data-testid=assignee]')).not.toBe('');
    // Nobody answers: the worker's durable timer marks the miss, and the open screen shows it without a reload.
    await agentPage.waitForSelector(`${waiting} [data-testid=sla].breached`, { timeout: 100_000 });
    await snap(agentPage, 'inbox-sla-breached');
    await context.close();
  }, 180_000);
});
