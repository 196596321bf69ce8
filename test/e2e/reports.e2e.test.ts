import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO } from '@switchboard/accounts';
import type { LocalStack } from '@switchboard/stack';
import { signIn, snap, startE2eStack, type E2eStack } from '../support/e2e-stack.ts';

// Reports as an analyst and a marketer use them, on the demo's purchases.
let e2e: E2eStack;
let stack: LocalStack;
let browser: Browser;
const analyst = DEMO.users.find((u) => u.role === 'analyst')!;
const marketer = DEMO.users.find((u) => u.role === 'marketer')!;

beforeAll(async () => {
  e2e = await startE2eStack();
  ({ stack, browser } = e2e);
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
});

const money = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));

describe('the attribution report', () => {
  it('an analyst sees last month’s conversions credited per channel, switches models, groups by source and exports CSV', async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, analyst.email, DEMO.password);
    await page.click('a[href="/reports"]');
    // The channels first: last 30 days per channel with rates, the daily chart and the funnel.
    await page.waitForSelector('[data-testid=overview-table] tr[data-channel=email]');
    expect(money(await page.textContent('tr[data-channel=email] td[data-metric=sent]'))).toBeGreaterThan(
      1000,
    );
    expect(await page.textContent('tr[data-channel=email] td[data-metric=open]')).toMatch(/^\d+(\.\d)?%/);
    expect(await page.locator('tr[data-channel=sms]').count()).toBe(1);
    expect(await page.locator('[data-testid=campaign-chart] rect').count()).toBeGreaterThan(10);
    await page.waitForSelector('[data-testid=funnel] li[data-step=converted]');
    const funnel = await page.locator('[data-testid=funnel] li strong').allTextContents();
    expect(funnel.map(money)).toEqual([...funnel.map(money)].sort((a, b) => b - a));
    // Per campaign and journey, by name, with their rates.
    await page.waitForSelector('[data-testid=sources-table] td:text-is("Abandoned cart recovery")');
    await snap(page, 'reports-channels');
    // Per week instead of per day: at most six bars groups for 30 days, and the URL says so.
    const days = await page.locator('[data-testid=campaign-chart] g[data-bucket]').count();
    await page.selectOption('[data-testid=granularity]', 'week');
    await expect
      .poll(() => page.locator('[data-testid=campaign-chart] g[data-bucket]').count())
      .toBeLessThanOrEqual(6);
    expect(days).toBe(30);
    expect(page.url()).toContain('granularity=week');
    // Each table downloads as CSV with the page's filters.
    for (const [table, header] of [
      ['channels', 'channel,period,from,to,sent,delivered'],
      ['sources', 'source,name,sent,delivered'],
      ['series', 'week,sent,delivered,opened,clicked'],
    ] as const) {
      const href = (await page.getAttribute(`[data-testid=${table}-csv]`, 'href'))!;
      const csv = await page.request.get(`${stack.url}${href}`);
      expect(csv.status(), table).toBe(200);
      expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0], table).toMatch(
        new RegExp(`^${header}`),
      );
    }

    await page.click('[role=tab]:has-text("Attribution")');
    await page.waitForSelector('[data-testid=attribution-table]');
    expect(page.url()).toContain('tab=attribution');
    expect(money(await page.textContent('[data-testid=stat-conversions] .stat-value'))).toBeGreaterThan(50);
    expect(money(await page.textContent('[data-testid=stat-direct] .stat-value'))).toBeGreaterThan(0);
    // The data-driven model by default, with its chart; email, SMS and direct purchases all earn something.
    await expect
      .poll(() => page.locator('[data-testid=credit-bars] g[data-key]').count())
      .toBeGreaterThanOrEqual(3);
    // It has a value axis: round ticks from 0 and a title saying what the bars measure, in which currency.
    const creditTicks = await page
      .locator('[data-testid=credit-bars] [data-testid=chart-value-axis] > text')
      .allTextContents();
    expect(creditTicks[0]).toBe('0');
    expect(creditTicks.length).toBeGreaterThanOrEqual(4);
    expect(await page.textContent('[data-testid=credit-bars] [data-testid=chart-axis-title]')).toBe(
      'Credited value (EUR)',
    );
    for (const key of ['email', 'sms', 'direct'])
      expect(money(await page.textContent(`tr[data-key=${key}] td[data-model=markov]`)), key).toBeGreaterThan(
        0,
      );
    await snap(page, 'reports-attribution');

    // Switching the model changes the chart and the highlighted column, and the URL says which.
    const smsBar = () => page.textContent('[data-testid=credit-bars] g[data-key=sms] title');
    const markovSms = await smsBar();
    await page.click('[data-testid=model-last]');
    await expect.poll(smsBar).not.toBe(markovSms);
    expect(page.url()).toContain('model=last');
    expect(await page.textContent('[data-testid=model-help]')).toContain('last touch');
    const firstSms = money(await page.textContent('tr[data-key=sms] td[data-model=first]'));
    const lastSms = money(await page.textContent('tr[data-key=sms] td[data-model=last]'));
    expect(lastSms).toBeGreaterThan(firstSms);

    // The path explorer: the commonest sequences of touches, e.g. the cart journey's email then its SMS.
    const paths = await page.locator('[data-testid=top-paths] td.path').allTextContents();
    expect(paths.some((p) => /^Email( → Email)* → SMS$/.test(p))).toBe(true);

    // ROI per channel with the formula: SMS earned more than it cost.
    expect(await page.textContent('[data-testid=roi-formula]')).toContain(
      '(attributed revenue − cost) ÷ cost',
    );
    expect(await page.textContent('[data-testid=roi-table] tr[data-key=sms] [data-testid=roi]')).toMatch(
      /^[\d,]+%$/,
    );

    // Per campaign or journey: the newsletter and the cart journey by name.
    await page.selectOption('[data-testid=credit-by]', 'source');
    await page.waitForSelector('[data-testid=attribution-table] td:text-is("November newsletter")');
    await page.waitForSelector('[data-testid=attribution-table] td:text-is("Abandoned cart recovery")');
    expect(page.url()).toContain('by=source');

    // The same report as a link: reloading keeps every filter.
    await page.reload();
    await page.waitForSelector('[data-testid=attribution-table] td:text-is("November newsletter")');
    expect(await page.getAttribute('[data-testid=model-last]', 'aria-selected')).toBe('true');

    // CSV: what the table shows, a row per source, a column per model.
    const href = (await page.getAttribute('[data-testid=attribution-csv]', 'href'))!;
    const csv = await page.request.get(`${stack.url}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'key,name,first (EUR),last (EUR),linear (EUR),time-decay (EUR),position (EUR),markov (EUR)',
    );
    expect(lines.some((l) => l.includes(',November newsletter,'))).toBe(true);

    // The November newsletter's A/B test: B's uplift over A and its chance to beat it, Bayesian.
    await page.goto(`${stack.url}/campaigns`);
    await page.click('a:has-text("November newsletter")');
    await page.waitForSelector('[data-testid=ab-results]');
    // Every recipient counts once as processed, bounced ones too: never more than the audience.
    const progress = (await page.textContent('[data-testid=campaign-progress] .progress-label'))!;
    const [done, total] = /([\d,]+) of ([\d,]+) recipients processed/
      .exec(progress)!
      .slice(1)
      .map((n) => Number(n.replace(/,/g, '')));
    expect(done).toBeLessThanOrEqual(total!);
    expect(done).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=ab-variant-B] [data-testid=uplift]')).toMatch(/^\+\d/);
    // B's rate is ahead, so its chance to beat A is above even (the demo's random opens move it between ~70 and 99 %).
    expect(
      parseFloat((await page.textContent('[data-testid=ab-variant-B] [data-testid=probability-to-beat]'))!),
    ).toBeGreaterThan(50);
    expect(await page.textContent('[data-testid=ab-variant-A] [data-testid=probability-to-beat]')).toBe('—');
    // Its chart reads like one: a value axis from 0 in round steps, and a time axis under the bars.
    const chart = page.locator('[data-testid=campaign-chart]').first();
    const valueTicks = await chart.locator('[data-testid=chart-value-axis] text').allTextContents();
    expect(valueTicks).toHaveLength(5);
    expect(valueTicks[0]).toBe('0');
    expect(await chart.locator('[data-testid=chart-time-axis] text').count()).toBeGreaterThan(1);
    // Who did not get it: each bounce with the receiving server's status code and its words, not just "bounced".
    // The table loads on its own after the report: wait for its first row.
    await page.locator('[data-testid=failed-recipients] [data-testid=failure-code]').first().waitFor();
    const codes = await page
      .locator('[data-testid=failed-recipients] [data-testid=failure-code]')
      .allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => /^5\.\d\.\d+$/.test(code))).toBe(true);
    expect(
      await page.textContent('[data-testid=failed-recipients] tbody tr:first-child .failure-reason'),
    ).toMatch(/^5\.\d\.\d+ 55\d 5\.\d\.\d+ \S+/);
    // Its click map: the email with each link's clicks and share on it.
    const map = page.frameLocator('[data-testid=click-map-frame]');
    await map.locator('a[data-clicks]').first().waitFor();
    const badges = await map.locator('.sb-click-badge').allTextContents();
    expect(badges.filter((b) => /^[1-9]\d* · \d+%$/.test(b)).length).toBe(2);
    await snap(page, 'click-map');

    await page.goBack();
    await page.goBack();
    await page.waitForSelector('[data-testid=conversion-definitions]');

    // Analysts read; they do not decide what counts as a conversion.
    await page.click('[data-testid=conversion-definitions] summary');
    expect(await page.locator('[data-testid=conversion-form]').count()).toBe(0);
    // The newsletter's template has a report of its own: every use of it in the period, and per version.
    await page.goto(`${stack.url}/templates`);
    await page.click('a:has-text("Monthly newsletter")');
    await page.click('[role=tab]:has-text("Report")');
    await page.waitForSelector('[data-testid=template-uses] tr[data-source^="campaign:"]');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('report');
    const use = page.locator('[data-testid=template-uses] tr[data-source^="campaign:"]').first();
    expect(await use.locator('td a').textContent()).toBe('November newsletter');
    const usedSent = Number((await use.locator('[data-metric=sent]').textContent())!.replace(/,/g, ''));
    expect(usedSent).toBeGreaterThan(0);
    expect(usedSent).toBeLessThanOrEqual(total!);
    expect(
      Number((await page.textContent('[data-testid=template-sent] .stat-value'))!.replace(/,/g, '')),
    ).toBe(usedSent);
    expect(await page.textContent('[data-testid=template-versions] tr[data-version="1"] td')).toBe(
      'version 1',
    );
    // A link to it opens the report again, and its tables download as CSV.
    await page.reload();
    await page.waitForSelector('[data-testid=template-uses]');
    const usesCsv = await page.request.get(
      `${stack.url}${await page.getAttribute('[data-testid=template-uses-csv]', 'href')}`,
    );
    expect(usesCsv.status()).toBe(200);
    const usesLines = (await usesCsv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(usesLines[0]).toMatch(/^source,name,sent,delivered,/);
    expect(usesLines.some((l) => l.includes(`,November newsletter,${usedSent},`))).toBe(true);
    await snap(page, 'template-report');
    await page.close();
  }, 180_000);

  it('a marketer adds a conversion and reports on it', async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, marketer.email, DEMO.password);
    await page.goto(`${stack.url}/reports?tab=attribution`);
    await page.waitForSelector('[data-testid=attribution-table]');
    await page.click('[data-testid=conversion-definitions] summary');
    const form = page.locator('[data-testid=conversion-form]');
    await form.locator('input').first().fill('Big orders');
    await form.locator('select').first().selectOption('event');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=conversion-select] option:text-is("Big orders")', {
      state: 'attached',
    });
    await page.selectOption('[data-testid=conversion-select]', { label: 'Big orders' });
    await page.waitForURL(/conversion=/);
    await page.waitForSelector('[data-testid=attribution-table]');
    // Same purchases, same credits as the demo's "Purchase" definition.
    expect(money(await page.textContent('[data-testid=stat-conversions] .stat-value'))).toBeGreaterThan(50);

    // A duplicate name is refused with the reason.
    await form.locator('input').first().fill('Big orders');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=conversion-form] [role=alert]:has-text("already named")');

    // The newsletter's design cost 300 €: its ROI counts it, with the messages' own cost (on the demo's
    // "Purchase", valued in euros like the prices; the new definition is in dollars, so it shows no ROI).
    await page.selectOption('[data-testid=conversion-select]', { label: 'Purchase' });
    await page.selectOption('[data-testid=credit-by]', 'source');
    const newsletter = page.locator('[data-testid=roi-table] tr', { hasText: 'November newsletter' });
    const cost = () => newsletter.locator('td').nth(2).textContent();
    const before = money(await cost());
    await newsletter.locator('[data-testid=fixed-cost]').fill('300');
    await newsletter.locator('[data-testid=fixed-cost]').blur();
    await expect.poll(async () => money(await cost())).toBeCloseTo(before + 300, 2);
    await page.reload();
    await page.waitForSelector('[data-testid=roi-table]');
    expect(await newsletter.locator('[data-testid=fixed-cost]').inputValue()).toBe('300');
    await page.close();
  }, 120_000);

  it('reads in Simplified Chinese on a phone: wide tables scroll inside themselves', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, stack.url, analyst.email, DEMO.password);
    await page.evaluate(() => localStorage.setItem('switchboard.locale', 'zh-CN'));
    await page.goto(`${stack.url}/reports`);
    await page.waitForSelector('[data-testid=overview-table] tr[data-channel=all]');
    expect(await page.textContent('tr[data-channel=all] td:first-child')).toBe('全部渠道');
    expect(await page.textContent('[data-testid=funnel] li[data-step=delivered]')).toContain('已送达');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`${stack.url}/reports?tab=attribution&model=first`);
    await page.waitForSelector('[data-testid=attribution-table]');
    expect(await page.textContent('[data-testid=model-help]')).toBe('全部价值归于每条路径的第一次触达。');
    expect(await page.textContent('tr[data-key=direct] td:first-child')).toBe('直接');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await snap(page, 'reports-phone-zh');
    await context.close();
  }, 120_000);
});
