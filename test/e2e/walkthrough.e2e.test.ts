import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { pinyin } from 'pinyin-pro';
import path_ from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@switchboard/accounts';
import { en } from '../../apps/web/src/i18n/en.ts';
import { zhCN } from '../../apps/web/src/i18n/zh-CN.ts';
import { signIn, snap, startE2eStack, type E2eStack } from '../support/e2e-stack.ts';

// Issue 18's walk through every page: at phone width (390 and 360 px, English and Chinese) the navigation folds
// away, nothing is clipped or overlapping, and nothing makes the page scroll sideways (wide tables and canvases
// scroll inside themselves); in Chinese no English is left that did not come from the people using it.
let e2e: E2eStack;
let browser: Browser;
let url: string;
const owner = DEMO.users.find((u) => u.role === 'owner')!;
const agent = DEMO.users.find((u) => u.role === 'agent')!;
const marketer = DEMO.users.find((u) => u.role === 'marketer')!;
const signInAs = (page: Page, email: string, password: string) => signIn(page, url, email, password);

beforeAll(async () => {
  e2e = await startE2eStack();
  browser = e2e.browser;
  url = e2e.stack.url;
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

/** What a person at this width would trip over on the page as it is now, each named by where it is. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''
      }${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    if (document.documentElement.scrollWidth > width + 1)
      problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px wide)`);
    // Anything reaching past the right edge that no scrolling or clipping box of its own contains.
    const sticking: Element[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
      let contained = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
        if (getComputedStyle(up).overflowX !== 'visible') contained = true;
      if (!contained && !sticking.some((outer) => outer.contains(el))) sticking.push(el);
    }
    for (const el of sticking)
      problems.push(`${name(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`);
    const user = document.querySelector('[data-testid=current-user]');
    if (user && user.scrollWidth > user.clientWidth + 1)
      problems.push('the signed-in user’s name is cut off');
    // A page title and the buttons beside it must not overlap.
    for (const header of Array.from(document.querySelectorAll('.page-header'))) {
      const title = header.querySelector('h1:not(.sr-only)')?.getBoundingClientRect();
      if (!title) continue;
      for (const control of Array.from(header.querySelectorAll('a, button, select, input'))) {
        const box = control.getBoundingClientRect();
        const overlaps =
          box.width > 0 &&
          box.left < title.right - 1 &&
          box.right > title.left + 1 &&
          box.top < title.bottom - 1 &&
          box.bottom > title.top + 1;
        if (overlaps) problems.push(`${name(control)} overlaps the page title`);
      }
    }
    return problems;
  });
}

async function pagesToWalk(page: Page) {
  const first = async (list: string, selector: string) => {
    await page.goto(`${url}${list}`);
    const link = page.locator(selector).first();
    await link.waitFor();
    return new URL((await link.getAttribute('href'))!, url).pathname;
  };
  return [
    '/contacts',
    await first('/contacts', 'main [role=row] a[href^="/contacts/"]'),
    '/contacts/import',
    '/segments',
    '/segments/new',
    '/templates',
    await first('/templates', 'main a[href^="/templates/"]'),
    '/campaigns',
    await first('/campaigns', 'main a:has-text("November newsletter")'),
    '/journeys',
    await first('/journeys', 'main a:has-text("Abandoned cart recovery")'),
    '/inbox',
    '/reports',
    '/reports?tab=attribution',
    '/settings/members',
    '/settings/sending',
    '/settings/scoring',
    '/settings/topics',
    '/settings/fields',
    '/settings/webhooks',
    '/sandbox',
  ];
}

describe('at phone width', () => {
  it('folds the navigation behind a menu button that opens it and closes after a choice', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, url, owner.email, DEMO.password);
    const contacts = page.locator('nav[aria-label=Main] a[href="/contacts"]');
    expect(await contacts.isVisible()).toBe(false);
    // The first screen is the page, not the navigation.
    const heading = (await page.locator('main h1').boundingBox())!;
    expect(heading.y).toBeLessThan(200);
    await page.click('[data-testid=nav-toggle]');
    expect(await page.getAttribute('[data-testid=nav-toggle]', 'aria-expanded')).toBe('true');
    await page.click('nav[aria-label=Main] a[href="/segments"]');
    await page.waitForURL(/\/segments$/);
    await expect.poll(() => contacts.isVisible()).toBe(false);
    expect(await page.getAttribute('[data-testid=nav-toggle]', 'aria-expanded')).toBe('false');
    // At desktop width it is a sidebar again, without the button.
    await page.setViewportSize({ width: 1366, height: 850 });
    expect(await contacts.isVisible()).toBe(true);
    expect(await page.locator('[data-testid=nav-toggle]').isVisible()).toBe(false);
    await context.close();
  }, 60_000);
});

/**
 * English on a Chinese page that the i18n layer should have translated: an English dictionary message shown as is
 * (as text, a dropdown choice, a placeholder, tooltip or accessible name), or a raw key or enum value (`opt_out`,
 * `completed`, `email`). What people typed — names, subjects, tags, event
 * names — is marked translate="no" and is theirs to write in any language.
 */
function untranslated(page: Page, englishOnly: string[]) {
  return page.evaluate((english) => {
    const found = new Set<string>();
    const known = new Set(english);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, code, pre, [translate=no], iframe, textarea, option'))
        continue;
      if (parent.closest('[aria-hidden=true]') || parent.getClientRects().length === 0) continue;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text) continue;
      const rawKey = /^[a-z]+(_[a-z]+)*$/.test(text) && text.length > 2;
      if (rawKey || known.has(text)) found.add(text);
    }
    // What is read without being body text: a dropdown's choices, placeholders, tooltips and screen-reader names.
    // Choices may be people's own words (attribute keys, segment names), so only dictionary English counts here.
    const shown = (el: Element) =>
      el.getClientRects().length > 0 && !el.closest('[aria-hidden=true], [translate=no]');
    for (const select of Array.from(document.querySelectorAll('select')).filter(shown))
      for (const option of Array.from(select.options)) {
        const text = option.text.replace(/\s+/g, ' ').trim();
        if (known.has(text) && !option.closest('[translate=no]')) found.add(text);
      }
    for (const el of Array.from(document.querySelectorAll('[placeholder], [title], [aria-label]')).filter(
      shown,
    ))
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const text = (el.getAttribute(name) ?? '').replace(/\s+/g, ' ').trim();
        if (known.has(text)) found.add(`${text} (${name})`);
      }
    return [...found];
  }, englishOnly);
}

/** English messages whose Chinese differs: seeing one of them on a Chinese page means it skipped the dictionary. */
const englishOnly = (Object.keys(en) as (keyof typeof en)[])
  .filter(
    (key) =>
      en[key] !== en['app.name'] &&
      zhCN[key] !== en[key] &&
      !/\{/.test(en[key]) &&
      /[A-Za-z]{3}/.test(en[key]),
  )
  .map((key) => en[key]);

/** Where the walk's screenshots go (SCREENSHOTS=dir, else the test output): one file per page, size and language. */
const WALK_SHOTS = process.env.SCREENSHOTS ?? path_.resolve(import.meta.dirname, '../../test-results/walk');
const fileSlug = (page: string) =>
  page
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'item')
    .replace(/^\//, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .slice(0, 60);

describe('issue 18’s walk, repeated at desktop and phone width in English and Chinese', () => {
  for (const locale of ['en', 'zh-CN'] as const)
    it(`finds nothing to trip over on any page at 1366×850, 390×844 and 360 px in ${locale}`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
      const page = await context.newPage();
      await signIn(page, url, owner.email, DEMO.password);
      await page.evaluate((l) => localStorage.setItem('switchboard.locale', l), locale);
      const paths = [...(await pagesToWalk(page)), '/campaigns/new'];
      const found: Record<string, string[]> = {};
      const shots: string[] = [];
      await mkdir(WALK_SHOTS, { recursive: true });
      for (const [width, height] of [
        [1366, 850],
        [390, 844],
        [360, 800],
      ] as const) {
        await page.setViewportSize({ width, height });
        for (const path of paths) {
          await page.goto(`${url}${path}`);
          await page.waitForLoadState('networkidle');
          await page.locator('main > *').first().waitFor();
          const problems = await layoutProblems(page);
          if (locale === 'zh-CN')
            for (const text of await untranslated(page, englishOnly))
              problems.push(`English left: “${text}”`);
          if (problems.length > 0) found[`${width}px ${path}`] = problems;
          if (width === 360) continue;
          const file = `${locale}-${width}x${height}-${fileSlug(path)}.png`;
          await page.screenshot({ path: path_.join(WALK_SHOTS, file) });
          shots.push(file);
        }
      }
      console.log(
        `Issue 18 walk in ${locale}: ${shots.length} screenshots in ${WALK_SHOTS}\n  ${shots.join('\n  ')}`,
      );
      expect(found).toEqual({});
      await context.close();
    }, 480_000);
});

describe('as people use it', () => {
  it('offers agents and analysts only what their role may do: every page they can open asks nothing the server refuses', async () => {
    const analyst = DEMO.users.find((u) => u.role === 'analyst')!;
    const offered = async (page: Page, labels: string[]) => {
      const found: string[] = [];
      for (const label of labels) {
        const control = page.locator(
          `main button:visible:has-text("${label}"), main a.button:visible:has-text("${label}")`,
        );
        if ((await control.count()) > 0) found.push(label);
      }
      return found;
    };
    const NEVER = [
      'New segment',
      'New campaign',
      'Save draft',
      'Publish',
      'Send now',
      'Import CSV',
      'Create',
    ];
    for (const person of [agent, analyst]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 403) refused.push(`${response.request().method()} ${response.url()}`);
      });
      await signInAs(page, person.email, DEMO.password);
      const nav = (await page.locator('nav[aria-label=Main] a').allTextContents()).map((s) => s.trim());
      expect(nav, person.role).not.toContain('Settings');
      if (person.role === 'analyst') expect(nav).not.toContain('Inbox');
      else expect(nav).toContain('Inbox');
      const hrefs = await page
        .locator('nav[aria-label=Main] a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      // Every page in the navigation, then one item of each kind (what an agent clicks next).
      for (const href of hrefs) {
        await page.goto(`${url}${href}`);
        await page.waitForLoadState('networkidle');
        expect(await offered(page, NEVER), `${person.role} on ${href}`).toEqual([]);
      }
      for (const [list, item] of [
        ['/contacts', 'main [role=row] a[href^="/contacts/"]'],
        ['/segments', 'main td a[href^="/segments/"]'],
        ['/templates', 'main a[href^="/templates/"]'],
        ['/campaigns', 'main a:has-text("November newsletter")'],
        ['/journeys', 'main a:has-text("Abandoned cart recovery")'],
      ] as const) {
        await page.goto(`${url}${list}`);
        await page.locator(item).first().click();
        await page.waitForLoadState('networkidle');
        expect(await offered(page, NEVER), `${person.role} on ${page.url()}`).toEqual([]);
      }
      // Typed or bookmarked addresses of pages that create things: they say who may, and offer nothing.
      for (const path of ['/campaigns/new', '/segments/new']) {
        await page.goto(`${url}${path}`);
        await page.waitForLoadState('networkidle');
        expect(await offered(page, NEVER), `${person.role} on ${path}`).toEqual([]);
      }
      await page.goto(`${url}/campaigns/new`);
      await expect
        .poll(() => page.locator('main .notice').textContent())
        .toContain('Only owners, admins and marketers create campaigns');
      expect(refused, person.role).toEqual([]);
      await context.close();
    }
  }, 180_000);

  it('finds a Chinese contact by the full name as it is written, family name first, with or without a space', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, agent.email, DEMO.password);
    await page.goto(`${url}/contacts`);
    const names = page.locator('main [role=row] a[href^="/contacts/"]');
    await names.first().waitFor();
    // The list writes Chinese names family name first without a space (王芳), as their owners do.
    const written = (await names.allTextContents()).find((name) => /^[\u3400-\u9fff]{2,4}$/.test(name))!;
    expect(written, 'a Chinese name on the first page of the demo audience').toBeDefined();
    const total = async () =>
      Number((await page.textContent('[data-testid=contacts-total]'))!.replace(/\D/g, ''));
    const everyone = await total();
    // As written (family name first), with a space, and given name first.
    for (const typed of [written, `${written[0]} ${written.slice(1)}`, `${written.slice(1)}${written[0]}`]) {
      await page.fill('main input[type=search]', typed);
      // Found, among few: the full name narrows the list to the people who bear it (and the rare name containing it).
      await expect
        .poll(async () => (await names.allTextContents()).includes(written), { message: typed })
        .toBe(true);
      await expect.poll(total, { message: typed }).toBeLessThan(Math.max(10, everyone / 20));
    }
    // And by pinyin, as people type it on a Latin keyboard: "Wang Fang" finds 王芳 (each character read its most
    // common way, as the search reads them).
    const read = (characters: string) =>
      [...characters].map((ch) => pinyin(ch, { toneType: 'none', v: true })).join('');
    const capital = (syllables: string) => syllables[0]!.toUpperCase() + syllables.slice(1);
    for (const typed of [
      `${capital(read(written[0]!))} ${capital(read(written.slice(1)))}`,
      read(written.slice(1)) + read(written[0]!),
    ]) {
      await page.fill('main input[type=search]', typed);
      await expect
        .poll(async () => (await names.allTextContents()).includes(written), { message: typed })
        .toBe(true);
    }
    // The contact's own page names them the same way.
    await page.fill('main input[type=search]', written);
    await names
      .filter({ hasText: new RegExp(`^\\s*${written}\\s*$`) })
      .first()
      .click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe(written);
    await context.close();
  });

  it('tells a contact’s story in sentences that link to the campaign, and a lead score whose lines add up', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, marketer.email, DEMO.password);
    // Someone the November newsletter bounced for: the timeline says so and links to the campaign.
    await page.goto(`${url}/campaigns`);
    await page.click('a:has-text("November newsletter")');
    await page.locator('[data-testid=failed-recipients] tbody a').first().click();
    const timeline = page.locator('[data-testid=contact-timeline]');
    await timeline.waitFor();
    const bounced = timeline.locator('li', { hasText: 'The Email message bounced' });
    expect(await bounced.locator('.event-origin a').textContent()).toBe('November newsletter');
    expect(await timeline.textContent()).toContain('Email message sent');
    expect(await timeline.textContent()).not.toMatch(/email_(sent|bounced)|[{}]/);
    // The line opens the very message: its status, where it came from, the remote server's answer, its events.
    await bounced.first().locator('[data-testid=timeline-message-link]').click();
    const detail = page.locator('[data-testid=message-detail]');
    await detail.locator('[data-testid=message-detail-status]').waitFor();
    expect(new URL(page.url()).searchParams.get('message')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await detail.locator('[data-testid=message-detail-status]').textContent()).toBe('bounced');
    expect(await detail.locator('[data-testid=message-detail-source] a').textContent()).toBe(
      'November newsletter',
    );
    expect(await detail.locator('[data-testid=message-detail-source] a').getAttribute('href')).toMatch(
      /^\/campaigns\/[0-9a-f-]{36}$/,
    );
    expect(await detail.locator('code.badge').textContent()).toMatch(/^\d\.\d\.\d+$|^\d{3}/);
    expect(await detail.locator('.message-events li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('bounced')]),
    );
    await snap(page, 'contact-message');
    // A shared link opens it too, and Close leaves the page as it was.
    await page.reload();
    await detail.locator('[data-testid=message-detail-status]').waitFor();
    await detail.locator('button:has-text("Close")').click();
    await expect.poll(() => detail.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('message')).toBeNull();
    // An MQL got there by points: each line says how it was computed and the lines add up to the score.
    await page.goto(`${url}/contacts`);
    await page.selectOption('select[aria-label="Stage"]', 'mql');
    await page.locator('main [role=row] a[href^="/contacts/"]').first().click();
    await page.waitForSelector('[data-testid=score-total]');
    const lines = await page.locator('[data-testid=score-card] li[data-kind] strong').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    const score = Number(await page.textContent('[data-testid=lead-score]'));
    expect(lines.reduce((sum, line) => sum + Number(line), 0)).toBe(score);
    expect(await page.textContent('[data-testid=score-total]')).toContain(`= ${score}`);
    await context.close();
  }, 60_000);

  it('waits for a new rule’s blank before counting (no red, no refused request) and suggests the event names received', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(response.url());
    });
    await signInAs(page, marketer.email, DEMO.password);
    await page.goto(`${url}/segments/new`);
    await page.waitForSelector('[data-testid=segment-count] >> text=contacts match');
    await page.click('button:has-text("Add condition")');
    await page.selectOption('select[name=condition-kind]', 'tag');
    await page.waitForSelector('[data-testid=segment-count] >> text=Finish the rule to see who matches');
    await page.waitForTimeout(1_000);
    expect(await page.locator('main .notice.error, main [role=alert]').count()).toBe(0);
    expect(refused).toEqual([]);
    await page.fill('input[name=condition-value]', 'vip');
    await page.waitForSelector('[data-testid=segment-count] >> text=contacts match');
    // Segment operators and channels read in the user's language; event names come from what the workspace received.
    await page.selectOption('select[name=condition-kind]', 'event');
    const suggested = await page
      .locator('datalist#event-catalogue option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(suggested).toContain('email_sent');
    // …and so do the properties they were seen with: viewed the Pro plan, not just any product.
    const count = async () => {
      const text = (await page.textContent('[data-testid=segment-count]')) ?? '';
      return /contacts match/.test(text) ? Number(text.replace(/\D/g, '')) : Number.NaN;
    };
    // The new event rule starts as "did order_completed"; people view products four times as often as they order.
    await expect.poll(count).toBeGreaterThan(0);
    const ordered = await count();
    await page.fill('input[name=event-name]', 'product_viewed');
    await expect.poll(count).toBeGreaterThan(ordered);
    const anyProduct = await count();
    await page.click('[data-testid=add-property-filter]');
    await page.waitForSelector('[data-testid=segment-count] >> text=Finish the rule to see who matches');
    const keys = await page
      .locator('[data-testid=event-property-filters] datalist option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(keys).toEqual(['name', 'sku']);
    await page.fill('input[name=event-property-key]', 'sku');
    await page.fill('input[name=event-property-value]', 'SB-PRO');
    await expect.poll(count).toBeLessThan(anyProduct);
    expect(await count()).toBeGreaterThan(0);
    await page.selectOption('select[aria-label="Language"]', 'zh-CN');
    expect(await page.locator('select[name=condition-op] option').allTextContents()).toEqual([
      '做过',
      '没做过',
    ]);
    expect(refused).toEqual([]);
    await page.close();
  }, 60_000);
});
