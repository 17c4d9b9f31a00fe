import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, api, compareUrl, doubleClickChartUntil, summaryBars, taskIds } from './support';

interface LastMetric {
  metric: string;
  variant: string;
  value: number;
  min_value: number;
  max_value: number;
}

/** `metric/variant` → value per task, from the API's `last_metrics`. */
async function lastMetrics(request: APIRequestContext, ids: string[]): Promise<Map<string, LastMetric>[]> {
  const { tasks } = await api<{ tasks: { id: string; last_metrics: Record<string, Record<string, LastMetric>> }[] }>(
    request,
    'tasks.get_all_ex',
    { id: ids, only_fields: ['id', 'last_metrics'] },
  );
  return ids.map((id) => {
    const task = tasks.find((t) => t.id === id)!;
    return new Map(
      Object.values(task.last_metrics)
        .flatMap((v) => Object.values(v))
        .map((m) => [`${m.metric}/${m.variant}`, m]),
    );
  });
}

function valueRow(page: Page, metric: string, variant: string) {
  return page.locator(`tr[data-testid="values-row"][data-metric="${metric}"][data-variant="${variant}"]`);
}

async function cellValues(page: Page, metric: string, variant: string): Promise<number[]> {
  const values = await valueRow(page, metric, variant)
    .getByTestId('value-cell')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-value')));
  return values.map(Number);
}

test.describe('scalars: values', () => {
  test('last/min/max values match the API; extremes and modes are in the URL and survive a reload', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    const metrics = await lastMetrics(request, ids);
    const histogramCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('iter_histogram')) histogramCalls.push(r.url());
    });
    await page.goto(compareUrl(ids, 'scalars/values'));
    await expect(page.getByTestId('values-row')).toHaveCount(new Set(metrics.flatMap((m) => [...m.keys()])).size);
    await page.waitForLoadState('networkidle');
    expect(histogramCalls, 'the values table draws no chart, so it asks for no series').toEqual([]);
    expect(await cellValues(page, 'loss', 'train')).toEqual(metrics.map((m) => m.get('loss/train')!.value));

    await page.getByRole('link', { name: 'Min values', exact: true }).click();
    await expect(page).toHaveURL(/\/scalars\/min-values/);
    await expect.poll(() => cellValues(page, 'loss', 'train')).toEqual(metrics.map((m) => m.get('loss/train')!.min_value));

    await page.getByRole('switch', { name: 'Show row extremes', exact: true }).click();
    await expect(page).toHaveURL(/extremes=1/);
    const row = valueRow(page, 'loss', 'train');
    const mins = metrics.map((m) => m.get('loss/train')!.min_value);
    const lowest = mins.indexOf(Math.min(...mins));
    const highest = mins.indexOf(Math.max(...mins));
    await expect(row.getByTestId('value-cell').nth(lowest)).toHaveClass(/\bmin\b/);
    await expect(row.getByTestId('value-cell').nth(highest)).toHaveClass(/\bmax\b/);
    await expect(page.locator('table.extremes')).toHaveCount(1);

    await page.reload();
    await expect(page).toHaveURL(/\/scalars\/min-values.*extremes=1/);
    await expect(page.locator('table.extremes')).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'Min values', exact: true })).toHaveAttribute('aria-current', 'page');

    await page.getByRole('switch', { name: 'Difference from base', exact: true }).click();
    await expect(page).toHaveURL(/diff=1/);
    await expect(row.getByTestId('value-cell').nth(1)).toContainText('%');
  });

  test('as differences from a running base, a metric only the other task has shows its value, marked no base', async ({
    page,
    request,
  }) => {
    const ids = await taskIds(request, [DEMO.running, DEMO.baseline]);
    const metrics = await lastMetrics(request, ids);
    const onlyOther = [...metrics[1].keys()].find((key) => !metrics[0].has(key))!;
    expect(onlyOther).toBeTruthy();
    const value = metrics[1].get(onlyOther)!.value;
    await page.goto(compareUrl(ids, 'scalars/values', 'diff=1'));
    const metric = onlyOther.slice(0, onlyOther.indexOf('/'));
    const variant = onlyOther.slice(onlyOther.indexOf('/') + 1);
    const cells = valueRow(page, metric, variant).getByTestId('value-cell');
    await expect(cells.nth(0)).toHaveText('–');
    await expect(cells.nth(1)).toHaveText(`${Number(value.toPrecision(6))} (no base)`);
    await expect(cells.nth(1)).toHaveAttribute('title', /the base task has no value/);
  });

  test('the CSV holds exactly the filtered table, by task name, at full precision', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    const metrics = await lastMetrics(request, ids);
    await page.goto(compareUrl(ids, 'scalars/max-values'));
    await expect(page.getByTestId('values-row').first()).toBeVisible();

    await page.getByRole('button', { name: /^Metrics \d/ }).click();
    await page.getByRole('searchbox', { name: 'Search metrics' }).fill('loss');
    await page.getByRole('button', { name: 'Only these', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/metrics=/);
    const lossKeys = [...metrics[0].keys()].filter((k) => k.includes('loss')).sort();
    await expect(page.getByTestId('values-row')).toHaveCount(lossKeys.length);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('scalars-max-values.csv');
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toBe(`metric,variant,${DEMO.best},${DEMO.baseline}`);
    expect(lines.length).toBe(lossKeys.length + 1);
    for (const line of lines.slice(1)) {
      const [metric, variant, ...values] = line.split(',');
      expect(values.map(Number)).toEqual(metrics.map((m) => m.get(`${metric}/${variant}`)!.max_value));
    }
  });
});

/** 100 archived tasks (out of the other specs' way) in a project of their own, named `${prefix} seed=<i>`, each with a loss/train value. */
async function manyTasks(request: APIRequestContext, prefix: string): Promise<string[]> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `${prefix} ${Date.now()} ${Math.random()}` });
  const ids: string[] = [];
  for (let i = 1; i <= 100; i++)
    ids.push(
      (
        await api<{ id: string }>(request, 'tasks.create', {
          name: `${prefix} seed=${i}`,
          project,
          type: 'training',
          system_tags: ['archived'],
        })
      ).id,
    );
  const events = ids.map((task, i) => ({
    type: 'training_stats_scalar',
    task,
    metric: 'loss',
    variant: 'train',
    iter: 0,
    value: 1 / (i + 1),
  }));
  const response = await request.post('/api/v2.31/events.add_batch', {
    headers: { 'content-type': 'application/json-lines' },
    data: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ids;
}

test.describe('scalars: values columns', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    test(`at ${viewport.width}×${viewport.height} the task columns share the width, names whole when they fit; 100 tasks scroll under the fixed metric column`, async ({
      page,
      request,
    }) => {
      // 100 tasks made, then three tables opened.
      test.setTimeout(300_000);
      await page.setViewportSize(viewport);
      const prefix = 'values width resnet18 adamw cosine';
      const ids = await manyTasks(request, prefix);
      for (const count of [2, 12, 100]) {
        await page.goto(compareUrl(ids.slice(0, count), 'scalars/values'));
        const scroller = page.getByTestId('values-table-scroller');
        const headers = page.getByRole('columnheader', { name: new RegExp(`^${prefix}`) });
        await expect(headers.first()).toBeVisible();
        await expect(page.getByRole('rowheader', { name: 'loss', exact: true })).toBeVisible();
        const layout = () =>
          scroller.evaluate((el) => {
            const table = el.querySelector('table')!;
            const widths = Array.from(el.querySelectorAll('th.task'), (th) => th.getBoundingClientRect().width);
            return {
              table: table.getBoundingClientRect().width,
              view: el.clientWidth,
              narrowest: Math.min(...widths),
              widest: Math.max(...widths),
            };
          });
        // The table reaches the right edge (within a pixel a column), sideways scrolling only when every column is at its narrowest.
        await expect
          .poll(async () => {
            const l = await layout();
            return l.table >= l.view - count && (l.table <= l.view + 1 || l.widest <= 133);
          }, `${count} tasks: the table fills the view`)
          .toBe(true);
        const { narrowest, widest } = await layout();
        console.log(`${viewport.width}×${viewport.height}, ${count} tasks: task columns ${narrowest}–${widest} px`);
        expect(widest - narrowest, `${count} tasks: equal columns`).toBeLessThanOrEqual(1);

        // A name that fits its column is shown whole; one that does not keeps its end.
        const first = headers.first().locator('app-middle-ellipsis');
        const fits = await headers.first().evaluate((th) => {
          const name = th.querySelector('app-middle-ellipsis')!;
          const probe = document.createElement('span');
          probe.textContent = name.getAttribute('title');
          probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;font:inherit';
          th.appendChild(probe);
          const needed = probe.getBoundingClientRect().width;
          probe.remove();
          return needed <= name.getBoundingClientRect().width + 0.5;
        });
        const cut = await first.evaluate((el) => Array.from(el.children).some((part) => part.scrollWidth > part.clientWidth));
        expect(cut, `${count} tasks: a name is cut only when it does not fit`).toBe(!fits);
        if (count === 2) expect(fits, 'two tasks: whole names').toBe(true);
        if (count === 100) {
          expect(fits).toBe(false);
          const tail = await first.evaluate((el) => {
            const box = el.getBoundingClientRect();
            const t = el.querySelector('.tail > span')!.getBoundingClientRect();
            return Math.abs(t.right - box.right) <= 1 && t.width > 0;
          });
          expect(tail, 'the end of a cut name (seed=1) stays in view').toBe(true);
          // Scrolled far right, the metric column stays at the left edge.
          const metric = page.getByRole('rowheader', { name: 'loss', exact: true });
          const left = (await metric.boundingBox())!.x;
          await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
          await expect(page.getByRole('columnheader', { name: `${prefix} seed=100` })).toBeVisible();
          expect((await metric.boundingBox())!.x).toBeCloseTo(left, 0);
        }
      }
    });
  }
});

test('scalars legend: names too long for it are cut in the middle, their differing ends shown, the whole name on hover', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const long = `legend ${'vit-b16 lamb onecycle-warmup randaugment=9 label-smoothing=0.1 mixup=0.8 cutmix ema '.repeat(3)}`;
  const names = [`${long}seed=1`, `${long}seed=2`];
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `legend ${Date.now()} ${Math.random()}` });
  const ids: string[] = [];
  for (const name of names)
    ids.push((await api<{ id: string }>(request, 'tasks.create', { name, project, type: 'training', system_tags: ['archived'] })).id);
  const response = await request.post('/api/v2.31/events.add_batch', {
    headers: { 'content-type': 'application/json-lines' },
    data: ids
      .flatMap((task) =>
        [0, 1].map((iter) =>
          JSON.stringify({ type: 'training_stats_scalar', task, metric: 'loss', variant: 'train', iter, value: 1 - iter / 2 }),
        ),
      )
      .join('\n'),
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  await page.goto(compareUrl(ids, 'scalars/graph'));
  const legend = page.getByRole('list', { name: 'Tasks (click to hide or show)' });
  for (const [i, name] of names.entries()) {
    const item = legend.getByRole('button', { name, exact: true });
    await expect(item).toBeVisible(DRAWN);
    const box = (await item.boundingBox())!;
    const list = (await legend.boundingBox())!;
    expect(box.x + box.width, 'the item stays inside the legend').toBeLessThanOrEqual(list.x + list.width + 0.5);
    const shown = await item.locator('app-middle-ellipsis').evaluate((el) => {
      const itemBox = el.getBoundingClientRect();
      const tail = el.querySelector('.tail > span');
      const t = tail?.getBoundingClientRect();
      return {
        tail: t && t.width > 0 && t.right <= itemBox.right + 0.5 ? (tail!.textContent ?? '') : null,
        headCut: (el.querySelector('.head') as HTMLElement).scrollWidth > (el.querySelector('.head') as HTMLElement).clientWidth,
        title: el.getAttribute('title'),
      };
    });
    expect(shown.tail, `${name}: its end is shown`).toMatch(new RegExp(`seed=${i + 1}$`));
    expect(shown.headCut, 'the start gives way').toBe(true);
    expect(shown.title).toBe(name);
  }
  // Still a click hides the task.
  const second = legend.getByRole('button', { name: names[1], exact: true });
  await second.click();
  await expect(second).toHaveAttribute('aria-pressed', 'false');
  await expect(page).toHaveURL(/[?&]hide=/);
});

/** Plotly is large and parsed on first use: on a busy machine the first chart can take a while. */
const DRAWN = { timeout: 60_000 };

/** The loss/train chart scrolled into view, drawn with its series loaded, and its plot area. */
async function lossChart(page: Page) {
  const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('.nsewdrag')).toBeVisible(DRAWN);
  await expect(chart).toHaveAttribute('data-status', 'loaded');
  return { chart, box: (await chart.locator('.nsewdrag').boundingBox())! };
}

test.describe('scalars: graph', () => {
  test.describe.configure({ timeout: 150_000 });

  test('group by changes the chart count, options are in the URL and survive a reload', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    const { metrics } = await api<{ metrics: { metric: string; variants: string[] }[] }>(request, 'events.get_multi_task_metrics', {
      tasks: ids,
      event_type: 'training_stats_scalar',
    });
    // The demo tasks' single values (Summary / params_millions) are drawn by the Summary chart, not as lines.
    const graphed = metrics.filter((m) => m.metric !== 'Summary');
    expect(graphed.length).toBe(metrics.length - 1);
    const variantCount = graphed.reduce((n, m) => n + m.variants.length, 0);
    expect(variantCount).toBeGreaterThan(graphed.length);
    // Each chart's series is asked for once, even when several charts are asked for together.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('multi_task_scalar_metrics_iter_histogram')) asked.push(JSON.stringify(r.postDataJSON().metrics));
    });
    await page.goto(compareUrl(ids, 'scalars/graph'));
    await expect(page.getByTestId('scalar-chart')).toHaveCount(variantCount);
    await expect(page.locator('[data-testid="scalar-chart"] .main-svg').first()).toBeVisible(DRAWN);
    await page.waitForLoadState('networkidle');
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.filter((body, i) => asked.indexOf(body) !== i)).toEqual([]);
    await page.getByTestId('summary-chart').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('summary-chart').locator('.main-svg').first()).toBeVisible(DRAWN);
    // One legend for all charts: task name plus the hyperparameters that differ.
    await expect(page.getByRole('list', { name: 'Tasks (click to hide or show)' }).getByRole('button').first()).toContainText(/=/);

    await page.getByRole('radiogroup', { name: 'Group by' }).getByRole('radio', { name: 'Metric', exact: true }).click();
    await expect(page).toHaveURL(/group=metric/);
    await expect(page.getByTestId('scalar-chart')).toHaveCount(graphed.length);

    await page.getByRole('switch', { name: 'Log scale', exact: true }).click();
    await page.getByRole('radiogroup', { name: 'X axis' }).getByRole('radio', { name: 'Wall time' }).click();
    await expect(page).toHaveURL(/log=1/);
    await expect(page).toHaveURL(/x=wall/);
    await page.reload();
    await expect(page.getByTestId('scalar-chart')).toHaveCount(graphed.length);
    await expect(page.getByRole('radiogroup', { name: 'X axis' }).getByRole('radio', { checked: true })).toHaveText('Wall time');
    await expect(page.locator('[data-testid="scalar-chart"] .xtitle').first()).toHaveText('Wall time', DRAWN);
  });

  test("the page's first chart is asked for alone and drawn as lines, then its min/max bands; the other charts follow", async ({
    page,
    request,
  }, info) => {
    test.skip(info.project.name === 'plain', 'min/max bands are an extension (the plain counterpart is below)');
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    // In order: every series request (metric/variant), its answer, and every Plotly.react of a
    // scalar chart (its key, band and line traces).
    await page.addInitScript(() => {
      const w = window as unknown as {
        __events: string[];
        Plotly?: { react: (el: HTMLElement, data: { fill?: string }[], ...rest: unknown[]) => unknown };
      };
      w.__events = [];
      const fetch = window.fetch;
      window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
        if (String(input instanceof Request ? input.url : input).includes('iter_histogram') && typeof init?.body === 'string') {
          const [{ metric, variants }] = (JSON.parse(init.body) as { metrics: { metric: string; variants: string[] }[] }).metrics;
          w.__events.push(`ask ${metric}/${variants[0]}`);
          return fetch.call(this, input, init).then((response) => (w.__events.push(`answer ${metric}/${variants[0]}`), response));
        }
        return fetch.call(this, input, init);
      };
      let plotly: typeof w.Plotly;
      Object.defineProperty(window, 'Plotly', {
        configurable: true,
        get: () => plotly,
        set: (value: NonNullable<typeof w.Plotly>) => {
          const react = value.react;
          value.react = function (this: unknown, el: HTMLElement, data: { fill?: string; meta?: unknown }[], ...rest: unknown[]) {
            const key = el.closest('[data-chart-key]')?.getAttribute('data-chart-key');
            if (key)
              w.__events.push(
                // Spike marks (stems and triangles at a far extreme) are neither a band nor a task's line.
                `draw ${key} bands=${data.filter((t) => t.fill === 'toself').length} lines=${data.filter((t) => t.fill !== 'toself' && t.meta !== 'spike-mark').length}`,
              );
            return react.call(this, el, data, ...rest);
          };
          plotly = value;
        },
      });
    });
    // loss/train is logged every iteration (more points than asked for: each has its min/max band), then loss/val.
    await page.goto(`${compareUrl(ids, 'scalars/graph')}?metrics=loss:train,loss:val`);
    const events = () => page.evaluate(() => (window as unknown as { __events: string[] }).__events);
    // Both charts drawn, loss/train a second time (with its bands).
    const drawn = (log: string[]) =>
      log.some((e) => e.startsWith('draw mv:loss:val')) && log.filter((e) => e.startsWith('draw mv:loss:train')).length > 1;
    await expect.poll(async () => drawn(await events()), DRAWN).toBe(true);
    const log = await events();
    // The first chart's request goes alone: nothing else is asked for until its answer is in. The
    // others then wait for its draw, or at most a second (on a busy machine that second may come
    // first), so where 'ask loss/val' falls after the answer is scheduling, not asserted.
    const firstAnswer = log.indexOf('answer loss/train');
    expect(log.slice(0, firstAnswer + 1)).toEqual(['ask loss/train', 'answer loss/train']);
    const draws = log.filter((e) => e.startsWith('draw'));
    expect(draws[0]).toBe('draw mv:loss:train bands=0 lines=2');
    // Its next draw adds the bands.
    expect(draws.slice(1).find((e) => e.startsWith('draw mv:loss:train'))).toMatch(/^draw mv:loss:train bands=[1-9]\d* lines=2$/);
    expect(log.slice(firstAnswer + 1)).toContain('ask loss/val');
  });

  test('without min/max from the server, charts draw lines only, ask no envelope and say the points are averaged @plain', async ({
    page,
    request,
  }, info) => {
    test.skip(info.project.name !== 'plain', 'the fallback of a server without the envelope');
    const bodies: Record<string, unknown>[] = [];
    page.on('request', (r) => {
      if (r.url().includes('iter_histogram')) bodies.push(r.postDataJSON() as Record<string, unknown>);
    });
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(`${compareUrl(ids, 'scalars/graph')}?metrics=loss:train`);
    await expect(page.getByTestId('averaged-note')).toHaveText('This server sends averaged points.');
    const { chart } = await lossChart(page);
    const traces = () =>
      chart.locator('.js-plotly-plot').evaluate((el) => (el as unknown as { data: { fill?: string }[] }).data.map((t) => t.fill ?? 'line'));
    await expect.poll(traces, DRAWN).toEqual(['line', 'line']);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body['envelope']).toBeUndefined();
      expect(body['x_range']).toBeUndefined();
    }
  });

  test('without x_range on the server, a zoom shows the points already drawn, asking nothing; double-click restores @plain', async ({
    page,
    request,
  }, info) => {
    test.skip(info.project.name !== 'plain', 'the fallback of a server without x_range');
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const { chart, box } = await lossChart(page);
    await expect(page.getByText('Drag to zoom into a range; double-click to reset.')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('iter_histogram')) asked.push(r.postData() ?? '');
    });
    const range = () =>
      chart
        .locator('.js-plotly-plot')
        .evaluate((el) => [...(el as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range]);
    const [from, to] = await range();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/scalars\/graph/);
    await expect
      .poll(async () => {
        const [a, b] = await range();
        return (b - a) / (to - from);
      })
      .toBeLessThan(0.3);
    await expect(chart).toHaveAttribute('data-status', 'loaded');
    await doubleClickChartUntil(chart, async () => {
      const [a, b] = await range();
      return (b - a) / (to - from) > 0.9;
    });
    expect(asked).toEqual([]);
  });

  test('zooming asks the server for that window; double-click restores the whole run', async ({ page, request }, info) => {
    test.skip(info.project.name === 'plain', 'x_range is an extension (the plain counterpart is above)');
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    // loss/train is logged every iteration: more points than one request brings back.
    const { chart, box } = await lossChart(page);
    await expect(chart.getByTestId('points-label')).toHaveText(/^[\d,]+ of [\d,]+ points$/);
    const zoomRequest = page.waitForRequest(
      (r) => r.url().includes('multi_task_scalar_metrics_iter_histogram') && !!r.postDataJSON()?.x_range,
    );
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const body = (await zoomRequest).postDataJSON() as { x_range: [number, number] };
    expect(body.x_range[0]).toBeLessThan(body.x_range[1]);
    await expect(chart).toHaveAttribute('data-status', 'loaded');
    // A tenth of the run holds fewer raw points than the samples asked for: every point is shown.
    await expect(chart.getByTestId('points-label')).toHaveCount(0);

    let restored = false;
    page.on('request', (r) => {
      if (r.url().includes('multi_task_scalar_metrics_iter_histogram') && !r.postDataJSON()?.x_range) restored = true;
    });
    await doubleClickChartUntil(chart, () => restored);
  });

  test('a zoom is in the URL: a link with it opens the chart on that range; double-click takes it out @plain', async ({
    page,
    request,
  }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(`${compareUrl(ids, 'scalars/graph')}?zoom=iter:mv:loss:train:100:200`);
    const { chart } = await lossChart(page);
    const range = () =>
      chart
        .locator('.js-plotly-plot')
        .evaluate((el) => [...(el as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range]);
    await expect.poll(range, DRAWN).toEqual([100, 200]);
    // Only that chart is zoomed.
    const other = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:val"] .js-plotly-plot');
    await other.scrollIntoViewIfNeeded();
    await expect
      .poll(
        () => other.evaluate((el) => (el as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range[1]),
        DRAWN,
      )
      .toBeGreaterThan(200);
    await chart.scrollIntoViewIfNeeded();
    await doubleClickChartUntil(chart, () => !/zoom=/.test(page.url()));
    await expect(page).not.toHaveURL(/zoom=/);
    await expect.poll(async () => (await range())[1], DRAWN).toBeGreaterThan(200);
  });

  test('a drag zoom writes the URL, and a relative-time zoom opens from a link on that range @plain', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const { chart, box } = await lossChart(page);
    await page.waitForLoadState('networkidle');
    await chart.scrollIntoViewIfNeeded();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/zoom=iter:mv:loss:train:\d+:\d+/);

    await page.goto(`${compareUrl(ids, 'scalars/graph')}?x=relative&zoom=relative:mv:loss:train:100:400`);
    const relative = await lossChart(page);
    await expect
      .poll(
        () =>
          relative.chart
            .locator('.js-plotly-plot')
            .evaluate((el) => [...(el as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range]),
        DRAWN,
      )
      .toEqual([100, 400]);
  });

  test('hovering lists every task at that x, again after a zoom; Closest is in the URL @plain', async ({ page, request }, info) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const { chart, box } = await lossChart(page);
    const label = chart.locator('.hoverlayer');
    const at = (share: number) => page.mouse.move(box.x + box.width * share, box.y + box.height / 2, { steps: 3 });
    await at(0.5);
    // All tasks: one label with a line per task.
    await expect(label).toContainText(DEMO.baseline);
    await expect(label).toContainText(DEMO.best);

    // (Without x_range on the server, the zoom redraws the points already there.)
    const zoomed =
      info.project.name === 'plain'
        ? null
        : page.waitForResponse(
            (r) => r.url().includes('multi_task_scalar_metrics_iter_histogram') && !!r.request().postDataJSON()?.x_range,
          );
    await at(0.3);
    await page.mouse.down();
    await at(0.6);
    await page.mouse.up();
    if (zoomed) await zoomed;
    await expect(chart).toHaveAttribute('data-status', 'loaded');
    // Redrawn for the zoom, the chart shows no label for where the mouse was before the drag (a
    // 100-line label redrawn there would weigh on a 100-task zoom's frame)...
    await page.waitForTimeout(300);
    await expect(label).not.toContainText(DEMO.best);
    // ...and the next move shows it again.
    await at(0.45);
    await expect(label).toContainText(DEMO.baseline);
    await expect(label).toContainText(DEMO.best);

    await page.getByRole('radiogroup', { name: 'Hover mode' }).getByRole('radio', { name: 'Closest' }).click();
    await expect(page).toHaveURL(/hover=closest/);
    const mode = () =>
      chart.locator('.js-plotly-plot').evaluate((el) => (el as unknown as { layout: { hovermode: string } }).layout.hovermode);
    await expect.poll(mode).toBe('closest');
    await page.reload();
    await chart.scrollIntoViewIfNeeded();
    await expect(page.getByRole('radiogroup', { name: 'Hover mode' }).getByRole('radio', { checked: true })).toHaveText('Closest');
    await expect.poll(mode, DRAWN).toBe('closest');
  });

  test('a legend click hides a task from every chart and puts it in the URL', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
    const lines = chart.locator('.scatterlayer .trace');
    await chart.scrollIntoViewIfNeeded();
    await expect(lines.first()).toBeAttached(DRAWN);
    const before = await lines.count();
    const item = page.locator(`[data-testid="legend-item"][data-task-id="${ids[0]}"]`);
    await expect(item).toHaveAttribute('aria-pressed', 'true');
    await item.click();
    await expect(page).toHaveURL(new RegExp(`hide=${ids[0]}`));
    await expect(item).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => lines.count(), DRAWN).toBeLessThan(before);
    await page.getByRole('button', { name: /show all$/ }).click();
    await expect(page).not.toHaveURL(/hide=/);
    await expect.poll(() => lines.count(), DRAWN).toBe(before);
  });

  test('a chart goes full screen above the whole page, with its own legend, and back with Escape', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const viewport = page.viewportSize()!;
    const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator('.scatterlayer .trace').first()).toBeAttached(DRAWN);
    const inPlace = (await chart.boundingBox())!;
    await expect(chart.locator('.legend .traces')).toHaveCount(0);
    await chart.hover();
    await chart.getByRole('button', { name: / full screen$/ }).click();
    await expect(chart.getByRole('button', { name: / full screen$/ })).toHaveAttribute('aria-label', 'Leave full screen');
    await expect.poll(async () => (await chart.boundingBox())!.width).toBeGreaterThan(viewport.width - 40);
    const full = (await chart.boundingBox())!;
    expect(full.height).toBeGreaterThan(viewport.height - 40);
    // Drawn on top of everything, the task legend and the page's header included.
    const legend = (await page.getByRole('list', { name: 'Tasks (click to hide or show)' }).getByRole('button').first().boundingBox())!;
    const onTop = (x: number, y: number) =>
      page.evaluate(([px, py]) => !!document.elementFromPoint(px, py)?.closest('[data-chart-key="mv:loss:train"]'), [x, y]);
    expect(await onTop(legend.x + legend.width / 2, legend.y + legend.height / 2)).toBe(true);
    expect(await onTop(viewport.width / 2, 24)).toBe(true);
    // Full screen, the chart has Plotly's own legend, a line per task.
    await expect(chart.locator('.legend .traces')).toHaveCount(2, DRAWN);
    await page.keyboard.press('Escape');
    await expect.poll(async () => Math.round((await chart.boundingBox())!.width)).toBe(Math.round(inPlace.width));
    await expect(chart.locator('.legend .traces')).toHaveCount(0, DRAWN);
  });

  test('series holding only single values are drawn by the Summary, not as empty charts; one with iterations too stays a chart @plain', async ({
    page,
    request,
  }) => {
    const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e single values ${Date.now()}` });
    const { id } = await api<{ id: string }>(request, 'tasks.create', {
      name: 'single values',
      project,
      type: 'training',
      system_tags: ['archived'],
    });
    const event = (metric: string, variant: string, iter: number, value: number) => ({
      type: 'training_stats_scalar',
      task: id,
      metric,
      variant,
      iter,
      value,
    });
    const SINGLE = -2147483648;
    await api(request, 'events.add_batch', [
      event('Summary', 'score', SINGLE, 0.91),
      event('Summary', 'mixed', SINGLE, 7),
      ...[0, 1, 2].map((i) => event('Summary', 'mixed', i, i + 1)),
      ...[0, 1, 2, 3].map((i) => event('loss', 'train', i, 1 / (i + 1))),
    ]);
    // The server lists all three series (as clearml-server does); the graph draws the two with iterations.
    const { metrics } = await api<{ metrics: { metric: string; variants: string[] }[] }>(request, 'events.get_multi_task_metrics', {
      tasks: [id],
      event_type: 'training_stats_scalar',
    });
    expect(metrics.flatMap((m) => m.variants.map((v) => `${m.metric}/${v}`)).sort()).toEqual([
      'Summary/mixed',
      'Summary/score',
      'loss/train',
    ]);

    await page.goto(compareUrl([id], 'scalars/graph'));
    const charts = page.getByTestId('scalar-chart');
    await expect(charts).toHaveCount(2, DRAWN);
    expect((await charts.evaluateAll((els) => els.map((el) => el.getAttribute('data-chart-key')))).sort()).toEqual([
      'mv:Summary:mixed',
      'mv:loss:train',
    ]);
    for (const key of ['mv:Summary:mixed', 'mv:loss:train']) {
      const chart = page.locator(`[data-testid="scalar-chart"][data-chart-key="${key}"]`);
      await chart.scrollIntoViewIfNeeded();
      await expect(chart.locator('.nsewdrag')).toBeVisible(DRAWN);
    }
    await expect(page.getByText('no values in this range')).toHaveCount(0);
    await page.getByTestId('summary-chart').scrollIntoViewIfNeeded();
    await expect
      .poll(async () => (await summaryBars(page)).map((bar) => `${bar.metric}=${bar.value}`).sort(), DRAWN)
      .toEqual(['mixed=7', 'score=0.91']);
    // The Metrics filter offers what the graph can draw.
    await page.getByRole('button', { name: /^Metrics \d/ }).click();
    await expect(page.getByRole('checkbox', { name: 'Summary / mixed' })).toHaveCount(1);
    await expect(page.getByRole('checkbox', { name: 'Summary / score' })).toHaveCount(0);
  });

  test('moving the smoothing slider redraws the lines, and moving it back draws them as before', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(`${compareUrl(ids, 'scalars/graph')}?metrics=loss:train`);
    const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
    await expect(chart).toHaveAttribute('data-status', 'loaded', DRAWN);
    // The lines as drawn (the SVG paths Plotly wrote), not only the data Plotly holds.
    const drawnLines = () =>
      chart.locator('.scatterlayer .trace:not(:has(.js-fill)) path.js-line').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')));
    await expect.poll(async () => (await drawnLines()).length, DRAWN).toBeGreaterThan(1);
    await page.waitForLoadState('networkidle');
    const before = await drawnLines();
    await page.getByRole('slider', { name: 'Smoothing' }).focus();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(/smooth=0\.999/);
    await expect.poll(async () => (await drawnLines()).filter((d, i) => d !== before[i]).length, DRAWN).toBe(before.length);
    await page.keyboard.press('Home');
    await expect(page).not.toHaveURL(/smooth=/);
    await expect.poll(drawnLines, DRAWN).toEqual(before);
  });

  test('the metric search is in the URL, shows only matching charts and survives a reload', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    const { metrics } = await api<{ metrics: { metric: string; variants: string[] }[] }>(request, 'events.get_multi_task_metrics', {
      tasks: ids,
      event_type: 'training_stats_scalar',
    });
    const lossCharts = metrics.filter((m) => m.metric.includes('loss')).reduce((n, m) => n + m.variants.length, 0);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    await expect(page.getByTestId('scalar-chart').first()).toBeAttached();
    await page.getByRole('button', { name: /^Metrics \d/ }).click();
    await page.getByRole('searchbox', { name: 'Search metrics' }).fill('loss');
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/msearch=loss/);
    await expect(page.getByTestId('scalar-chart')).toHaveCount(lossCharts);
    await page.reload();
    await expect(page.getByTestId('scalar-chart')).toHaveCount(lossCharts);
    await expect(page.getByTestId('metric-filter-active-search')).toContainText('loss');
    await page.getByRole('button', { name: /^Metrics \d/ }).click();
    await expect(page.getByRole('searchbox', { name: 'Search metrics' })).toHaveValue('loss');
    await page.getByRole('button', { name: 'Clear search', exact: true }).click();
    await expect(page).not.toHaveURL(/msearch=/);
  });

  for (const axis of ['Relative time', 'Wall time']) {
    test(`zooming on ${axis.toLowerCase()} asks the server for that time window; double-click restores`, async ({
      page,
      request,
    }, info) => {
      test.skip(info.project.name === 'plain', 'x_range is an extension');
      const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
      // The two runs are days apart: with one hidden, the wall-time axis spans the other's run only.
      await page.goto(`${compareUrl(ids, 'scalars/graph')}?hide=${ids[1]}`);
      await page.getByRole('radiogroup', { name: 'X axis' }).getByRole('radio', { name: axis }).click();
      const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
      await chart.scrollIntoViewIfNeeded();
      await expect(chart).toHaveAttribute('data-status', 'loaded', DRAWN);
      await expect(chart.locator('.nsewdrag')).toBeVisible(DRAWN);
      await expect(chart.getByTestId('points-label')).toHaveText(/^[\d,]+ of [\d,]+ points$/);
      // Every other chart and the summary settled first: nothing moves this one while the mouse drags.
      await page.waitForLoadState('networkidle');
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.locator('.nsewdrag').boundingBox())!;
      const zoomRequest = page.waitForRequest(
        (r) => r.url().includes('multi_task_scalar_metrics_iter_histogram') && !!r.postDataJSON()?.x_range,
        { timeout: 30_000 },
      );
      // Near the start of the axis: the earliest task has points there on either time axis.
      await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.12, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const body = (await zoomRequest).postDataJSON() as { key: string; x_range: [number, number] };
      expect(body.key).toBe('timestamp');
      // Epoch milliseconds (relative seconds are turned into each task's own window).
      expect(body.x_range[0]).toBeGreaterThan(1e12);
      expect(body.x_range[0]).toBeLessThan(body.x_range[1]);
      await expect(chart).toHaveAttribute('data-status', 'loaded');
      await expect(chart.getByTestId('points-label')).toHaveCount(0);
      let full = false;
      page.on('request', (r) => {
        if (r.url().includes('multi_task_scalar_metrics_iter_histogram') && !r.postDataJSON()?.x_range) full = true;
      });
      await doubleClickChartUntil(chart, () => full);
      await expect(chart.getByTestId('points-label')).toHaveText(/ of /);
    });
  }
});
