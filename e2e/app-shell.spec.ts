import { expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskHeaders, taskIds } from './support';

/**
 * Which Plotly build a script is, or null: a build is a megabyte-sized script with Plotly's events;
 * the full build has parcoords, the cartesian one ternary scatter plots, the basic one neither.
 */
function plotlyBuild(text: string): 'full' | 'cartesian' | 'basic' | null {
  if (text.length <= 900_000 || !text.includes('plotly_relayout')) return null;
  return text.includes('"parcoords"') ? 'full' : text.includes('"scatterternary"') ? 'cartesian' : 'basic';
}

test.describe('app shell', () => {
  test('when the API cannot be reached the table says so, and retry recovers', async ({ page }) => {
    let down = true;
    await page.route('**/api/**', (route) => (down ? route.abort('connectionrefused') : route.continue()));
    await page.goto('/tasks');
    await expect(page.getByTestId('tasks-error')).toContainText('cannot be reached');
    down = false;
    await page.getByTestId('tasks-error').getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('tasks-error')).toHaveCount(0);
    await expect(page.locator('tr[data-task-id]').first()).toBeVisible();
  });

  test('the compare page explains a failed load and keeps working after retry', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    let down = true;
    await page.route('**/api/**', (route) => (down ? route.fulfill({ status: 502, body: 'Bad gateway' }) : route.continue()));
    await page.goto(compareUrl(ids));
    await expect(page.getByTestId('compare-error')).toContainText('could not be loaded');
    await expect(page.getByRole('tab', { name: 'Details', exact: true })).toBeVisible();
    down = false;
    await page.getByTestId('compare-error').getByRole('button', { name: 'Try again' }).click();
    await expect(taskHeaders(page).first()).toContainText(DEMO.best);
  });

  test('Plotly is not in what the task table loads; the Scalars tab loads its basic build only', async ({ page, request }) => {
    // The scripts each page asked for, read afterwards from the server: a body read from the page
    // is gone once the page navigates, and a deferred chunk may arrive just before that.
    let urls = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') urls.add(response.url());
    });
    const scripts = async () => {
      const texts = await Promise.all([...urls].map(async (url) => (await request.get(url)).text()));
      urls = new Set();
      return texts;
    };
    const builds = (texts: string[]) => texts.map(plotlyBuild).filter((build) => build !== null);
    await page.goto('/tasks');
    await expect(page.locator('tr[data-task-id]').first()).toBeVisible();
    // (the paginator's deferred code has loaded too)
    await expect(page.locator('mat-paginator')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const table = await scripts();
    expect(table.reduce((sum, text) => sum + text.length, 0)).toBeGreaterThan(100_000);
    expect(builds(table)).toEqual([]);

    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    await expect(page.locator('app-plot .main-svg').first()).toBeVisible();
    expect(builds(await scripts())).toEqual(['basic']);
  });

  test('the app’s code and Plotly come compressed, and run', async ({ page, request }) => {
    const scripts: { url: string; encoding: string | null }[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push({ url: response.url(), encoding: await response.headerValue('content-encoding') });
    });
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    await expect(page.locator('app-plot .main-svg').first()).toBeVisible();
    await expect.poll(() => scripts.some((s) => s.url.includes('/plotly/'))).toBe(true);
    expect(scripts.length).toBeGreaterThan(5);
    // Chromium asks for gzip, deflate, br and zstd: every script of 1 KB or more comes as brotli.
    const sizes = await Promise.all(
      scripts.map(async (s) => (await request.get(s.url, { headers: { 'accept-encoding': 'identity' } })).body()),
    );
    const large = scripts.filter((_, i) => sizes[i].length >= 1024);
    expect(large.length).toBeGreaterThan(5);
    expect(large.filter((s) => s.encoding !== 'br').map((s) => s.url)).toEqual([]);
  });

  test("a link's page finds its code preloaded: no script it runs first was missing from index.html", async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    // Each page with what it draws first: scripts asked for before that was drawn must have been
    // preloaded. What a page loads once it is idle (the task table's paginator and filter menus,
    // the look-alike toggles' Material code) is not part of its first code: the page's idle
    // callbacks are held until its first element is drawn, as a slower network would order them.
    const pages: [string, string][] = [
      ['/tasks', '[data-testid="paginator-placeholder"]'],
      [compareUrl(ids, 'scalars/graph'), 'app-plot .main-svg'],
      [compareUrl(ids, 'hyper-params/values'), '[data-testid="tab-hyper-params"]'],
    ];
    // When this page's first-drawn element appeared, as the page saw it (another page's element may
    // be drawn earlier: the compare page's tab bar is on every tab).
    await page.addInitScript((list: [string, string][]) => {
      const seen: Record<string, number> = {};
      (window as unknown as { firstSeen: Record<string, number> }).firstSeen = seen;
      const ready = list.find(([url]) => location.href.endsWith(url))?.[1];
      const idle = window.requestIdleCallback.bind(window);
      let held: (() => void)[] | undefined = [];
      window.requestIdleCallback = (callback, options) => {
        if (!held) return idle(callback, options);
        held.push(() => idle(callback, options));
        return 0;
      };
      new MutationObserver(() => {
        if (!ready || ready in seen || !document.querySelector(ready)) return;
        seen[ready] = performance.now();
        const release = held ?? [];
        held = undefined;
        release.forEach((run) => run());
      }).observe(document, { childList: true, subtree: true });
    }, pages);
    // The chart's series come a second late, as from a busy server: the page is idle meanwhile.
    await page.route('**/events.multi_task_scalar_metrics_iter_histogram', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    const bare = await (await request.get('/no-such-page')).text();
    const listed = (html: string) => [...html.matchAll(/<(?:link rel="modulepreload" href|script src)="([^"]+)"/g)].map((m) => m[1]);
    for (const [url, ready] of pages) {
      const html = await (await request.get(url)).text();
      const preloaded = listed(html);
      expect(preloaded.length, url).toBeGreaterThan(listed(bare).length);
      await page.goto(url);
      // Seen by the page's own observer: the element may already have been replaced (the task
      // table's paginator placeholder gives way to the paginator once the page is idle).
      await page.waitForFunction(
        (selector) => ((window as unknown as { firstSeen: Record<string, number> }).firstSeen[selector] ?? 0) > 0,
        ready,
      );
      const drawnAt = await page.evaluate(
        (selector) => (window as unknown as { firstSeen: Record<string, number> }).firstSeen[selector],
        ready,
      );
      expect(drawnAt, url).toBeGreaterThan(0);
      // Every script the page asked for before it drew that, but Plotly's builds (plotly/, loaded
      // when a chart needs one; revalidated from the cache they can be reported without their size).
      const fetched = await page.evaluate(
        (before) =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.startTime < before)
            .map((e) => new URL(e.name).pathname.slice(1))
            .filter((file) => file.endsWith('.js') && !file.startsWith('plotly/')),
        drawnAt,
      );
      expect(fetched.length, url).toBeGreaterThan(0);
      expect(
        fetched.filter((file) => !preloaded.includes(file)),
        url,
      ).toEqual([]);
    }
  });

  test("the compare page loads Plotly's basic build once it is idle, before a chart is opened", async ({ page, request }) => {
    const plotly: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script' && response.status() === 200) {
        const build = plotlyBuild(await response.text());
        if (build) plotly.push(build);
      }
    });
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(compareUrl(ids, 'details'));
    await expect(page.getByTestId('row').first()).toBeVisible();
    await expect.poll(() => plotly).toEqual(['basic']);
    // The Scalars graph then draws with it, without loading anything more.
    await page.getByRole('tab', { name: 'Scalars', exact: true }).click();
    await expect(page.locator('app-plot .main-svg').first()).toBeVisible();
    expect(plotly).toEqual(['basic']);
  });

  test('an unknown address shows a way back instead of a blank page', async ({ page }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('alert')).toContainText('does not match a page');
    await page.getByRole('link', { name: 'Go to the task table' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
  });
});
