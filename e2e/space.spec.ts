import { APIRequestContext, Locator, expect, test } from '@playwright/test';
import { DEMO, api, compareUrl, endInView, taskIds } from './support';

/** Archived tasks (out of the other specs' way) in a project of their own, each with a `loss / train` series of `values(task)`. */
async function tasksWithLoss(request: APIRequestContext, names: string[], values: (task: number) => number[]): Promise<string[]> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `space ${Date.now()} ${Math.random()}` });
  const ids: string[] = [];
  for (const name of names)
    ids.push((await api<{ id: string }>(request, 'tasks.create', { name, project, type: 'training', system_tags: ['archived'] })).id);
  const events = ids.flatMap((task, t) =>
    values(t).map((value, iter) => ({ type: 'training_stats_scalar', task, metric: 'loss', variant: 'train', iter, value })),
  );
  const response = await request.post('/api/v2.31/events.add_batch', {
    headers: { 'content-type': 'application/json-lines' },
    data: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ids;
}

/**
 * The characters of a name's end (the middle ellipsis' tail) that are in full inside the name's
 * box, up to the last one; null when the tail is missing or its last character is not in view.
 */
async function shownTail(name: Locator): Promise<string | null> {
  return name.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const text = el.querySelector('.tail > span')?.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) return null;
    const chars = Array.from(text.textContent ?? '');
    const range = document.createRange();
    let shown = '';
    let offset = (text.textContent ?? '').length;
    for (let i = chars.length - 1; i >= 0; i--) {
      range.setStart(text, offset - chars[i].length);
      range.setEnd(text, offset);
      offset -= chars[i].length;
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.left < box.left - 0.5 || r.right > box.right + 0.5) break;
      shown = chars[i] + shown;
    }
    return shown || null;
  });
}

const DRAWN = { timeout: 60_000 };
const LONG = 'resnet18 adamw cosine-warmup augment=strong label-smoothing=0.1 mixup=0.2 cutmix ema';

test.describe.configure({ timeout: 120_000 });

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('Scalars graph: the first chart starts in the upper half; folding the settings (in the URL) moves it up', async ({
    page,
    request,
  }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.seed1, DEMO.failed, DEMO.running, DEMO.archived]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const first = page.getByTestId('scalar-chart').first();
    await expect(first).toBeVisible(DRAWN);
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toBeVisible();
    const top = (await first.boundingBox())!.y;
    console.log(`first chart's top at 1280×800: ${top}px`);
    expect(top).toBeLessThan(800 / 2);

    await page.getByRole('button', { name: 'Hide the graph settings' }).click();
    await expect(page).toHaveURL(/[?&]settings=hidden/);
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toHaveCount(0);
    await expect(page.getByTestId('settings-summary')).toContainText('no smoothing');
    await expect.poll(async () => (await first.boundingBox())!.y).toBeLessThan(top);
    // The metric filter stays within reach.
    await expect(page.getByRole('button', { name: /Metrics/ })).toBeVisible();

    await page.reload();
    await expect(page.getByTestId('scalar-chart').first()).toBeVisible(DRAWN);
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the graph settings' }).click();
    await expect(page).not.toHaveURL(/settings=/);
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toBeVisible();
  });

  test('the task table shows every column header, Started, Last update and Iterations included, within the window', async ({ page }) => {
    await page.goto('/tasks?archived=1');
    await expect(page.locator('tr[data-task-id]').first()).toBeVisible();
    for (const header of ['Name', 'Started', 'Last update', 'Iterations']) {
      const box = (await page.getByRole('columnheader', { name: header }).boundingBox())!;
      expect(box.x, header).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, header).toBeLessThanOrEqual(1280);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  });

  test('names sharing a long prefix stay told apart: their ends are shown in the strip, the cards and the task table', async ({
    page,
    request,
  }) => {
    // A prefix of this run's own, so the task table's search finds these two tasks only.
    const prefix = `${LONG} ${Date.now().toString(36)}`;
    const names = [`${prefix} seed=1`, `${prefix} seed=2`];
    const ids = await tasksWithLoss(request, names, () => [1, 0.5]);
    await page.goto(compareUrl(ids, 'details'));

    const stripNames = page.getByTestId('task-name');
    await expect(stripNames).toHaveCount(2);
    await expect(stripNames.first()).toHaveText(names[0]);
    await expect(page.getByRole('link', { name: names[0], exact: true })).toBeVisible();
    const cardNames = page.getByTestId('card-header').locator('.name');
    await expect(cardNames).toHaveCount(2);
    for (const list of [stripNames, cardNames]) {
      // The cut is made once the name's box has its width: wait for it.
      await expect.poll(() => shownTail(list.nth(0))).toMatch(/seed=1$/);
      await expect.poll(() => shownTail(list.nth(1))).toMatch(/seed=2$/);
      // The names are longer than their boxes: the start is cut, and the full name is the tooltip.
      const first = list.first();
      expect(await first.locator('.head').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(
        await first.evaluate((el) =>
          (el.matches('app-middle-ellipsis') ? el : el.querySelector('app-middle-ellipsis'))?.getAttribute('title'),
        ),
      ).toBe(names[0]);
    }

    await page.goto(`/tasks?archived=1&q=${encodeURIComponent(prefix)}`);
    const cells = page.locator('tr[data-task-id] td.name-cell');
    await expect(cells).toHaveCount(2);
    // Cut or not, the cell is named by the whole name.
    await expect(page.getByRole('cell', { name: names[1], exact: true })).toBeVisible();
    await expect
      .poll(async () =>
        (await Promise.all([0, 1].map((i) => shownTail(cells.nth(i).locator('app-middle-ellipsis'))))).map((t) => t?.slice(-6)).sort(),
      )
      .toEqual(['seed=1', 'seed=2']);
  });
  test('in a strip of 12 tasks, a tag that does not fit its header is cut with its own ellipsis, never clipped by the header', async ({
    page,
    request,
  }) => {
    const { tasks } = await api<{ tasks: { id: string }[] }>(request, 'tasks.get_all_ex', {
      only_fields: ['id'],
      system_tags: ['-archived'],
      order_by: ['name'],
      page: 0,
      page_size: 12,
    });
    expect(tasks.length).toBe(12);
    await page.goto(
      compareUrl(
        tasks.map((t) => t.id),
        'details',
      ),
    );
    // The strip draws the headers in view (and a few past them).
    await expect(page.getByTestId('task-name').nth(5)).toBeVisible();
    // A name can be shown before its task's fields (tags among them) have come back.
    await expect.poll(() => page.locator('.tags').count()).toBeGreaterThan(6);
    const headers = await page.locator('.tags').evaluateAll((lists) =>
      lists.map((list) => {
        const box = list.getBoundingClientRect();
        const first = list.querySelector('.tag')!;
        const tag = first.getBoundingClientRect();
        return {
          tag: first.textContent,
          within: tag.right <= box.right + 0.5,
          cut: first.scrollWidth > first.clientWidth,
          fits: box.width,
        };
      }),
    );
    expect(headers.length).toBeGreaterThan(6);
    for (const h of headers) expect(h.within, `${h.tag} in ${h.fits}px`).toBe(true);
  });

  test('a Scalars graph of one chart takes the whole width; more charts share it in columns', async ({ page, request }) => {
    const ids = await tasksWithLoss(request, ['one chart a', 'one chart b'], (t) => [1 + t, 0.5, 0.25]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const charts = page.getByTestId('scalar-chart');
    await expect(charts).toHaveCount(1, DRAWN);
    const width = async (el: Locator) => (await el.boundingBox())!.width;
    const grid = page.locator('app-scalar-graphs-tab .charts');
    await expect.poll(async () => (await width(charts.first())) / (await width(grid))).toBeGreaterThan(0.98);
    // The demo's tasks have many charts: two columns at 1280.
    const [baseline] = await taskIds(request, [DEMO.baseline]);
    await page.goto(compareUrl([baseline], 'scalars/graph'));
    await expect(charts.nth(1)).toBeVisible(DRAWN);
    const [first, second] = [(await charts.nth(0).boundingBox())!, (await charts.nth(1).boundingBox())!];
    expect(second.x).toBeGreaterThan(first.x + first.width - 1);
    expect(Math.abs(second.y - first.y)).toBeLessThan(1);
  });

  test('the Scalars legend of many tasks shows whole rows, the rest a scroll away', async ({ page, request }) => {
    const names = Array.from({ length: 30 }, (_, i) => `legend rows ${Date.now().toString(36)} task ${i}`);
    const ids = await tasksWithLoss(request, names, (t) => [1 + t, 0.5]);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const legend = page.getByTestId('legend-item').first().locator('xpath=ancestor::ul');
    await expect(page.getByTestId('legend-item')).toHaveCount(30);
    const rows = await legend.evaluate((list) => {
      const box = list.getBoundingClientRect();
      return [...list.querySelectorAll('li')].map((li) => {
        const r = li.getBoundingClientRect();
        return { inside: r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5, outside: r.top >= box.bottom - 0.5, top: r.top - box.top };
      });
    });
    // More rows than the box shows (it scrolls), and none of them half in view.
    expect(rows.some((r) => r.outside)).toBe(true);
    expect(rows.filter((r) => r.inside).length).toBeGreaterThan(2);
    for (const r of rows) expect(r.inside || r.outside, `a row at ${r.top}px`).toBe(true);
  });

  test('a card header gives a cut name its whole width; the Set as base button takes room only when shown', async ({ page, request }) => {
    const names = ['resnet50 adamw cosine warmup=5 augment=strong mixup=0.2 label_smoothing=0.1 seed=1', 'base short'];
    const ids = await tasksWithLoss(request, names, () => [1, 0.5]);
    await page.goto(compareUrl([ids[1], ids[0]], 'details'));
    const header = page.locator(`[data-testid="card-header"][data-task-id="${ids[0]}"]`);
    await expect(header).toBeVisible();
    // The title's end minus the name's end: the room the hidden button keeps.
    const room = () =>
      header.evaluate(
        (el) => el.querySelector('.card-title')!.getBoundingClientRect().right - el.querySelector('.name')!.getBoundingClientRect().right,
      );
    await page.mouse.move(0, 0);
    expect(await room()).toBeLessThan(1);
    await header.hover();
    const button = header.getByRole('button', { name: 'Set as base task', exact: true });
    await expect(button).toBeVisible();
    await expect.poll(async () => (await button.boundingBox())?.width).toBe(18);
    expect(await room()).toBeGreaterThanOrEqual(18);
  });

  test('short names sharing a start are cut in the middle too: at any width a few characters fit, their ends stay in view', async ({
    page,
    request,
  }) => {
    const names = ['resnet18 adam lr=0.001', 'resnet18 adam lr=0.003'];
    const ids = await tasksWithLoss(request, names, () => [1, 0.5]);
    await page.goto(compareUrl(ids, 'details'));
    await expect(page.getByTestId('card-header')).toHaveCount(2);
    for (const [i, name] of names.entries()) {
      const boxes = [
        page.getByRole('list', { name: 'Compared tasks' }).getByRole('link', { name, exact: true }).locator('app-middle-ellipsis'),
        page.locator(`[data-testid="card-header"][data-task-id="${ids[i]}"] app-middle-ellipsis`),
      ];
      for (const box of boxes) {
        await expect(box).toHaveAttribute('title', name);
        for (const width of [56, 64, 80, 96]) {
          await box.evaluate((el, w) => ((el as HTMLElement).style.width = `${w}px`), width);
          // Too narrow for the whole name, yet the end that tells the two apart is shown.
          expect(
            await box.evaluate((el) => {
              const range = document.createRange();
              range.selectNodeContents(el);
              return range.getBoundingClientRect().width > el.clientWidth;
            }),
            `${name} is cut at ${width}px`,
          ).toBe(true);
          expect(await endInView(box, 3), `${name} at ${width}px`).toBe(true);
        }
      }
    }
  });
});

test.describe('at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('Details and Hyperparameters › Values: two cards share the whole width', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    for (const view of ['details', 'hyper-params/values']) {
      await page.goto(compareUrl(ids, view));
      const grid = page.getByTestId('side-by-side');
      await expect(page.getByTestId('card-header')).toHaveCount(2);
      const gridBox = (await grid.boundingBox())!;
      await expect
        .poll(async () => {
          const last = (await page.getByTestId('card-header').nth(1).boundingBox())!;
          return gridBox.x + gridBox.width - (last.x + last.width);
        }, view)
        .toBeLessThan(40);
      // Not wider than the view either: no sideways scrolling for two tasks.
      expect(await grid.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), view).toBe(true);
    }
  });
});

test('Scalars graph: a one-iteration spike kept by the band is marked at its extreme; a noisy series gets no mark', async ({
  page,
  request,
}) => {
  // 3,000 points a series: the chart asks for 500 buckets, so the spike is averaged into its bucket's line.
  const quiet = Array.from({ length: 3000 }, (_, i) => 0.4 + 0.002 * Math.sin(i));
  quiet[1234] = 25;
  const noisy = Array.from({ length: 3000 }, (_, i) => 0.4 + 0.3 * Math.sin(i * 12.9898) * Math.cos(i * 78.233));
  const ids = await tasksWithLoss(request, ['spike quiet', 'spike noisy'], (t) => (t === 0 ? quiet : noisy));
  await page.goto(compareUrl(ids, 'scalars/graph'));
  const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
  await expect(chart.locator('.nsewdrag')).toBeVisible(DRAWN);
  // The band follows the lines a frame later; the mark comes with it.
  const marks = chart.locator('.scatterlayer .points path.point');
  await expect(marks).toHaveCount(1, DRAWN);
  const quietColor = await page
    .locator(`[data-testid="task-header"][data-task-id="${ids[0]}"]`)
    .evaluate((el) => getComputedStyle(el).getPropertyValue('--task-color').trim());
  const markColor = await marks.first().evaluate((el) => getComputedStyle(el).fill);
  const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  expect(markColor).toBe(rgb(quietColor));
  // At the top of the plot (25 is the chart's highest value), not down at the line.
  const mark = (await marks.first().boundingBox())!;
  const plot = (await chart.locator('.nsewdrag').boundingBox())!;
  expect(mark.y + mark.height / 2).toBeLessThan(plot.y + plot.height * 0.15);
});
