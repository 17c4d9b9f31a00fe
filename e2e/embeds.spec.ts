import { BrowserContext, Locator, Page, expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskIds } from './support';

/** The shared machine can be slow to load Plotly and the lazy tabs. */
const DRAWN = { timeout: 60_000 };

/** Hovers `frame`, clicks its embed button and returns the iframe snippet from the clipboard. */
async function copyEmbed(page: Page, context: BrowserContext, frame: Locator): Promise<string> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await frame.hover();
  const button = frame.getByRole('button', { name: /^Copy embed code for / }).first();
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.locator('mat-snack-bar-container')).toContainText('Embed code copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

function iframeSrc(snippet: string): string {
  expect(snippet).toMatch(/^<iframe src="[^"]+" title="[^"]*" width="\d+" height="\d+"/);
  return /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
}

/** The y values of every line trace of a chart, as Plotly holds them (smoothing applied). */
function plottedY(chart: Locator): Promise<number[][]> {
  return chart
    .locator('.js-plotly-plot')
    .evaluate((el) =>
      (el as unknown as { data: { fill?: string; y: number[] }[] }).data.filter((t) => t.fill !== 'toself').map((t) => [...t.y]),
    );
}

test.describe('embeds', () => {
  test.describe.configure({ timeout: 150_000 });

  test('a scalar chart copies an iframe snippet whose URL draws that chart alone, with the same smoothing and axis', async ({
    page,
    context,
    request,
  }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/graph', 'smooth=0.6&log=1'));
    const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator('.nsewdrag')).toBeVisible(DRAWN);
    await expect(chart).toHaveAttribute('data-status', 'loaded');
    const pageY = await plottedY(chart);

    const src = iframeSrc(await copyEmbed(page, context, chart));
    const url = new URL(src);
    expect(url.origin).toBe(new URL(page.url()).origin);
    expect(decodeURIComponent(url.pathname)).toBe(`/embed;ids=${ids.join(',')}/scalars/graph`);
    expect(url.searchParams.get('chart')).toBe('mv:loss:train');
    expect(url.searchParams.get('smooth')).toBe('0.6');

    await page.goto(src);
    const embedded = page.getByTestId('scalar-chart');
    await expect(embedded).toHaveCount(1, DRAWN);
    await expect(embedded).toHaveAttribute('data-chart-key', 'mv:loss:train');
    await expect(embedded.locator('.nsewdrag')).toBeVisible(DRAWN);
    await expect(embedded).toHaveAttribute('data-status', 'loaded');
    // Only the chart: no app bar, no compare header, no settings.
    await expect(page.getByRole('button', { name: /^Switch to (dark|light) theme$/ })).toHaveCount(0);
    await expect(page.getByRole('switch', { name: 'Auto-refresh', exact: true })).toHaveCount(0);
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Copy embed code for / })).toHaveCount(0);
    expect(await plottedY(embedded)).toEqual(pageY);
    await expect(embedded.locator('.ytitle, .yaxislayer-above text').first()).toBeAttached();
    const yType = await embedded
      .locator('.js-plotly-plot')
      .evaluate((el) => (el as unknown as { _fullLayout: { yaxis: { type: string } } })._fullLayout.yaxis.type);
    expect(yType).toBe('log');
  });

  test('an embed follows the theme parameter and tells an unknown chart apart', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline]);
    await page.goto(`/embed;ids=${ids[0]}/scalars/graph?chart=${encodeURIComponent('mv:loss:train')}&theme=dark`);
    await expect(page.locator('html')).toHaveClass(/theme-dark/, DRAWN);
    await expect(page.getByTestId('scalar-chart').locator('.nsewdrag')).toBeVisible(DRAWN);
    await page.goto(`/embed;ids=${ids[0]}/scalars/graph?chart=nope&theme=light`);
    await expect(page.locator('html')).toHaveClass(/theme-light/);
    await expect(page.getByTestId('graphs-empty')).toContainText('not among');
    // The theme given to an embed is not remembered for the app itself.
    expect(await page.evaluate(() => localStorage.getItem('compare-tasks.theme'))).toBeNull();
  });

  test('a debug sample copies a snippet that shows that sample alone', async ({ page, context, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(compareUrl(ids, 'debug-images'));
    const thumb = page.locator(`app-sample-column[data-task-id="${ids[0]}"] .thumb-wrap`).first();
    await expect(thumb).toBeVisible(DRAWN);
    const sample = thumb.getByRole('button', { name: /^Open .+ at iteration / });
    const [metric, variant, iter] = await Promise.all(['data-metric', 'data-variant', 'data-iter'].map((a) => sample.getAttribute(a)));

    const src = iframeSrc(await copyEmbed(page, context, thumb));
    expect(decodeURIComponent(new URL(src).pathname)).toBe(`/embed;ids=${ids[0]}/debug-images`);
    await page.goto(src);
    const embedded = page.getByTestId('embed-sample');
    await expect(embedded).toBeVisible(DRAWN);
    await expect(page.getByTestId('embed-sample-title')).toHaveText(`${metric} / ${variant}`);
    await expect(embedded).toHaveAttribute('data-iter', iter!);
    await expect(page.getByTestId('sample-column')).toHaveCount(0);
    const image = embedded.locator('img');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  });

  const CHART_VIEWS: { view: string; query: string; frame: string; chart: string; hidden: string }[] = [
    {
      view: 'hyper-params/graph',
      query: '',
      frame: '.chart-row',
      chart: '[data-testid="parcoords"] svg.pc-chart',
      hidden: '[data-testid="metric-picker"]',
    },
    {
      view: 'hyper-params/scatter',
      query: 'scLog=on',
      frame: '.chart-row',
      chart: '[data-testid="scatter"] .js-plotly-plot',
      hidden: '[data-testid="scatter-y"]',
    },
    {
      view: 'metrics-plots',
      query: '',
      frame: '[data-testid="plot-card"][data-kind="overlay"]',
      chart: '[data-testid="plot-card"] .js-plotly-plot',
      hidden: '[data-testid="plot-search"]',
    },
  ];
  for (const { view, query, frame, chart, hidden } of CHART_VIEWS) {
    test(`${view} has an embed button whose URL draws the one chart with the same options`, async ({ page, request }) => {
      const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
      await page.goto(compareUrl(ids, view, query));
      const host = page.locator(frame).first();
      await expect(host.locator(chart.split(' ').at(-1)!)).toBeAttached(DRAWN);
      await host.scrollIntoViewIfNeeded();
      await host.hover();
      const path = await host
        .getByRole('button', { name: /^Copy embed code for / })
        .first()
        .getAttribute('data-embed-path');
      expect(path).toContain(`/embed;ids=${ids.join(',')}/${view}`);
      if (query) expect(path).toContain(query);
      await page.goto(path!);
      await expect(page.locator(chart)).toHaveCount(1, DRAWN);
      await expect(page.locator(hidden)).toHaveCount(0);
      await expect(page.getByRole('button', { name: /^Copy embed code for / })).toHaveCount(0);
    });
  }

  test('the server lets the app itself frame an embed and no other site by default', async ({ request }) => {
    const ids = await taskIds(request, [DEMO.baseline]);
    const response = await request.get(`/embed;ids=${ids[0]}/scalars/graph?chart=x`);
    expect(response.ok()).toBeTruthy();
    expect(response.headers()['content-security-policy']).toMatch(/frame-ancestors 'self'(;|$)/);
  });

  /** What must lie inside an embed's frame: the plot area, the x axis title and the legend. */
  const FIT_VIEWS: { view: string; query: string; plot: string; parts: string[] }[] = [
    { view: 'scalars/graph', query: 'chart=mv:loss:train', plot: '.bglayer .bg', parts: ['.xtitle', 'app-scalar-legend'] },
    { view: 'metrics-plots', query: 'plot=ROC/test', plot: '.bglayer .bg', parts: ['.xtitle', '.legend .bg'] },
    // Three heatmaps side by side, one per task, each with its colour bar.
    { view: 'metrics-plots', query: 'plot=Confusion%20Matrix/test', plot: '.bglayer .bg', parts: ['.xtitle', '.colorbar'] },
    { view: 'hyper-params/scatter', query: '', plot: '.bglayer .bg', parts: ['.xtitle', 'app-task-legend'] },
    { view: 'hyper-params/graph', query: '', plot: 'app-parallel-coordinates', parts: ['app-task-legend'] },
  ];
  const FRAMES = [
    { width: 800, height: 480 },
    { width: 400, height: 300 },
    { width: 1200, height: 700 },
  ];
  for (const { view, query, plot, parts } of FIT_VIEWS) {
    test(`${view}${query ? `?${decodeURIComponent(query)}` : ''} embedded fills its frame at any size, axis title and legend inside`, async ({
      page,
      request,
    }) => {
      const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
      for (const frame of FRAMES) {
        await page.setViewportSize(frame);
        await page.goto(`/embed;ids=${ids.join(',')}/${view}${query ? `?${query}` : ''}`);
        const plots = page.locator(plot);
        await expect(plots.first()).toBeVisible(DRAWN);
        for (const part of parts) await expect(page.locator(part).first()).toBeVisible(DRAWN);
        // Drawn at the frame's size (a chart is drawn again when its frame settles).
        await expect
          .poll(() =>
            page.evaluate(
              () => document.scrollingElement!.scrollHeight <= innerHeight && document.scrollingElement!.scrollWidth <= innerWidth,
            ),
          )
          .toBe(true);
        const boxes = async (selector: string) =>
          (await page.locator(selector).all()).length
            ? await page.locator(selector).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))
            : [];
        const inside = (box: DOMRect) =>
          box.width > 0 &&
          box.height > 0 &&
          box.left >= -0.5 &&
          box.top >= -0.5 &&
          box.right <= frame.width + 0.5 &&
          box.bottom <= frame.height + 0.5;
        await expect
          .poll(
            async () => {
              const all = [...(await boxes(plot)), ...(await Promise.all(parts.map(boxes))).flat()];
              return all.filter((box) => !inside(box)).map((box) => [box.left, box.top, box.right, box.bottom].map(Math.round).join(','));
            },
            { message: `${view} at ${frame.width}x${frame.height}: boxes outside the frame` },
          )
          .toEqual([]);
        // A usable plot: the plot area takes a fair share of the frame.
        const areas = await boxes(plot);
        // (side-by-side panels share the frame: each is only asked to lie inside it)
        for (const box of areas.length === 1 ? areas : []) {
          expect(box.height, `${view} at ${frame.width}x${frame.height}: plot height`).toBeGreaterThan(frame.height * 0.25);
          expect(box.width, `${view} at ${frame.width}x${frame.height}: plot width`).toBeGreaterThan(
            frame.width * (plot.startsWith('.') ? 0.2 : 0.5),
          );
        }
      }
    });
  }
});
