import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '@switchboard/accounts';
import {
  createApiKey,
  daytimeZone,
  signIn,
  snap,
  startE2eStack,
  type E2eStack,
} from '../support/e2e-stack.ts';

let e2e: E2eStack;
const owner = DEMO.users.find((u) => u.role === 'owner')!;
const marketer = DEMO.users.find((u) => u.role === 'marketer')!;
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

beforeAll(async () => {
  e2e = await startE2eStack();
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

async function until<T>(what: string, probe: () => T | undefined | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a marketer’s first campaign, in the browser', () => {
  it('builds a template, previews it on a phone, sends an A/B test on subject and reads the click and the winner in the report', async () => {
    const { stack, browser } = e2e;
    const key = await createApiKey(browser, stack.url, owner.email, DEMO.password);
    // Six readers, awake now (quiet hours would hold marketing back), who asked for the spring guide.
    const zone = daytimeZone();
    for (let i = 1; i <= 6; i++) {
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const email = `reader${i}.ab@example.com`;
      const identified = await fetch(`${stack.url}/api/v1/identify`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email, firstName: `Reader${i}`, timezone: zone }),
      });
      expect(identified.status).toBe(201);
      const tracked = await fetch(`${stack.url}/api/v1/track`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email, event: 'spring_guide_requested' }),
      });
      expect(tracked.status).toBe(200);
    }

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, stack.url, marketer.email, DEMO.password);
    await page.goto(`${stack.url}/segments/new`);
    await page.fill('input[name=segment-name]', 'Spring guide readers');
    await page.click('button:has-text("Add condition")');
    await page.selectOption('select[name=condition-kind]', 'event');
    await page.fill('input[name=event-name]', 'spring_guide_requested');
    await page.waitForSelector('[data-testid=segment-count] >> text=6 contacts match', { timeout: 15_000 });
    await page.click('button:has-text("Save segment")');
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);

    // The template: drag a button into the email, give it its words, fill the envelope, publish.
    await page.click('a[href="/templates"]');
    await page.fill('[data-testid=template-name]', 'Spring guide');
    await page.click('button:has-text("Create template")');
    await page.waitForSelector('[data-testid=template-canvas]');
    const buttonsBefore = await page.locator('[data-testid=block-button]').count();
    await page.dragAndDrop('[data-testid=palette-button]', '[data-testid=drop-zone] >> nth=0');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=block-button]').length === n + 1,
      buttonsBefore,
    );
    await page.fill('[data-testid=button-text]', 'Get the spring guide');
    await page.waitForSelector('[data-testid=template-canvas] >> text=Get the spring guide');
    await snap(page, 'template-editor');
    // The keyboard moves a focused block; undo and redo follow.
    const blockAt = (i: number) =>
      page.$$eval(
        '[data-testid=template-canvas] .canvas-block',
        (els, n) => els[n]?.getAttribute('data-testid'),
        i,
      );
    expect(await blockAt(0)).toBe('block-button');
    await page.focus('[data-testid=template-canvas] .canvas-block >> nth=0');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => blockAt(1)).toBe('block-button');
    await page.keyboard.press('Control+z');
    await expect.poll(() => blockAt(0)).toBe('block-button');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => blockAt(1)).toBe('block-button');
    await page.click('[data-testid=undo]');
    await expect.poll(() => blockAt(0)).toBe('block-button');
    // Dropped onto a block, not a gap: a divider on the button's lower half lands right after it (a line shows
    // where while dragging); an image on its upper half right before it, with a picture Switchboard serves itself.
    const button = page.locator('[data-testid=template-canvas] [data-testid=block-button]').first();
    const box = (await button.boundingBox())!;
    // Dragged by hand, step by step: while the pointer is over the button's lower half, a line is drawn under it.
    const over = async (share: number) => {
      // Twice: a drag sends dragover on the second move (Playwright's note on HTML drag and drop).
      for (let i = 0; i < 2; i++)
        await button.hover({ position: { x: box.width / 2 + i, y: box.height * share } });
    };
    await page.hover('[data-testid=palette-divider]');
    await page.mouse.down();
    await over(0.8);
    await page.waitForSelector('[data-testid=template-canvas] [data-testid=block-button].drop-after');
    const line = await button.evaluate((el) => {
      const style = getComputedStyle(el, '::after');
      return { content: style.content, height: style.height, bottom: style.bottom };
    });
    expect(line).toEqual({ content: '""', height: '3px', bottom: '-5px' });
    // Over its upper half the line moves above it.
    await over(0.2);
    await page.waitForSelector('[data-testid=template-canvas] [data-testid=block-button].drop-before');
    await over(0.8);
    await page.waitForSelector('[data-testid=template-canvas] [data-testid=block-button].drop-after');
    await page.mouse.up();
    await expect.poll(() => blockAt(1)).toBe('block-divider');
    // Nothing is left drawn once the block has landed.
    expect(
      await page
        .locator('[data-testid=template-canvas] .drop-before, [data-testid=template-canvas] .drop-after')
        .count(),
    ).toBe(0);
    await page.dragAndDrop(
      '[data-testid=palette-image]',
      '[data-testid=template-canvas] [data-testid=block-button]',
      {
        targetPosition: { x: box.width / 2, y: box.height * 0.2 },
      },
    );
    await expect.poll(() => blockAt(0)).toBe('block-image');
    expect(await blockAt(1)).toBe('block-button');
    const placeholder = page.locator('[data-testid=template-canvas] [data-testid=block-image] img').first();
    expect(await placeholder.getAttribute('src')).toBe(`${stack.url}/email-assets/image-placeholder.png`);
    await expect.poll(() => placeholder.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(600);
    await page.click('[data-testid=undo]');
    await page.click('[data-testid=undo]');
    await expect.poll(() => blockAt(0)).toBe('block-button');
    await page.fill('[data-testid=template-subject]', 'Your spring guide');
    // A sender name without an address of its own: it goes out with the default sender address.
    await page.fill('[data-testid=template-from-name]', 'Demo Shop');
    await page.click('[data-testid=publish-template]');
    await page.waitForSelector('text=Published version 1');

    // As a contact would see it on a phone.
    await page.click('button[role=tab]:has-text("Preview and checks")');
    await page.click('[data-testid=preview-phone]');
    await page.waitForSelector('[data-testid=preview-frame]');
    await page.waitForFunction(
      () => document.querySelector<HTMLIFrameElement>('[data-testid=preview-frame]')?.style.width === '375px',
    );
    const preview = page.frameLocator('[data-testid=preview-frame]');
    await preview.locator('text=Get the spring guide').waitFor();
    expect(await page.textContent('[data-testid=check-findings]')).not.toContain('Blocks publishing');
    await snap(page, 'template-preview-phone');

    // The campaign: an A/B test on the subject, half the audience in the test.
    await page.click('a[href="/campaigns"]');
    await page.click('[data-testid=new-campaign]');
    await page.fill('[data-testid=campaign-name]', 'Spring guide launch');
    const option = async (select: string, text: string) =>
      (await page.locator(`[data-testid=${select}] option`, { hasText: text }).getAttribute('value'))!;
    await page.waitForSelector('[data-testid=campaign-segment] option:has-text("Spring guide readers")', {
      state: 'attached',
    });
    await page.selectOption(
      '[data-testid=campaign-segment]',
      await option('campaign-segment', 'Spring guide readers'),
    );
    await page.waitForSelector('[data-testid=campaign-template] option:has-text("Spring guide (v1)")', {
      state: 'attached',
    });
    await page.selectOption(
      '[data-testid=campaign-template]',
      await option('campaign-template', 'Spring guide (v1)'),
    );
    await page.check('[data-testid=ab-enabled]');
    await page.fill('[data-testid=variant-subject-A]', 'Your spring guide is here');
    await page.fill('[data-testid=variant-subject-B]', '{{ contact.first_name }}, your spring guide');
    await page.fill('[data-testid=variants-editor] input[type=number] >> nth=0', '50');
    await page.click('[data-testid=send-campaign]');
    // Nothing goes before the marketer has seen whom it reaches and on which channel.
    const confirmation = (await page.locator('[data-testid=send-confirmation]').textContent())!;
    expect(confirmation).toContain('by Email now to the 6 people in “Spring guide readers”');
    expect(stack.sandbox!.smtp.list(1000).filter((m) => m.to.includes('.ab@example.com'))).toHaveLength(0);
    expect(await page.textContent('[data-testid=confirm-send]')).toBe('Send to 6 people');
    await page.click('[data-testid=confirm-send]');
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.waitForSelector('[data-testid=campaign-status] >> text=A/B testing', { timeout: 30_000 });

    // Half of six is the test: two get A, one gets B.
    const test = await until('the test group in the outbox', () => {
      const caught = stack.sandbox!.smtp.list(1000).filter((m) => m.to.includes('.ab@example.com'));
      return caught.length === 3 && caught;
    });
    expect(test.filter((m) => m.subject === 'Your spring guide is here')).toHaveLength(2);
    expect(test.map((m) => m.from)).toEqual(
      Array(3).fill(expect.stringMatching(/^"?Demo Shop"? <[^@>]+@[^>]+>$/)),
    );
    const b = test.find((m) => m.subject.endsWith(', your spring guide'))!;
    expect(b.subject).toMatch(/^Reader\d, your spring guide$/);

    // The sandbox outbox shows it, and the reader clicks the button (a person: a little after it arrived).
    await page.goto(`${stack.url}/sandbox`);
    await page.click(`[data-testid=email-list] .list-item:has-text("${b.subject}")`);
    const link = await page
      .frameLocator('iframe.email-frame')
      .locator('a:has-text("Get the spring guide")')
      .getAttribute('href');
    expect(link).toMatch(/\/t\/c\//);
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const click = await fetch(link!.replace(/^http:\/\/localhost:\d+/, stack.url).replace(/&amp;/g, '&'), {
      headers: { 'user-agent': iphone },
      redirect: 'manual',
    });
    expect(click.status).toBe(302);

    // Back in the report: the click counts for B; the marketer sends B to the rest without waiting four hours.
    await page.goBack();
    await page.waitForSelector('[data-testid=ab-results]');
    await page.waitForSelector('[data-testid=stat-clicked] >> text=1', { timeout: 15_000 });
    expect(await page.textContent('[data-testid=stat-delivered]')).toContain('100.0%');
    // B's one open in one against A's none in two: B is more likely than not the better one.
    const chance = await page.textContent('[data-testid=ab-variant-B] [data-testid=probability-to-beat]');
    expect(parseFloat(chance!)).toBeGreaterThan(50);
    await page.click('[data-testid=choose-B]');
    await page.waitForSelector('[data-testid=ab-variant-B] [data-testid=ab-winner]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=campaign-status] >> text=Sent', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=ab-decision] >> text=Chosen by hand');
    await page.waitForSelector('[data-testid=campaign-links] >> text=example.com');
    await until('the rest to get B', () => {
      const caught = stack.sandbox!.smtp.list(1000).filter((m) => m.to.includes('.ab@example.com'));
      return caught.length === 6 && caught;
    });
    const all = stack.sandbox!.smtp.list(1000).filter((m) => m.to.includes('.ab@example.com'));
    expect(new Set(all.map((m) => m.to)).size).toBe(6);
    expect(all.filter((m) => m.subject.endsWith(', your spring guide'))).toHaveLength(4);
    await snap(page, 'campaign-report');
    await page.close();
  }, 180_000);
});
