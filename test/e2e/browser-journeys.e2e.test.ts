import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@switchboard/accounts';
import type { LocalStack } from '@switchboard/stack';
import { signIn as signInAt, snap, startE2eStack, type E2eStack } from '../support/e2e-stack.ts';

let e2e: E2eStack;
let stack: LocalStack;
let browser: Browser;
const owner = DEMO.users.find((u) => u.role === 'owner')!;
const agent = DEMO.users.find((u) => u.role === 'agent')!;
const marketer = DEMO.users.find((u) => u.role === 'marketer')!;
let apiKey = '';

beforeAll(async () => {
  e2e = await startE2eStack();
  ({ stack, browser } = e2e);
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

const signIn = (page: Page, email: string, password: string) => signInAt(page, stack.url, email, password);

describe('in the browser', () => {
  it('signs in, creates an API key in settings, and the key works on /api/v1', async () => {
    const page = await browser.newPage();
    await signIn(page, owner.email, DEMO.password);
    expect(await page.textContent('[data-testid=workspace-name]')).toBe(DEMO.name);
    await page.click('a[href="/settings"]');
    await page.click('a[href="/settings/api-keys"]');
    await page.fill('input[name=key-name]', 'Browser test key');
    await page.click('form.inline-form button[type=submit]');
    const key = (await page.textContent('[data-testid=new-api-key]'))!.trim();
    expect(key).toMatch(/^sb_live_/);
    apiKey = key;
    await page.waitForSelector('[data-testid=api-keys-table] >> text=Browser test key');

    const res = await fetch(`${stack.url}/api/v1/workspace`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { workspace: { slug: string } }).workspace.slug).toBe('demo');
    await page.close();
  });

  it('invites a user whose invite email lands in the sandbox outbox; the link signs them in with the invited role', async () => {
    const page = await browser.newPage();
    await signIn(page, owner.email, DEMO.password);
    await page.goto(`${stack.url}/settings/members`);
    await page.fill('input[name=invite-email]', 'zoe@example.com');
    await page.selectOption('select[name=invite-role]', 'analyst');
    await page.click('form.inline-form button[type=submit]');
    await page.waitForSelector('text=zoe@example.com');

    await page.click('a[href="/sandbox"]');
    await page.click('[data-testid=email-list] .list-item:has-text("invited you")');
    await page.waitForSelector('[data-testid=email-detail]');
    const frame = page.frameLocator('iframe.email-frame');
    const link = await frame.locator('a:has-text("Accept the invite")').getAttribute('href');
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
    await page.click('button[role=tab]:has-text("Headers")');
    await page.waitForSelector('.headers >> text=Message-ID');
    await page.close();

    const invitee = await browser.newContext();
    const invitePage = await invitee.newPage();
    await invitePage.goto(link!.replace(/^http:\/\/localhost:\d+/, stack.url));
    await invitePage.waitForSelector('text=zoe@example.com');
    await invitePage.fill('input[name=name]', 'Zoe Zhang');
    await invitePage.fill('input[name=password]', 'zoe-password-1');
    await invitePage.click('button[type=submit]');
    await invitePage.waitForSelector('[data-testid=current-user]');
    expect(await invitePage.textContent('[data-testid=current-user]')).toContain('Zoe Zhang');
    expect(await invitePage.textContent('[data-testid=current-user]')).toContain('Analyst');
    await invitee.close();
  });

  it('switches the whole interface to Simplified Chinese and remembers it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, owner.email, DEMO.password);
    await page.selectOption('select[aria-label="Language"]', 'zh-CN');
    await page.waitForSelector('nav >> text=联系人');
    expect(await page.textContent('nav')).toContain('沙盒发件箱');
    await page.reload();
    await page.waitForSelector('nav >> text=设置');
    expect(await page.textContent('h1')).toBe('联系人');
    await page.goto(`${stack.url}/templates`);
    await page.waitForSelector('h1 >> text=模板');
    await page.goto(`${stack.url}/journeys`);
    await page.waitForSelector('h1 >> text=旅程');
    await page.goto(`${stack.url}/inbox`);
    await page.waitForSelector('h1 >> text=收件箱');
    await page.waitForSelector('[data-testid=feed-state] >> text=实时');
    await context.close();
  });

  it('names every page in the browser tab: its heading, or the open item’s name, in the user’s language', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, owner.email, DEMO.password);
    const title = async (path: string, expected: string | RegExp) => {
      await page.goto(`${stack.url}${path}`);
      await expect.poll(() => page.title(), { message: path }).toMatch(expected);
    };
    const headed = async (path: string) => {
      await page.goto(`${stack.url}${path}`);
      const heading = (await page.locator('h1').first().textContent())!.trim();
      expect(heading, path).not.toBe('');
      await expect.poll(() => page.title(), { message: path }).toBe(`${heading} · Switchboard`);
    };
    for (const path of [
      '/contacts',
      '/contacts/import',
      '/segments',
      '/templates',
      '/campaigns',
      '/journeys',
    ])
      await headed(path);
    for (const path of ['/inbox', '/reports', '/sandbox']) await headed(path);
    // Each settings tab is named by the tab and the section.
    await title('/settings/members', 'Users and roles · Settings · Switchboard');
    await title('/settings/webhooks', 'Webhooks · Settings · Switchboard');
    await title('/settings/sending', 'Sending · Settings · Switchboard');
    // An item's page is named after the item: a contact, a segment, a campaign, a journey.
    await page.goto(`${stack.url}/campaigns`);
    await page.click('a:has-text("November newsletter")');
    await expect.poll(() => page.title()).toBe('November newsletter · Switchboard');
    await page.goto(`${stack.url}/journeys`);
    await page.click('a:has-text("Abandoned cart recovery")');
    await expect.poll(() => page.title()).toBe('Abandoned cart recovery · Switchboard');
    // Names edited in place are still the page's heading for screen readers and the outline.
    expect((await page.locator('main h1').first().textContent())!.trim()).toBe('Abandoned cart recovery');
    await page.goto(`${stack.url}/templates`);
    await page.locator('main a[href^="/templates/"]').first().click();
    await expect.poll(() => page.locator('main h1').first().textContent()).not.toBe('');
    const templateName = (await page.locator('main h1').first().textContent())!.trim();
    await expect.poll(() => page.title()).toBe(`${templateName} · Switchboard`);
    await page.goto(`${stack.url}/segments`);
    const segment = page.locator('main td a[href^="/segments/"]').first();
    const segmentName = (await segment.textContent())!.trim();
    await segment.click();
    await expect.poll(() => page.title()).toBe(`${segmentName} · Switchboard`);
    expect(await page.textContent('[data-testid=segment-heading]')).toBe(segmentName);
    await title('/segments/new', 'New segment · Switchboard');
    expect(await page.textContent('[data-testid=segment-heading]')).toBe('New segment');
    await page.selectOption('select[aria-label="Language"]', 'zh-CN');
    await title('/reports', '报表 · Switchboard');
    await context.close();
  }, 120_000);

  it('refuses settings to an agent, in the page and at the API', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, agent.email, DEMO.password);
    await page.goto(`${stack.url}/settings/api-keys`);
    await page.waitForSelector('text=Only owners and admins can open settings');
    expect(await page.locator('[data-testid=api-keys-table]').count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/trpc/apiKeys.list')).status);
    expect(status).toBe(403);
    await context.close();
  });

  it('makes a simulated WeChat contact message the bot from the sandbox page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, agent.email, DEMO.password);
    await page.goto(`${stack.url}/sandbox`);
    await page.click('button[role=tab]:has-text("WeChat")');
    await page.fill('input[name=wechat-text]', '请问我的订单发货了吗？');
    await page.click('form.inline-form button[type=submit]');
    await page.waitForSelector('[data-testid=wechat-transcript] >> text=请问我的订单发货了吗？');
    expect(await page.textContent('[data-testid=wechat-transcript]')).toContain('李雷');
    await context.close();
  });

  it('finds a contact pushed through the API, shows its live timeline and saves an attribute', async () => {
    const call = (path: string, body: unknown) =>
      fetch(`${stack.url}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await call('/identify', { email: 'erin.e2e@example.com', firstName: 'Erin', lastName: 'Ebert' }))
        .status,
    ).toBe(201);

    const page = await browser.newPage();
    await signIn(page, marketer.email, DEMO.password);
    await page.waitForSelector('[data-testid=contacts-total]');
    // 5,000 generated, the sandbox's three WeChat friends, and Erin.
    expect(await page.textContent('[data-testid=contacts-total]')).toContain('5,004');
    await page.fill('input[name=contact-search]', 'erin.e2e');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=contacts-table] [role=row][data-id]').length === 1,
    );
    await page.click('[data-testid=contacts-table] [role=row][data-id]');
    await page.waitForSelector('[data-testid=contact-name] >> text=Erin Ebert');

    expect(
      (
        await call('/track', {
          email: 'erin.e2e@example.com',
          event: 'webinar_attended',
          properties: { name: 'Omnichannel 101', seats: 2, form: { utm_source: 'newsletter' } },
        })
      ).status,
    ).toBe(200);
    // An event Switchboard has no sentence for reads as its name and its facts, never as JSON.
    const webinar = page.locator('[data-testid=contact-timeline] li', { hasText: 'webinar attended' });
    await webinar.waitFor({ timeout: 15_000 });
    const facts = await webinar.locator('dl.event-facts dt, dl.event-facts dd').allTextContents();
    expect(Object.fromEntries(facts.flatMap((_, i) => (i % 2 ? [] : [[facts[i], facts[i + 1]]])))).toEqual({
      name: 'Omnichannel 101',
      seats: '2',
      form: 'utm source: newsletter',
    });
    expect(await page.textContent('[data-testid=contact-timeline]')).not.toMatch(/[{}"]/);

    await page.fill('input[name=attribute-key]', 'plan');
    await page.fill('input[name=attribute-value]', 'enterprise');
    await page.click('button:has-text("Set attribute")');
    await page.waitForSelector('[data-testid=contact-attributes] >> text=enterprise');
    await page.close();
  }, 60_000);

  it('builds a segment whose live count follows events tracked through the API', async () => {
    const track = (email: string) =>
      fetch(`${stack.url}/api/v1/track`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email, event: 'masterclass_attended' }),
      });
    expect((await track('first.fan@example.com')).status).toBe(200);

    const page = await browser.newPage();
    await signIn(page, marketer.email, DEMO.password);
    await page.goto(`${stack.url}/segments/new`);
    await page.fill('input[name=segment-name]', 'Masterclass fans');
    await page.click('button:has-text("Add condition")');
    await page.selectOption('select[name=condition-kind]', 'event');
    await page.fill('input[name=event-name]', 'masterclass_attended');
    await page.waitForSelector('[data-testid=segment-count] >> text=1 contacts match');

    expect((await track('second.fan@example.com')).status).toBe(200);
    await page.waitForSelector('[data-testid=segment-count] >> text=2 contacts match', { timeout: 15_000 });
    await page.click('button:has-text("Save segment")');
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.goto(`${stack.url}/segments`);
    await page.waitForSelector('[data-testid=segments-table] >> text=Masterclass fans');
    await page.close();
  }, 60_000);

  it('imports a CSV with a bad row through the wizard, with a live progress bar and a rejected-rows report', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `visitor${i}@fair.example,Visitor ${i},${i % 7}`);
    rows[99] = 'not-an-email,Broken,1';
    const csv = ['Email,First Name,Visits', ...rows].join('\n');

    const page = await browser.newPage();
    await signIn(page, marketer.email, DEMO.password);
    await page.click('a[href="/contacts/import"]');
    await page.setInputFiles('[data-testid=import-file]', {
      name: 'fair-visitors.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.waitForSelector('[data-testid=mapping-table]');
    expect(await page.inputValue('select[aria-label="Import column Email as"]')).toBe('email');
    expect(await page.inputValue('select[aria-label="Import column First Name as"]')).toBe('firstName');
    await page.selectOption('select[aria-label="Attribute type for column Visits"]', 'number');
    await page.fill('input[placeholder="fair-2026, vip"]', 'fair-2026');
    await page.click('button:has-text("Start import")');

    // Record every value the progress bar shows, to prove it moves while the workflow runs.
    await page.waitForSelector('[data-testid=import-progress] [role=progressbar]');
    await page.evaluate(() => {
      const bar = document.querySelector('[data-testid=import-progress] [role=progressbar]')!;
      const seen: string[] = [bar.getAttribute('aria-valuenow')!];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(bar.getAttribute('aria-valuenow')!)).observe(bar, {
        attributes: true,
      });
    });
    await page.waitForSelector('[data-testid=import-status][data-status=completed]', { timeout: 60_000 });
    await snap(page, 'import-done');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen.map(Number));
    expect(seen.at(-1)).toBe(100);
    expect(seen.some((v) => v < 100)).toBe(true);
    expect(await page.textContent('[data-testid=import-created]')).toBe('11,999');
    expect(await page.textContent('[data-testid=import-rejected]')).toBe('1');
    expect(await page.textContent('[data-testid=rejected-rows]')).toContain(
      '"not-an-email" is not a valid email address',
    );
    // The 100th data row is the file's line 101 (the header is line 1), and the table says which it counts.
    expect(await page.textContent('[data-testid=rejected-rows] th:first-child')).toBe('Line in the file');
    expect(await page.textContent('[data-testid=rejected-rows] tbody td:first-child')).toBe('101');
    const report = await page.evaluate(async () => {
      const link = document.querySelector<HTMLAnchorElement>('a[href$="/rejected.csv"]')!;
      return (await fetch(link.href)).text();
    });
    expect(report).toContain('101,');

    await page.goto(`${stack.url}/contacts`);
    await page.fill('input[name=contact-search]', 'visitor42@fair.example');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=contacts-table] [role=row][data-id]').length === 1,
    );
    await page.click('[data-testid=contacts-table] [role=row][data-id]');
    await page.waitForSelector('[data-testid=contact-name] >> text=Visitor 42');
    await page.waitForSelector('[data-testid=contact-attributes] >> text=visits');
    await snap(page, 'contact-360');

    // Bulk action over everyone the filter matches, not only the rows loaded so far.
    await page.goto(`${stack.url}/contacts`);
    await page.fill('input[name=contact-search]', 'fair.example');
    await page.waitForSelector('[data-testid=contacts-total] >> text=11,999 contacts');
    await page.check('input[aria-label="Select all loaded contacts"]');
    await page.click('button:has-text("Select all 11,999 matching contacts")');
    await page.fill('input[name=bulk-list]', 'Fair follow-up');
    await page.click('button:has-text("Add to list")');
    await page.waitForSelector('[data-testid=bulk-message] >> text=Done: 11,999 contacts changed.');
    await snap(page, 'contacts-bulk');
    await page.close();
  }, 120_000);

  it('a text block holding HTML that runs code is stored inert and never runs in the editor of whoever opens it', async () => {
    const marketerPage = await browser.newPage();
    await signIn(marketerPage, marketer.email, DEMO.password);
    // What the probe did: save a draft straight through tRPC, as a marketer, with a hostile text block.
    const templateId = await marketerPage.evaluate(async () => {
      const call = async (path: string, input: unknown, csrf?: string) => {
        const res = await fetch(`/trpc/${path}`, {
          method: csrf ? 'POST' : 'GET',
          headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
          ...(csrf ? { body: JSON.stringify(input) } : {}),
        });
        return ((await res.json()) as { result: { data: Record<string, unknown> } }).result.data;
      };
      const me = await fetch('/trpc/auth.me').then(
        (r) => r.json() as Promise<{ result: { data: { csrfToken: string } } }>,
      );
      const csrf = me.result.data.csrfToken;
      const created = await call('templates.create', { name: 'Hostile text', channel: 'email' }, csrf);
      const draft = created.draft as {
        document: { sections: { columns: { blocks: { type: string; html?: string }[] }[] }[] };
      };
      const block = draft.document.sections
        .flatMap((s) => s.columns.flatMap((c) => c.blocks))
        .find((b) => b.type === 'text')!;
      block.html =
        '<p>hi there</p><img src=x onerror="window.__xss = 1"><a href="javascript:window.__xss=2">link</a>';
      await call('templates.saveDraft', { id: created.id, draft }, csrf);
      return created.id as string;
    });
    await marketerPage.close();

    const page = await browser.newPage();
    await signIn(page, owner.email, DEMO.password);
    await page.goto(`${stack.url}/templates/${templateId}`);
    await page.waitForSelector('[data-testid=template-canvas] >> text=hi there');
    await page.click('[data-testid=block-text] >> text=hi there');
    await page.waitForSelector('[data-testid=rich-text] >> text=hi there');
    expect(
      await page
        .locator('.rich-text [onerror], .rich-text img, [data-testid=template-canvas] img[onerror]')
        .count(),
    ).toBe(0);
    expect(await page.locator('.rich-text a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });
});
