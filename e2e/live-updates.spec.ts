import { APIRequestContext, Locator, Page, expect, test } from '@playwright/test';
import { DRAWN, api, compareUrl, doubleClickChartUntil, summaryBars } from './support';

/** A running task of its own, in a project of its own (archived, so the demo table stays as other specs expect). */
async function runningTask(request: APIRequestContext, label: string): Promise<string> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e live ${label} ${Date.now()}` });
  const { id } = await api<{ id: string }>(request, 'tasks.create', {
    name: `live ${label}`,
    project,
    type: 'training',
    system_tags: ['archived'],
  });
  await api(request, 'tasks.started', { task: id });
  await report(request, id, 0, 10);
  return id;
}

/** Scalar points `from`..`to - 1` of live/loss, as a training loop would log them. */
async function report(request: APIRequestContext, task: string, from: number, to: number): Promise<void> {
  const events = Array.from({ length: to - from }, (_, i) => ({
    type: 'training_stats_scalar',
    task,
    metric: 'live',
    variant: 'loss',
    iter: from + i,
    value: 1 / (from + i + 1),
  }));
  const { added } = await api<{ added: number }>(request, 'events.add_batch', events);
  expect(added).toBe(events.length);
}

const CHART_KEY = 'mv:live:loss';

function chart(page: Page): Locator {
  return page.locator(`[data-testid="scalar-chart"][data-chart-key="${CHART_KEY}"]`);
}

/** The x values of the chart's line trace, as Plotly holds them. */
function plottedX(chartEl: Locator): Promise<number[]> {
  return chartEl.locator('.js-plotly-plot').evaluate((el) => {
    const data = (el as unknown as { data: { mode?: string; fill?: string; x: number[] }[] }).data;
    return [...(data.find((t) => t.fill !== 'toself')?.x ?? [])];
  });
}

/** How many tasks' lines the chart draws. */
function lineCount(chartEl: Locator): Promise<number> {
  return chartEl.locator('.js-plotly-plot').evaluate((el) => {
    const data = (el as unknown as { data: { fill?: string; x: number[]; mode?: string; showlegend?: boolean }[] }).data;
    return data.filter((t) => t.fill !== 'toself' && t.x.length > 1).length;
  });
}

function xRange(chartEl: Locator): Promise<[number, number]> {
  return chartEl.locator('.js-plotly-plot').evaluate((el) => {
    const layout = (el as unknown as { _fullLayout: { xaxis: { range: [number, number] } } })._fullLayout;
    return [...layout.xaxis.range] as [number, number];
  });
}

/** A change shows on the next check (every 0.5-1 s here); on a busy machine that can take much longer. */
const UPDATED = { timeout: 60_000 };

test.describe('live updates', () => {
  test.describe.configure({ timeout: 150_000 });

  test('the page and an embed of a running task show new points within the interval; the page asks only for change marks between @plain', async ({
    page,
    browser,
    request,
  }) => {
    const id = await runningTask(request, 'points');
    const checks: string[] = [];
    page.on('request', (r) => {
      if (
        r.url().includes('tasks.get_all_ex') &&
        JSON.stringify(r.postDataJSON()?.only_fields) === '["id","status","last_update","last_change"]'
      ) {
        checks.push(r.url());
      }
    });
    await page.goto(compareUrl([id], 'scalars/graph', 'refresh=1'));
    await expect(page.getByTestId('live-badge')).toBeVisible(DRAWN);
    await expect(chart(page).locator('.nsewdrag')).toBeVisible(DRAWN);
    await expect.poll(() => plottedX(chart(page))).toHaveLength(10);

    const embedContext = await browser.newContext();
    const embed = await embedContext.newPage();
    await embed.goto(`/embed;ids=${id}/scalars/graph?chart=${encodeURIComponent(CHART_KEY)}&refresh=1`);
    await expect(chart(embed).locator('.nsewdrag')).toBeVisible(DRAWN);
    await expect.poll(() => plottedX(chart(embed))).toHaveLength(10);

    // Nothing changed: checks go on, but no histogram is asked for again.
    const histograms: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('multi_task_scalar_metrics_iter_histogram')) histograms.push(r.url());
    });
    const before = checks.length;
    await expect.poll(() => checks.length, UPDATED).toBeGreaterThan(before + 1);
    expect(histograms).toHaveLength(0);

    // Tag the line Plotly holds (under a symbol, which no figure comparison sees): appending keeps the
    // trace and its tag; a redraw would replace it.
    const tagLine = (p: Page) =>
      chart(p)
        .locator('.js-plotly-plot')
        .evaluate((el) => {
          for (const trace of (el as unknown as { data: Record<symbol, unknown>[] }).data) trace[Symbol.for('e2e')] = 'before';
        });
    const lineTag = (p: Page) =>
      chart(p)
        .locator('.js-plotly-plot')
        .evaluate((el) => (el as unknown as { data: Record<symbol, unknown>[] }).data.map((trace) => trace[Symbol.for('e2e')] ?? null));
    await tagLine(page);
    await tagLine(embed);
    // The line as drawn (its SVG path), not only the points Plotly holds.
    const drawnLine = (p: Page) => chart(p).locator('.scatterlayer .trace path.js-line').first().getAttribute('d');
    const drawnBefore = await drawnLine(page);
    await report(request, id, 10, 25);
    await expect.poll(() => plottedX(chart(page)), UPDATED).toHaveLength(25);
    await expect.poll(() => drawnLine(page), UPDATED).not.toBe(drawnBefore);
    await expect.poll(() => plottedX(chart(embed)), UPDATED).toHaveLength(25);
    expect(await plottedX(chart(page))).toEqual(Array.from({ length: 25 }, (_, i) => i));
    // The new points were appended to the line on screen (Plotly.extendTraces), not drawn as a new figure.
    expect(await lineTag(page)).toEqual(['before']);
    expect(await lineTag(embed)).toEqual(['before']);
    expect(histograms.length).toBeGreaterThan(0);
    await embedContext.close();
  });

  test('a refresh keeps the zoom window; double-click then shows the new points @plain', async ({ page, request }, info) => {
    const id = await runningTask(request, 'zoom');
    await report(request, id, 10, 40);
    await page.goto(compareUrl([id], 'scalars/graph', 'refresh=1'));
    const el = chart(page);
    await expect(el.locator('.nsewdrag')).toBeVisible(DRAWN);
    await expect.poll(() => plottedX(el)).toHaveLength(40);
    const box = (await el.locator('.nsewdrag').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    // With x_range the zoom's window is fetched; without (clearml-server), the points drawn are kept.
    if (info.project.name === 'plain') await expect.poll(async () => (await xRange(el))[1]).toBeLessThan(35);
    else await expect.poll(() => plottedX(el)).not.toHaveLength(40);
    const zoomed = await xRange(el);

    const refetch = page.waitForRequest((r) => r.url().includes('multi_task_scalar_metrics_iter_histogram'));
    await report(request, id, 40, 60);
    await refetch;
    await expect(el).toHaveAttribute('data-status', 'loaded');
    await page.waitForTimeout(300);
    expect(await xRange(el)).toEqual(zoomed);

    await doubleClickChartUntil(el, async () => (await plottedX(el)).length === 60);
  });

  test("the Summary above the charts shows a running task's new single values, on Scalars and on Plots", async ({ page, request }) => {
    const id = await runningTask(request, 'summary');
    // A value reported once (`report_single_value`), then a newer one with the next points, as a training loop would.
    const single = (value: number) => ({
      type: 'training_stats_scalar',
      task: id,
      metric: 'Summary',
      variant: 'accuracy',
      iter: -2147483648,
      value,
    });
    await api(request, 'events.add_batch', [single(0.5)]);
    // The bars' values as Plotly holds them (none while the chart is being drawn).
    const summaryValues = async (p: Page) => (await summaryBars(p)).map((bar) => bar.value);

    await page.goto(compareUrl([id], 'scalars/graph', 'refresh=1'));
    await expect(chart(page).locator('.nsewdrag')).toBeVisible(DRAWN);
    await expect(page.getByTestId('summary-chart').locator('.main-svg').first()).toBeVisible(DRAWN);
    await expect.poll(() => summaryValues(page)).toEqual([0.5]);
    await api(request, 'events.add_batch', [single(0.75)]);
    await report(request, id, 10, 15);
    await expect.poll(() => plottedX(chart(page)), UPDATED).toHaveLength(15);
    await expect.poll(() => summaryValues(page), UPDATED).toEqual([0.75]);

    await page.getByTestId('tab-metrics-plots').click();
    await expect.poll(() => summaryValues(page), DRAWN).toEqual([0.75]);
    await api(request, 'events.add_batch', [single(0.9)]);
    await report(request, id, 15, 20);
    await expect.poll(() => summaryValues(page), UPDATED).toEqual([0.9]);
  });

  test("Details shows a running task's new iteration and status without a reload, keeping the scroll", async ({ page, request }) => {
    const id = await runningTask(request, 'details');
    await page.goto(compareUrl([id], 'details', 'refresh=1'));
    const cell = (row: string) => page.locator(`[data-testid="row"][data-row="${row}"] [data-testid="cell"][data-col="0"]`);
    await expect(cell('last_iteration')).toHaveText('9', DRAWN);
    await expect(cell('status')).toContainText('in_progress');
    const scroller = page.getByTestId('side-by-side');
    await scroller.evaluate((el) => (el.scrollTop = 40));
    const scrolled = await scroller.evaluate((el) => el.scrollTop);

    await report(request, id, 10, 30);
    await expect(cell('last_iteration')).toHaveText('29', UPDATED);
    await api(request, 'tasks.completed', { task: id });
    await expect(cell('status')).toContainText('completed', UPDATED);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolled);
  });

  test('with another tab open, Details is refetched only when it opens again, then shows the new iteration', async ({ page, request }) => {
    const id = await runningTask(request, 'details closed');
    const detailFetches: string[] = [];
    page.on('request', (r) => {
      const fields = (r.url().endsWith('/tasks.get_all_ex') && (r.postDataJSON() as { only_fields?: string[] })?.only_fields) || [];
      if (fields.includes('script.requirements')) detailFetches.push(r.url());
    });
    await page.goto(compareUrl([id], 'details', 'refresh=0.5'));
    const cell = (row: string) => page.locator(`[data-testid="row"][data-row="${row}"] [data-testid="cell"][data-col="0"]`);
    await expect(cell('last_iteration')).toHaveText('9', DRAWN);
    await page.getByRole('tab', { name: 'Scalars', exact: true }).click();
    await expect.poll(() => plottedX(chart(page)), DRAWN).toHaveLength(10);
    const before = detailFetches.length;
    await report(request, id, 10, 30);
    await expect.poll(() => plottedX(chart(page)), UPDATED).toHaveLength(30);
    expect(detailFetches.length).toBe(before);
    await page.getByRole('tab', { name: 'Details', exact: true }).click();
    await expect(cell('last_iteration')).toHaveText('29', UPDATED);
    expect(detailFetches.length).toBe(before + 1);
  });

  test('the debug-sample viewer stays open and the scroll stays while new data arrives', async ({ page, request }) => {
    const id = await runningTask(request, 'viewer');
    const sample = (iter: number) => ({
      type: 'training_debug_image',
      task: id,
      metric: 'images',
      variant: 'input',
      iter,
      url: `/files/live/${iter}.png`,
    });
    await api(request, 'events.add_batch', [sample(1), sample(2)]);
    await page.goto(compareUrl([id], 'debug-images', 'refresh=1'));
    await expect(page.getByRole('button', { name: /^Open .+ at iteration / })).toHaveCount(1, DRAWN);
    await expect(page.getByTestId('column-iteration')).toContainText('2');
    await page.getByRole('button', { name: /^Open .+ at iteration / }).click();
    await expect(page.getByRole('dialog', { name: 'Debug sample viewer' })).toBeVisible();

    const refreshed = page.waitForRequest((r) => r.url().includes('events.debug_images'));
    await api(request, 'events.add_batch', [sample(3)]);
    await refreshed;
    // The column at its newest moves on to the new iteration; the open viewer is still there.
    await expect(page.getByTestId('column-iteration')).toContainText('3');
    await expect(page.getByRole('dialog', { name: 'Debug sample viewer' })).toBeVisible();
    await expect(page.getByTestId('viewer-iteration')).toHaveText('Iteration 2');
  });

  test('a sample embedded from a column at its newest iteration follows new iterations; one from an older iteration stays', async ({
    page,
    context,
    request,
  }) => {
    const id = await runningTask(request, 'follow');
    const sample = (iter: number) => ({
      type: 'training_debug_image',
      task: id,
      metric: 'images',
      variant: 'input',
      iter,
      url: `/files/live/${iter}.png`,
    });
    await api(request, 'events.add_batch', [sample(1), sample(2)]);
    await page.goto(compareUrl([id], 'debug-images', 'refresh=1'));
    const thumb = page.locator('.thumb-wrap').first();
    await expect(thumb).toBeVisible(DRAWN);
    // The path the embed button copies (the copy itself is covered by the embeds spec).
    const copySrc = async () =>
      new URL((await thumb.getByRole('button', { name: /^Copy embed code for / }).getAttribute('data-embed-path'))!, page.url());
    const following = await copySrc();
    expect(following.searchParams.get('follow')).toBe('1');
    await page.getByRole('button', { name: 'Older iteration', exact: true }).click();
    await expect(page.getByTestId('column-iteration')).toContainText('1');
    await expect(thumb.getByRole('button', { name: /^Open .+ at iteration / })).toHaveAttribute('data-iter', '1');
    const pinned = await copySrc();
    expect(pinned.searchParams.get('follow')).toBeNull();

    await page.goto(`${following.pathname}${following.search}&refresh=1`);
    await expect(page.getByTestId('embed-sample')).toHaveAttribute('data-iter', '2', DRAWN);
    await expect(page.getByTestId('embed-sample-iter')).toHaveText('iteration 2 (newest)');
    const pinnedPage = await context.newPage();
    await pinnedPage.goto(`${pinned.pathname}${pinned.search}&refresh=1`);
    await expect(pinnedPage.getByTestId('embed-sample')).toHaveAttribute('data-iter', '1', DRAWN);

    await api(request, 'events.add_batch', [sample(3)]);
    await expect(page.getByTestId('embed-sample')).toHaveAttribute('data-iter', '3', UPDATED);
    await expect(page).toHaveURL(/sample=[^&]*%3A3%3A|sample=[^&]*:3:/);
    await pinnedPage.waitForTimeout(2_500);
    await expect(pinnedPage.getByTestId('embed-sample')).toHaveAttribute('data-iter', '1');
  });

  test('auto-refresh off stops the checks, and it stays off after a reload', async ({ page, request }) => {
    const id = await runningTask(request, 'off');
    let checks = 0;
    page.on('request', (r) => {
      if (
        r.url().includes('tasks.get_all_ex') &&
        (r.postDataJSON()?.only_fields ?? []).includes('last_change') &&
        !(r.postDataJSON()?.only_fields ?? []).includes('name')
      )
        checks++;
    });
    await page.goto(compareUrl([id], 'scalars/graph', 'refresh=0.5'));
    await expect(page.getByTestId('live-badge')).toBeVisible(DRAWN);
    await expect.poll(() => checks, UPDATED).toBeGreaterThan(1);
    await page.getByRole('switch', { name: 'Auto-refresh', exact: true }).click();
    await expect(page).toHaveURL(/live=off/);
    await expect(page.getByTestId('live-badge')).toHaveCount(0);
    await page.waitForTimeout(300);
    const afterOff = checks;
    await report(request, id, 10, 20);
    await page.waitForTimeout(2_000);
    expect(checks).toBe(afterOff);
    await expect.poll(() => plottedX(chart(page))).toHaveLength(10);

    await page.reload();
    await expect(page.getByRole('switch', { name: 'Auto-refresh', exact: true })).toHaveAttribute('aria-checked', 'false');
    const afterReload = checks;
    await page.waitForTimeout(2_000);
    expect(checks).toBe(afterReload);

    await page.getByRole('switch', { name: 'Auto-refresh', exact: true }).click();
    await expect(page).not.toHaveURL(/live=off/);
    await expect.poll(() => checks, UPDATED).toBeGreaterThan(afterReload);
  });

  test('a task deleted while the page is open is named as not found, and the charts go on without it', async ({ page, request }) => {
    const kept = await runningTask(request, 'kept');
    const deleted = await runningTask(request, 'deleted');
    await page.goto(compareUrl([kept, deleted], 'scalars/graph', 'refresh=0.5'));
    await expect(page.getByTestId('live-badge')).toBeVisible(DRAWN);
    await expect.poll(() => lineCount(chart(page)), DRAWN).toBe(2);
    // From here the server answers as a ClearML server does once the task is deleted: task lists
    // leave it out, and any events call that names it is refused.
    const askedFor: string[][] = [];
    await page.route('**/tasks.get_all_ex', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data: { tasks: { id: string }[] } };
      body.data.tasks = body.data.tasks.filter((t) => t.id !== deleted);
      await route.fulfill({ response, json: body });
    });
    await page.route('**/events.*', async (route) => {
      const tasks = (route.request().postDataJSON() as { tasks?: string[] } | null)?.tasks ?? [];
      askedFor.push(tasks);
      if (!tasks.includes(deleted)) return route.fallback();
      await route.fulfill({
        status: 400,
        json: {
          meta: { result_code: 400, result_subcode: 101, result_msg: `Invalid task id: id=${deleted}`, error_stack: null, error_data: {} },
          data: {},
        },
      });
    });
    await report(request, kept, 10, 20);
    await expect(page.getByRole('alert').filter({ hasText: 'A task in this link was not found' })).toBeVisible(UPDATED);
    await expect.poll(() => plottedX(chart(page)), UPDATED).toHaveLength(20);
    await expect.poll(() => lineCount(chart(page))).toBe(1);
    await expect(page.getByText('could not be loaded')).toHaveCount(0);
    expect(askedFor.length).toBeGreaterThan(0);
    expect(askedFor.filter((tasks) => tasks.includes(deleted))).toEqual([]);
  });

  test('checks stop once no compared task is running', async ({ page, request }) => {
    const id = await runningTask(request, 'done');
    let checks = 0;
    page.on('request', (r) => {
      if (
        r.url().includes('tasks.get_all_ex') &&
        JSON.stringify(r.postDataJSON()?.only_fields) === '["id","status","last_update","last_change"]'
      )
        checks++;
    });
    await page.goto(compareUrl([id], 'scalars/graph', 'refresh=0.5'));
    await expect(page.getByTestId('live-badge')).toBeVisible(DRAWN);
    await api(request, 'tasks.completed', { task: id });
    await expect(page.getByTestId('live-badge')).toHaveCount(0, UPDATED);
    const settled = checks;
    await page.waitForTimeout(1_500);
    expect(checks).toBe(settled);
  });
});
