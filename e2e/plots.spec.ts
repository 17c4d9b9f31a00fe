import { Locator, expect, test } from '@playwright/test';
import { DEMO, DRAWN, api, chartTraces, compareUrl, summaryBars, taskIds } from './support';

interface TraceInfo {
  name: string;
  color: string | undefined;
  legendgroup: string;
  visible: unknown;
}

/** The traces Plotly drew in a chart under `scope`. */
async function traces(scope: Locator): Promise<TraceInfo[]> {
  await expect(scope.locator('.js-plotly-plot').first().locator('.main-svg').first()).toBeVisible(DRAWN);
  return (await chartTraces(scope, ['name', 'line', 'legendgroup', 'visible'])).map((t) => ({
    name: String(t.name),
    color: (t.line as { color?: string } | undefined)?.color,
    legendgroup: String(t.legendgroup),
    visible: t.visible,
  }));
}

test.describe('plots', () => {
  // Each test opens the Plots tab and waits for Plotly to draw several charts.
  test.describe.configure({ timeout: 150_000 });

  test('ROC curves overlay in one chart per task colour; confusion matrices once per task with names', async ({ page, request }) => {
    const names = [DEMO.baseline, DEMO.best, DEMO.failed];
    const ids = await taskIds(request, names);
    await page.goto(compareUrl(ids, 'metrics-plots'));

    const roc = page.locator('[data-testid="plot-card"][data-key="ROC/test"]');
    await expect(roc).toHaveAttribute('data-kind', 'overlay');
    await roc.scrollIntoViewIfNeeded();
    const drawn = await traces(roc);
    const groups = [...new Set(drawn.map((t) => t.legendgroup))];
    expect(groups).toEqual(ids);
    // Every curve of the demo ROC plot once per task, each task's traces in one colour, named by the task.
    const perTask = ids.map((id) => drawn.filter((t) => t.legendgroup === id));
    expect(new Set(perTask.map((t) => t.length)).size).toBe(1);
    expect(perTask[0].length).toBeGreaterThan(1);
    perTask.forEach((list, i) => {
      expect(new Set(list.map((t) => t.color)).size).toBe(1);
      for (const t of list) expect(t.name.startsWith(names[i])).toBeTruthy();
    });
    expect(new Set(perTask.map((l) => l[0].color)).size).toBe(3);

    const cm = page.locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"]');
    await expect(cm).toHaveAttribute('data-kind', 'tasks');
    await expect(cm.getByTestId('task-panel')).toHaveCount(3);
    const titles = await cm.getByRole('heading', { level: 4 }).allTextContents();
    names.forEach((name, i) => expect(titles[i]).toContain(name));
    await cm.scrollIntoViewIfNeeded();
    await expect(cm.locator('.js-plotly-plot')).toHaveCount(3, DRAWN);
  });

  test('a chart goes full screen and back, from an overlaid card and from a side-by-side panel', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto(compareUrl(ids, 'metrics-plots'));
    const viewport = page.viewportSize()!;
    const charts = [
      page.locator('[data-testid="plot-card"][data-key="ROC/test"] app-lazy-plot'),
      page
        .locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"] [data-testid="task-panel"]')
        .nth(1)
        .locator('app-lazy-plot'),
    ];
    for (const chart of charts) {
      await chart.scrollIntoViewIfNeeded();
      const frame = chart.locator('.frame');
      await expect(frame.locator('.main-svg').first()).toBeVisible(DRAWN);
      const inPlace = (await frame.boundingBox())!;
      await chart.getByRole('button', { name: / full screen$/ }).click();
      await expect(chart.getByRole('button', { name: / full screen$/ })).toHaveAttribute('aria-label', 'Leave full screen');
      // The whole window but a 16 px margin, the chart drawn again at that size.
      await expect.poll(async () => (await frame.boundingBox())!.width).toBeGreaterThan(viewport.width - 40);
      const full = (await frame.boundingBox())!;
      expect(full.x).toBeLessThan(20);
      expect(full.y).toBeLessThan(20);
      expect(full.height).toBeGreaterThan(viewport.height - 40);
      await expect.poll(async () => (await frame.locator('.main-svg').first().boundingBox())!.width).toBeGreaterThan(viewport.width - 60);
      await page.keyboard.press('Escape');
      await expect.poll(async () => Math.round((await frame.boundingBox())!.width)).toBe(Math.round(inPlace.width));
    }
  });

  test('Summary chart has a bar per task per metric, each metric on its own scale', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'metrics-plots'));
    const summary = page.getByTestId('summary-chart');
    await expect(summary.locator('.main-svg').first()).toBeVisible(DRAWN);
    const chart = {
      bars: await summaryBars(page),
      ranges: await summary.locator('.js-plotly-plot').evaluate((el) =>
        Object.fromEntries(
          Object.entries((el as unknown as { _fullLayout: Record<string, { range?: number[] }> })._fullLayout)
            .filter(([k]) => /^yaxis\d*$/.test(k))
            .map(([k, v]) => [k, v.range]),
        ),
      ),
    };
    const metrics = [...new Set(chart.bars.map((b) => b.metric))];
    expect(metrics).toContain('test_accuracy');
    expect(metrics).toContain('params_millions');
    for (const id of ids)
      expect(
        chart.bars
          .filter((b) => b.task === id)
          .map((b) => b.metric)
          .sort(),
      ).toEqual([...metrics].sort());
    const axisOf = (metric: string) => chart.bars.find((b) => b.metric === metric)!.axis;
    expect(new Set(chart.bars.map((b) => b.axis)).size).toBe(metrics.length);
    const accuracyTop = chart.ranges[axisOf('test_accuracy').replace('y', 'yaxis')]![1];
    const paramsTop = chart.ranges[axisOf('params_millions').replace('y', 'yaxis')]![1];
    expect(accuracyTop).toBeLessThan(1.5);
    expect(paramsTop).toBeGreaterThan(5);
    // Horizontal grid lines only: none runs down through a metric's bar group.
    await expect(summary.locator('.ygrid').first()).toBeAttached();
    await expect(summary.locator('.xgrid')).toHaveCount(0);
  });

  test('the search is in the URL: a link with it lists and draws the matching plots only', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(`${compareUrl(ids, 'metrics-plots')}?plotsSearch=confusion`);
    await expect(page.getByTestId('plot-search')).toHaveValue('confusion');
    await expect(page.getByTestId('plot-list-item')).toHaveCount(1);
    await expect(page.getByTestId('plot-card')).toHaveCount(1);
    await expect(page.locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"]')).toHaveCount(1);
    await page.getByTestId('plot-search').fill('');
    await expect(page).not.toHaveURL(/plotsSearch=/);
    await expect.poll(() => page.getByTestId('plot-card').count()).toBeGreaterThan(1);
    await page.getByTestId('plot-search').fill('weights');
    await expect(page).toHaveURL(/plotsSearch=weights/);
  });

  test('plot selection and search, group by and difference survive a reload', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'metrics-plots'));
    await expect(page.getByTestId('plot-card').first()).toBeVisible();
    const all = await page.getByTestId('plot-card').count();

    await page.getByRole('searchbox', { name: 'Search plots' }).fill('confusion');
    await expect(page.getByTestId('plot-list-item')).toHaveCount(1);
    await expect(page.getByTestId('plot-card')).toHaveCount(1);
    await page.getByRole('button', { name: 'Hide all' }).click();
    await page.getByRole('searchbox', { name: 'Search plots' }).fill('');
    await expect(page.getByTestId('plot-card')).toHaveCount(all - 1);
    await expect(page).toHaveURL(/plots=/);

    await page.getByRole('radio', { name: 'Metric', exact: true }).click();
    await expect(page).toHaveURL(/plotsGroup=metric/);
    await expect(page.locator('[data-testid="plot-card"][data-key="Weights"]')).toHaveCount(1);

    await page.reload();
    await expect(page.locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="plot-card"][data-key="Weights"]')).toHaveCount(1);
    await expect(page.getByRole('checkbox', { name: 'Confusion Matrix/test', exact: true })).not.toBeChecked();

    // Confusion matrix back, difference from base on: the second task's matrix is the difference.
    await page.getByRole('checkbox', { name: 'Confusion Matrix/test', exact: true }).check();
    await page.getByRole('switch', { name: 'Heatmaps and tables: difference from base', exact: true }).click();
    await expect(page).toHaveURL(/plotsDiff=1/);
    const cm = page.locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"]');
    await expect(cm.getByRole('heading', { level: 4 }).nth(1)).toBeVisible();
    await expect(cm.locator('app-lazy-plot[data-difference="1"]')).toHaveCount(1);
    await expect(cm.locator('app-lazy-plot[data-difference="1"]')).toHaveAttribute('data-difference', '1');
  });
});

test('a side-by-side card names the tasks without its plot in one line when more than a few lack it, and keeps their places when few do', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const post = <T>(endpoint: string, data: unknown) => api<T>(request, endpoint, data);
  const { id: project } = await post<{ id: string }>('projects.create', { name: `no plots ${Date.now()} ${Math.random()}` });
  const empty: string[] = [];
  for (let i = 0; i < 4; i++)
    empty.push(
      (await post<{ id: string }>('tasks.create', { name: `no plots ${i}`, project, type: 'training', system_tags: ['archived'] })).id,
    );
  const [baseline, best] = await taskIds(request, [DEMO.baseline, DEMO.best]);
  const card = page.locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"]');

  await page.goto(compareUrl([baseline, ...empty], 'metrics-plots'));
  await expect(card.getByTestId('task-panel')).toHaveCount(1, DRAWN);
  await expect(card.getByTestId('task-panel')).toHaveAttribute('data-task-id', baseline);
  await expect(card.getByTestId('not-reported')).toHaveText(
    /^\s*Not reported by 4 of 5 tasks:\s*no plots 0,\s*no plots 1,\s*no plots 2,\s*no plots 3\s*$/,
  );

  // Two without it: each keeps its panel (and its place), saying so.
  await page.goto(compareUrl([baseline, empty[0], best, empty[1]], 'metrics-plots'));
  await expect(card.getByTestId('task-panel')).toHaveCount(4, DRAWN);
  await expect(card.getByTestId('not-reported')).toHaveCount(0);
  await expect(card.getByTestId('task-panel').nth(1)).toContainText('This task did not report this plot.');

  // Tasks without any plot: the message alone, no plot list or toolbar for plots that do not exist.
  await page.goto(compareUrl(empty.slice(0, 2), 'metrics-plots'));
  await expect(page.getByText('These tasks reported no plots.')).toBeVisible(DRAWN);
  await expect(page.getByRole('searchbox', { name: 'Search plots' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Hide all' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Group by' })).toHaveCount(0);
});

test('a broken plot shows an error card for that plot only; plot text is not HTML', async ({ page, request }) => {
  test.setTimeout(150_000);
  const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
  await page.route('**/events.get_multi_task_plots', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as {
      data: { plots: Record<string, Record<string, Record<string, Record<string, { plots: { plot_str: string }[] }>>>> };
    };
    const byTask = body.data.plots['Confusion Matrix']?.['test']?.[ids[1]];
    for (const iter of Object.values(byTask ?? {})) for (const p of iter.plots) p.plot_str = '{"data": [broken';
    for (const iter of Object.values(body.data.plots['ROC']?.['test']?.[ids[0]] ?? {})) {
      for (const p of iter.plots) {
        const fig = JSON.parse(p.plot_str) as { layout: { title: unknown } };
        fig.layout.title = { text: '<img src=x onerror="window.__pwned=1">ROC' };
        p.plot_str = JSON.stringify(fig);
      }
    }
    await route.fulfill({ response, json: body });
  });
  await page.goto(compareUrl(ids, 'metrics-plots'));
  const cm = page.locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"]');
  await expect(cm.getByTestId('plot-error')).toHaveCount(1);
  await expect(cm.getByTestId('task-panel').nth(1).getByTestId('plot-error')).toContainText('not valid JSON');
  await cm.scrollIntoViewIfNeeded();
  await expect(cm.locator('.js-plotly-plot')).toHaveCount(1, DRAWN);
  const roc = page.locator('[data-testid="plot-card"][data-key="ROC/test"]');
  await expect(roc.getByRole('heading', { level: 3 })).toHaveText('<img src=x onerror="window.__pwned=1">ROC');
  await roc.scrollIntoViewIfNeeded();
  await expect(roc.locator('.main-svg').first()).toBeVisible(DRAWN);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('a figure Plotly refuses to draw shows why in its card, and no loading state', async ({ page, request }) => {
  test.setTimeout(150_000);
  const ids = await taskIds(request, [DEMO.baseline]);
  // A map without a style: valid JSON, a figure by its shape, refused by Plotly as it draws.
  const refused = JSON.stringify({ data: [{ type: 'scattermapbox', lat: [48.8], lon: [2.3] }], layout: { title: { text: 'map' } } });
  await page.route('**/events.get_multi_task_plots', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as {
      data: { plots: Record<string, Record<string, Record<string, Record<string, { plots: { plot_str: string }[] }>>>> };
    };
    for (const iter of Object.values(body.data.plots['ROC']?.['test']?.[ids[0]] ?? {})) for (const p of iter.plots) p.plot_str = refused;
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${compareUrl(ids, 'metrics-plots')}?plotsSearch=ROC`);
  const card = page.locator('[data-testid="plot-card"][data-key="ROC/test"]');
  await card.scrollIntoViewIfNeeded();
  const error = card.getByRole('alert');
  await expect(error).toContainText('could not be drawn', DRAWN);
  await expect(error).toContainText('mapbox');
  await expect(error).toBeVisible();
  await expect(card.getByRole('status')).toHaveCount(0);
  await expect(card.getByTestId('plot-loading')).toHaveCount(0);
});

test.describe('plots fit their cards', () => {
  test.describe.configure({ timeout: 150_000 });

  test('a box plot of 25 long names keeps its plot area; the names are cut inside the card, whole in the data', async ({
    page,
    request,
  }) => {
    const ids = await taskIds(request, [DEMO.baseline]);
    await page.goto(`${compareUrl(ids, 'metrics-plots')}?plotsSearch=augmentation`);
    const card = page.locator('[data-testid="plot-card"][data-key="Batch loss/per augmentation"]');
    await card.scrollIntoViewIfNeeded();
    await expect(card.locator('.bglayer .bg')).toBeVisible(DRAWN);
    const frame = (await card.locator('app-lazy-plot .frame').boundingBox())!;
    await expect.poll(async () => (await card.locator('.bglayer .bg').boundingBox())!.height).toBeGreaterThan(frame.height * 0.45);
    const cardBox = (await card.boundingBox())!;
    const labels = await card.locator('.xtick text').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    expect(labels.length).toBe(25);
    for (const label of labels) {
      expect(label.bottom).toBeLessThanOrEqual(cardBox.y + cardBox.height);
      expect(label.left).toBeGreaterThanOrEqual(cardBox.x);
    }
    const names = await card
      .locator('.js-plotly-plot')
      .evaluate((el) => (el as unknown as { data: { name: string }[] }).data.map((t) => t.name));
    expect(names).toHaveLength(25);
    expect(names.every((n) => n.length > 60)).toBe(true);
  });

  test('side-by-side panel titles stay inside their panels, clear of the full-screen button; the heading holds the whole name', async ({
    page,
    request,
  }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto(`${compareUrl(ids, 'metrics-plots')}?plotsSearch=confusion`);
    const panels = page.locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"] [data-testid="task-panel"]');
    await expect(panels).toHaveCount(3);
    for (const panel of await panels.all()) {
      await panel.scrollIntoViewIfNeeded();
      await expect(panel.locator('.gtitle')).toBeVisible(DRAWN);
      const svg = (await panel.locator('.main-svg').first().boundingBox())!;
      const title = (await panel.locator('.gtitle').boundingBox())!;
      expect(title.x).toBeGreaterThanOrEqual(svg.x);
      expect(title.x + title.width).toBeLessThanOrEqual(svg.x + svg.width);
      const button = (await panel.getByRole('button', { name: 'Show full screen' }).boundingBox())!;
      expect(title.x).toBeGreaterThanOrEqual(button.x + button.width);
      const heading = panel.getByRole('heading', { level: 4 });
      await expect(heading).toHaveAttribute('title', (await heading.textContent())!.trim());
    }
  });

  test('a card not drawn yet says it is loading, and stops saying so once drawn', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'metrics-plots'));
    const last = page.getByTestId('plot-card').last();
    await expect(last).toBeAttached(DRAWN);
    const status = last.getByRole('status').first();
    await expect(status).toHaveText(/^Loading .+…$/);
    await last.scrollIntoViewIfNeeded();
    await expect(last.locator('.main-svg').first()).toBeVisible(DRAWN);
    await expect(last.getByRole('status')).toHaveCount(0);
  });
});

test('a heatmap keeps its colour bar after a view option changes the URL, in place and full screen', async ({ page, request }) => {
  test.setTimeout(150_000);
  const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
  await page.goto(compareUrl(ids, 'metrics-plots'));
  const chart = page
    .locator('[data-testid="plot-card"][data-key="Confusion Matrix/test"] [data-testid="task-panel"]')
    .nth(1)
    .locator('app-lazy-plot');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('.cbfill')).toBeAttached(DRAWN);
  // The colour bar's gradient is referenced by the page's URL: it must be the URL the page has now.
  const fillTarget = () =>
    chart.locator('.cbfill').evaluate((el) => {
      const match = /url\("?([^")]*)#/.exec((el as SVGElement).style.fill);
      return match ? match[1] : (el as SVGElement).style.fill;
    });
  const pageUrl = () => page.evaluate(() => location.href.split('#')[0]);
  await page.getByRole('radio', { name: 'Metric', exact: true }).click();
  await expect(page).toHaveURL(/plotsGroup=metric/);
  await expect.poll(fillTarget).toBe(await pageUrl());
  await chart.scrollIntoViewIfNeeded();
  await chart.getByRole('button', { name: 'Show full screen' }).click();
  await expect(chart.getByRole('button', { name: 'Leave full screen' })).toBeVisible();
  await expect.poll(async () => (await chart.locator('.cbfill').boundingBox())?.height ?? 0).toBeGreaterThan(300);
  await expect.poll(fillTarget).toBe(await pageUrl());
});

test.describe('plots load and draw', () => {
  test.describe.configure({ timeout: 150_000 });

  test('box plots of several tasks stand side by side under each box name, one trace and legend entry per task', async ({
    page,
    request,
  }) => {
    const names = [DEMO.baseline, DEMO.best];
    const ids = await taskIds(request, names);
    await page.goto(`${compareUrl(ids, 'metrics-plots')}?plotsSearch=augmentation`);
    const card = page.locator('[data-testid="plot-card"][data-key="Batch loss/per augmentation"]');
    await card.scrollIntoViewIfNeeded();
    await expect(card.locator('.main-svg').first()).toBeVisible(DRAWN);
    const drawn = await chartTraces(card, ['name', 'legendgroup', 'x', 'y']);
    expect(drawn.map((t) => t.legendgroup)).toEqual(ids);
    drawn.forEach((t, i) => expect(String(t.name).startsWith(names[i])).toBe(true));
    // Each task's 25 boxes keep their whole names as the category of their values.
    for (const t of drawn) {
      const categories = new Set(t.x as string[]);
      expect(categories.size).toBe(25);
      expect([...categories].every((c) => c.length > 40)).toBe(true);
      expect((t.y as number[]).length).toBe((t.x as string[]).length);
    }
    expect(await card.locator('.legend .traces').count()).toBe(2);
    expect(await card.locator('.xtick text').count()).toBe(25);
  });

  test('box plots of a long and a short run put their windows in order along the axis ("iter 50-100" before "iter 2050-2100")', async ({
    page,
    request,
  }) => {
    // Each run's plot has its last five windows: a failed run stops early, so the two sets differ.
    const ids = await taskIds(request, [DEMO.baseline, DEMO.failed]);
    await page.goto(`${compareUrl(ids, 'metrics-plots')}?plotsSearch=distribution`);
    const card = page.locator('[data-testid="plot-card"][data-key="Batch loss/distribution"]');
    await card.scrollIntoViewIfNeeded();
    await expect(card.locator('.main-svg').first()).toBeVisible(DRAWN);
    const ticks = await card.locator('.xtick text').allTextContents();
    const start = (label: string) => Number(/iter (\d+)/.exec(label)![1]);
    expect(ticks.length).toBeGreaterThan(5);
    expect(ticks.map(start)).toEqual(ticks.map(start).sort((a, b) => a - b));
  });

  test('the Plotly build the first cards draw with loads before any card is in view', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    // A window so short that the first card is well below the part of the page drawn ahead.
    await page.setViewportSize({ width: 1280, height: 200 });
    const build = page.waitForRequest(/plotly\/plotly-cartesian\.min\.js$/, { timeout: 60_000 });
    await page.goto(compareUrl(ids, 'metrics-plots'));
    await build;
    const first = page.getByTestId('plot-card').first();
    await expect(first).toHaveAttribute('data-key', 'Batch loss/distribution');
    await expect(page.locator('app-lazy-plot .frame[data-drawn="yes"]')).toHaveCount(0);
    await first.scrollIntoViewIfNeeded();
    await expect(first.locator('.main-svg').first()).toBeVisible(DRAWN);
  });
});
