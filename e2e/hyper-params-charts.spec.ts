import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { DEMO, api, compareUrl, endInView, taskIds } from './support';

interface Drawn {
  /** Axis labels, left to right. */
  labels: string[];
  /** Per drawn line: its task, state and the tick label under its point on each axis (null: between ticks). */
  lines: { id: string; state: string; stroke: string; ticks: (string | null)[]; points: [number, number][] }[];
}

/** The drawn chart, read from the SVG: a line's value on an axis is the tick label at its point's height. */
async function drawn(page: Page): Promise<Drawn> {
  const host = page.getByTestId('parcoords');
  if (!(await host.locator('svg').count())) return { labels: [], lines: [] };
  return host.evaluate((el) => {
    const axes = [...el.querySelectorAll('[data-testid="pc-axis"]')];
    const ticks = axes.map((a) =>
      [...a.querySelectorAll('[data-testid="pc-tick"]')].map((t) => ({ y: Number(t.getAttribute('y')), text: t.textContent!.trim() })),
    );
    const lines = [...el.querySelectorAll('[data-testid="pc-line"]')].map((p) => {
      const points = [...p.getAttribute('d')!.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map(
        (m) => [Number(m[1]), Number(m[2])] as [number, number],
      );
      return {
        id: p.getAttribute('data-task-id')!,
        state: p.getAttribute('data-state')!,
        stroke: p.getAttribute('stroke')!,
        ticks: points.map(([, y], j) => ticks[j]?.find((t) => Math.abs(t.y - y) < 0.5)?.text ?? null),
        points,
      };
    });
    return { labels: axes.map((a) => a.getAttribute('data-label')!), lines };
  });
}

/** Each task's value on the axis labelled `label`, in the order of `ids`. */
function valuesOn(chart: Drawn, label: string, ids: string[]): (string | null)[] {
  const j = chart.labels.indexOf(label);
  return ids.map((id) => chart.lines.find((l) => l.id === id)?.ticks[j] ?? null);
}

/** Plotly (scatter) is a large lazy chunk: on a busy machine the first draw can take a while. */
const DRAWN = { timeout: 60_000 };

async function chartDrawn(page: Page, testId: string): Promise<void> {
  const chart =
    testId === 'parcoords' ? page.getByTestId(testId).locator('svg.pc-chart') : page.getByTestId(testId).locator('.main-svg').first();
  await expect(chart).toBeVisible(DRAWN);
}

/** Image and audio tasks with every parameter as an axis (identical ones included: 18 axes or more), at `width` × 800. */
async function openEveryAxis(page: Page, request: APIRequestContext, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed, DEMO.running, 'kws crnn']);
  await page.goto(compareUrl(ids, 'hyper-params/graph', 'pcAll=1'));
  await chartDrawn(page, 'parcoords');
  await expect.poll(async () => (await drawn(page)).labels.length).toBeGreaterThan(18);
}

/** Two archived tasks (a project of their own) named `names`, whose lr and batch size differ: two axes. */
async function namedTasks(request: APIRequestContext, names: string[]): Promise<string[]> {
  const post = <T>(endpoint: string, data: unknown) => api<T>(request, endpoint, data);
  const { id: project } = await post<{ id: string }>('projects.create', { name: `pc legend ${Date.now()} ${Math.random()}` });
  const p = (name: string, value: string) => ({ section: 'Args', name, value, type: 'float' });
  const ids: string[] = [];
  for (const [i, name] of names.entries())
    ids.push(
      (
        await post<{ id: string }>('tasks.create', {
          name,
          project,
          type: 'training',
          system_tags: ['archived'],
          hyperparams: { Args: { lr: p('lr', String(0.001 * (i + 1))), batch_size: p('batch_size', String(64 * (i + 1))) } },
        })
      ).id,
    );
  return ids;
}

/** Archived tasks (a project of their own) with an lr and a last accuracy/val each. */
async function scatterTasks(request: APIRequestContext, tasks: { name: string; lr: string; accuracy: number }[]): Promise<string[]> {
  const post = <T>(endpoint: string, data: unknown) => api<T>(request, endpoint, data);
  const { id: project } = await post<{ id: string }>('projects.create', { name: `scatter ${Date.now()} ${Math.random()}` });
  const ids: string[] = [];
  for (const t of tasks) {
    const { id } = await post<{ id: string }>('tasks.create', {
      name: t.name,
      project,
      type: 'training',
      system_tags: ['archived'],
      hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: t.lr, type: 'float' } } },
    });
    await post('events.add_batch', [
      { type: 'training_stats_scalar', task: id, metric: 'accuracy', variant: 'val', iter: 1, value: t.accuracy },
    ]);
    ids.push(id);
  }
  return ids;
}

test.describe('hyperparameters: parallel coordinates', () => {
  test.setTimeout(150_000);

  test('defaults to accuracy/val LAST and the differing parameters, with categorical, log and N/A axes', async ({ page, request }) => {
    const names = [DEMO.baseline, DEMO.best, DEMO.failed, DEMO.archived];
    const ids = await taskIds(request, names);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).labels).toContain('accuracy/val LAST');
    const chart = await drawn(page);
    expect(chart.labels).toEqual(expect.arrayContaining(['Args/lr', 'Args/optimizer', 'Args/dropout']));
    expect(chart.lines).toHaveLength(4);
    for (const line of chart.lines) expect(line.points).toHaveLength(chart.labels.length);

    expect(valuesOn(chart, 'Args/optimizer', ids)).toEqual(['sgd', 'adamw', 'adam', 'sgd']);
    expect(valuesOn(chart, 'Args/lr', ids)).toEqual(['0.03', '0.003', '0.1', '0.01']);
    // The archived run has no dropout: it sits on the N/A tick.
    const dropout = valuesOn(chart, 'Args/dropout', ids);
    expect(dropout[3]).toBe('N/A');
    expect(dropout[1]).toBe('0.2');
    await expect(page.getByTestId('legend-task')).toHaveCount(4);

    // Hovering a line (in the middle of a segment no other line passes near) highlights it.
    const mid = (l: Drawn['lines'][number], k: number) => [
      (l.points[k][0] + l.points[k + 1][0]) / 2,
      (l.points[k][1] + l.points[k + 1][1]) / 2,
    ];
    const spot = chart.lines
      .flatMap((l) => l.points.slice(1).map((_, k) => ({ l, k })))
      .find(({ l, k }) => chart.lines.every((o) => o === l || Math.abs(mid(o, k)[1] - mid(l, k)[1]) > 6))!;
    const box = (await page.getByTestId('parcoords').locator('svg').boundingBox())!;
    const [mx, my] = mid(spot.l, spot.k);
    await page.mouse.move(box.x + mx, box.y + my);
    await expect(page.locator(`[data-testid="pc-line"][data-task-id="${spot.l.id}"]`)).toHaveAttribute('data-state', 'highlight');
    await expect(page.locator('[data-testid="pc-line"][data-state="faded"]')).toHaveCount(3);
  });

  test('numbered parameters come in the order of their numbers, in the list and as axes', async ({ page, request }) => {
    const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `pc numbered ${Date.now()}` });
    const layers = ['layer_10', 'layer_2', 'layer_1'];
    const ids: string[] = [];
    for (const k of [1, 2]) {
      const hyperparams = {
        Args: Object.fromEntries(layers.map((name) => [name, { section: 'Args', name, value: String(k), type: 'int' }])),
      };
      ids.push(
        (
          await api<{ id: string }>(request, 'tasks.create', {
            name: `numbered ${k}`,
            project,
            type: 'training',
            system_tags: ['archived'],
            hyperparams,
          })
        ).id,
      );
    }
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    const list = page.getByTestId('param-picker').getByRole('checkbox', { name: /^layer_/ });
    await expect(list).toHaveCount(3);
    expect(
      await list.evaluateAll((boxes) => boxes.map((b) => b.closest('label')?.textContent?.trim() ?? (b as HTMLInputElement).name)),
    ).toEqual(['layer_1', 'layer_2', 'layer_10']);
    await expect
      .poll(async () => (await drawn(page)).labels.filter((l) => l.startsWith('Args/')))
      .toEqual(['Args/layer_1', 'Args/layer_2', 'Args/layer_10']);
  });

  test('metric and parameter picks become axes, live in the URL and survive a reload; legend hides a task', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).labels.length).toBeGreaterThan(1);

    await page.getByRole('checkbox', { name: 'loss / val min' }).check();
    await page.locator('[data-param="Args/lr"] input').uncheck();
    await expect.poll(async () => (await drawn(page)).labels).not.toContain('Args/lr');
    // An identical parameter is only listed once "hide identical" is off.
    await page.getByTestId('param-picker').getByLabel('Search parameters').fill('dataset');
    await expect(page.locator('[data-param="General/dataset"]')).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Hide identical' }).uncheck();
    await page.locator('[data-param="General/dataset"] input').check();
    await expect.poll(async () => (await drawn(page)).labels).toContain('loss/val MIN');
    await expect.poll(async () => (await drawn(page)).labels).toContain('General/dataset');
    const count = (await drawn(page)).labels.length;
    expect(page.url()).toContain('pcMetrics=');
    expect(page.url()).toContain('pcParams=');

    await page.getByTestId('legend-task').nth(1).click();
    await expect.poll(async () => (await drawn(page)).lines.length).toBe(2);
    await expect(page.getByTestId('passing-task')).toHaveCount(2);

    await page.reload();
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).labels.length).toBe(count);
    expect((await drawn(page)).lines).toHaveLength(2);
    await page.getByTestId('legend-task').nth(1).click();
    await expect.poll(async () => (await drawn(page)).lines.length).toBe(3);
  });

  test('the legend cuts a long name in the middle: the differing ends stay in view, the whole name on hover', async ({ page, request }) => {
    const prefix = `resnet18 adamw cosine-warmup augment=strong label-smoothing=0.1 mixup=0.2 ${Date.now().toString(36)}`;
    const names = [`${prefix} seed=1`, `${prefix} seed=2`];
    const ids = await namedTasks(request, names);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    const legend = page.getByRole('list', { name: 'Tasks in the chart' });
    for (const [i, name] of names.entries()) {
      const item = legend.getByRole('button', { name, exact: true });
      await expect(item).toBeVisible();
      // Longer than the legend is wide, yet its end (where the two names differ) is shown.
      expect(
        await item.evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getBoundingClientRect().width > el.clientWidth;
        }),
      ).toBe(true);
      expect(await endInView(item, `seed=${i + 1}`.length), name).toBe(true);
      await expect(item.locator(`[title="${name}"]`)).toHaveCount(1);
    }
  });

  test('brushing an axis lists the tasks inside it', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).labels.length).toBeGreaterThan(1);
    await expect(page.getByTestId('passing-task')).toHaveCount(3);
    // Drag along the right-most axis (accuracy/val LAST) over its lower part: only the failed run passes.
    const lastAxis = page.getByTestId('pc-axis').last();
    const dragLowerPart = async () => {
      const box = (await lastAxis.locator('.axis-brush').boundingBox())!;
      const x = box.x + box.width / 2;
      await page.mouse.move(x, box.y + box.height * 0.75);
      await page.mouse.down();
      await page.mouse.move(x, box.y + box.height + 20, { steps: 8 });
      await page.mouse.up();
    };
    await dragLowerPart();
    await expect(page.getByTestId('passing-task')).toHaveCount(1);
    await expect(page.getByTestId('passing-task')).toHaveText(DEMO.failed);
    await expect(lastAxis.getByTestId('pc-brush')).toHaveCount(1);
    const [failed] = await taskIds(request, [DEMO.failed]);
    await expect(page.locator('[data-testid="pc-line"][data-state="filtered"]')).toHaveCount(2);
    await expect(page.locator(`[data-testid="pc-line"][data-task-id="${failed}"]`)).toHaveAttribute('data-state', 'normal');
    // The brush survives a redraw (highlighting a task re-colours every line): the other lines turn grey.
    await page.getByTestId('legend-task').first().hover();
    await expect(page.locator('[data-testid="pc-line"][data-state="highlight"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="pc-line"]:not([data-state="highlight"])')).toHaveCount(2);
    for (const grey of await page.locator('[data-testid="pc-line"]:not([data-state="highlight"])').all()) {
      await expect(grey).toHaveAttribute('stroke', /^rgba\(160/);
    }
    await expect(lastAxis.getByTestId('pc-brush')).toHaveCount(1);
    await expect(page.getByTestId('passing-task')).toHaveCount(1);
    // Brushes are in the URL: a reload (or a shared link) filters the same way.
    expect(page.url()).toContain('pcBrush=');
    await page.reload();
    await chartDrawn(page, 'parcoords');
    await expect(page.getByTestId('passing-task')).toHaveCount(1);
    await expect(lastAxis.getByTestId('pc-brush')).toHaveCount(1);
    // A click on a filter removes it.
    const brush = (await lastAxis.getByTestId('pc-brush').boundingBox())!;
    await page.mouse.click(brush.x + brush.width / 2, brush.y + brush.height / 2);
    await expect(page.getByTestId('passing-task')).toHaveCount(3);
    await expect(lastAxis.getByTestId('pc-brush')).toHaveCount(0);
    expect(page.url()).not.toContain('pcBrush=');
    await dragLowerPart();
    await expect(page.getByTestId('passing-task')).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('passing-task')).toHaveCount(3);
  });

  test('an axis moves when its title is dragged sideways or moved with the arrow keys; the order is in the URL', async ({
    page,
    request,
  }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).labels.length).toBeGreaterThan(2);
    const before = await drawn(page);
    const [first, second, third] = before.labels;
    const valuesBefore = valuesOn(before, first, ids);
    // A view option changes the chart only: the tasks are not fetched again.
    let fetched = 0;
    page.on('request', (r) => {
      if (r.url().includes('tasks.get_all_ex')) fetched++;
    });
    // Drag the first axis's title onto the third axis's place.
    const from = (await page.getByTestId('pc-label').nth(0).boundingBox())!;
    const to = (await page.getByTestId('pc-label').nth(2).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Half-way, the lines' points on the dragged axis follow it.
    await page.mouse.move(from.x + from.width / 2 + 40, from.y + from.height / 2, { steps: 4 });
    await expect.poll(async () => (await drawn(page)).lines[0].points[0][0]).toBeGreaterThan(before.lines[0].points[0][0] + 30);
    await page.mouse.move(to.x + to.width / 2, from.y + from.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await drawn(page)).labels.slice(0, 3)).toEqual([second, third, first]);
    const after = await drawn(page);
    expect(after.labels).toHaveLength(before.labels.length);
    // Each line still goes through its own values, the moved axis included.
    expect(valuesOn(after, first, ids)).toEqual(valuesBefore);
    for (const line of after.lines) expect(line.points).toHaveLength(after.labels.length);
    expect(page.url()).toContain('pcOrder=');
    expect(fetched).toBe(0);
    await page.reload();
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).labels.slice(0, 3)).toEqual([second, third, first]);
    // The keyboard: the focused title moves its axis one place per arrow and keeps the focus.
    await page.getByTestId('pc-label').nth(2).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await drawn(page)).labels.slice(0, 3)).toEqual([second, first, third]);
    await expect(page.getByTestId('pc-label').nth(1)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await drawn(page)).labels).toEqual(before.labels);
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => page.url()).not.toContain('pcOrder=');
  });

  test('at 1280×800 with every parameter as an axis, no tick label runs into the axis on its left or its labels', async ({
    page,
    request,
  }) => {
    await openEveryAxis(page, request, 1280);
    const axes = await page.getByTestId('parcoords').evaluate((el) =>
      [...el.querySelectorAll('[data-testid="pc-axis"]')].map((a) => ({
        label: a.getAttribute('data-label')!,
        line: a.querySelector('.pc-axis-line')!.getBoundingClientRect().toJSON() as DOMRect,
        ticks: [...a.querySelectorAll('[data-testid="pc-tick"]')].map((t) => ({
          text: t.textContent!,
          box: t.getBoundingClientRect().toJSON() as DOMRect,
        })),
      })),
    );
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const [i, axis] of axes.entries()) {
      if (i === 0) continue;
      const left = axes[i - 1];
      for (const tick of axis.ticks) {
        expect(tick.box.left, `${axis.label} "${tick.text}" against the axis ${left.label}`).toBeGreaterThan(left.line.right + 1);
        for (const other of left.ticks) expect(overlap(tick.box, other.box), `${axis.label} "${tick.text}" / "${other.text}"`).toBe(false);
      }
    }
  });

  test('in a narrow window the chart keeps its axes apart and scrolls sideways, with every title inside it and in full on hover', async ({
    page,
    request,
  }) => {
    await openEveryAxis(page, request, 640);
    const chart = page.getByTestId('parcoords');
    // The pickers sit above the chart and the legend under it, so the chart has the window's width.
    const [pickers, host, legend] = await Promise.all([
      page.locator('.pickers').boundingBox(),
      chart.boundingBox(),
      page.locator('app-task-legend').boundingBox(),
    ]);
    expect(host!.width).toBeGreaterThan(500);
    expect(pickers!.y + pickers!.height).toBeLessThanOrEqual(host!.y);
    expect(legend!.y).toBeGreaterThanOrEqual(host!.y + host!.height);
    const layout = await chart.evaluate((el) => {
      const svg = el.querySelector('svg')!;
      const box = svg.getBoundingClientRect();
      const xs = [...el.querySelectorAll('[data-testid="pc-axis"]')].map((a) =>
        Number(/translate\(([-\d.]+)/.exec(a.getAttribute('transform')!)![1]),
      );
      const titles = [...el.querySelectorAll('[data-testid="pc-label"]')].map((t) => ({
        shown: t.lastChild!.textContent!.trim(),
        tooltip: t.querySelector('title')!.textContent!,
        label: t.closest('[data-testid="pc-axis"]')!.getAttribute('data-label')!,
        above: t.getBoundingClientRect().top - box.top,
        beyond: t.getBoundingClientRect().right - box.right,
      }));
      return {
        axisXs: xs,
        drawnWidth: box.width,
        shownWidth: el.clientWidth,
        scrollWidth: el.scrollWidth,
        gaps: xs.slice(1).map((x, i) => x - xs[i]),
        titles,
      };
    });
    // Too many axes for the width: the drawing is wider than the chart, which scrolls to show it all.
    expect(layout.drawnWidth).toBeGreaterThan(layout.shownWidth);
    expect(layout.scrollWidth).toBeGreaterThan(layout.shownWidth);
    for (const gap of layout.gaps) expect(gap).toBeGreaterThanOrEqual(27.9);
    for (const title of layout.titles) {
      // Inside the drawing, and either the whole label or its beginning with an ellipsis.
      expect(title.above).toBeGreaterThanOrEqual(0);
      expect(title.beyond).toBeLessThanOrEqual(0);
      expect(title.shown === title.label || (title.shown.endsWith('…') && title.label.startsWith(title.shown.slice(0, -1)))).toBe(true);
      expect(title.tooltip).toContain(title.label);
    }
    // The edge past which axes lie fades out, and the chart's name says how many are there.
    const hidden = layout.axisXs.filter((x) => x > layout.shownWidth).length;
    expect(hidden).toBeGreaterThan(0);
    await expect(chart).toHaveAttribute('data-axes-right', String(hidden));
    await expect(chart).toHaveAttribute('data-axes-left', '0');
    expect(await chart.evaluate((el) => getComputedStyle(el).maskImage)).toContain('linear-gradient');
    await expect(chart.getByRole('img')).toHaveAccessibleName(new RegExp(`${hidden} more ax[ie]s to the right: scroll sideways`));
    // The last axis can be reached: the tab scrolls down to the chart, the chart sideways to its end.
    await chart.scrollIntoViewIfNeeded();
    await chart.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(page.getByTestId('pc-axis').last().locator('.pc-axis-line')).toBeInViewport();
    await expect(chart).toHaveAttribute('data-axes-right', '0');
    await expect(chart).not.toHaveAttribute('data-axes-left', '0');
    await expect(chart.getByRole('img')).toHaveAccessibleName(/more ax[ie]s to the left: scroll sideways/);
  });
});

test.describe('hyperparameters: scatter', () => {
  test.setTimeout(150_000);

  test('metric against a parameter with extra hover fields, colour by, URL state and click highlight', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed, DEMO.seed1]);
    await page.goto(compareUrl(ids, 'hyper-params/scatter'));
    await chartDrawn(page, 'scatter');
    const chart = page.getByTestId('scatter').locator('.js-plotly-plot');
    const traces = () =>
      chart.evaluate((el) => (el as unknown as { data: { name: string; x: number[]; text: string[]; customdata: string[] }[] }).data);
    // Coloured by task: one trace, a point per task.
    await expect.poll(async () => ((await traces()) ?? []).map((t) => t.customdata.length)).toEqual([4]);
    const xTitle = () =>
      chart.evaluate((el) => (el as unknown as { layout: { xaxis: { title: { text: string } } } }).layout.xaxis.title.text);
    expect(await xTitle()).toBe('Args/lr (log)');

    await page.getByTestId('extra-params').getByLabel('Search parameters').fill('batch');
    await page.getByTestId('extra-params').locator('[data-param="Args/batch_size"] input').check();
    await page.getByTestId('extra-metrics').getByRole('checkbox', { name: 'loss / val max' }).check();
    await expect.poll(async () => (await traces())[0]?.text[0] ?? '').toContain('Args/batch_size: ');
    expect((await traces())[0].text[0]).toContain('loss/val MAX: ');

    await page.getByRole('combobox', { name: 'Colour points by' }).selectOption({ label: 'Args/optimizer' });
    await expect.poll(async () => ((await traces()) ?? []).map((t) => t.name).sort()).toEqual(['adam', 'adamw', 'sgd']);

    // Hovering a point shows the tooltip with the extra fields. (A redraw after the colour change
    // can land after the pointer arrived and clear the label: move again until it is shown.)
    const point = page.getByTestId('scatter').locator('.scatterlayer .point').first();
    await expect(async () => {
      await page.mouse.move(0, 0);
      await point.hover({ force: true });
      await expect(page.locator('.hoverlayer')).toContainText('Args/batch_size', { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    await point.click({ force: true });
    await expect(page.getByTestId('scatter-selected')).toBeVisible();
    const highlighted = await page.getByTestId('scatter-selected').locator('strong').textContent();

    await page.reload();
    await chartDrawn(page, 'scatter');
    await expect.poll(async () => ((await traces()) ?? []).map((t) => t.name).sort()).toEqual(['adam', 'adamw', 'sgd']);
    expect((await traces())[0].text[0]).toContain('Args/batch_size: ');
    await expect(page.getByTestId('scatter-selected').locator('strong')).toHaveText(highlighted!);
  });

  test('a legend names each point’s task: hover brings it forward, a click hides it (in the URL); equal points are drawn side by side', async ({
    page,
    request,
  }) => {
    // Two tasks with the same lr and the same accuracy, a third apart.
    const names = ['scatter twin a', 'scatter twin b', 'scatter apart'];
    const ids = await scatterTasks(request, [
      { name: names[0], lr: '0.01', accuracy: 0.5 },
      { name: names[1], lr: '0.01', accuracy: 0.5 },
      { name: names[2], lr: '0.03', accuracy: 0.7 },
    ]);
    await page.goto(compareUrl(ids, 'hyper-params/scatter', 'scY=accuracy:val:last&scX=Args:lr&scLog=off'));
    await chartDrawn(page, 'scatter');
    const chart = page.getByTestId('scatter').locator('.js-plotly-plot');
    const trace = () =>
      chart.evaluate((el) => {
        const [t] = (el as unknown as { data?: { x: number[]; customdata: string[]; text: string[]; marker: { size: number[] } }[] })
          .data ?? [{ x: [], customdata: [], text: [], marker: { size: [] } }];
        return { x: t.x, ids: t.customdata, text: t.text, size: t.marker.size };
      });
    await expect.poll(async () => (await trace()).ids).toEqual(ids);
    const { x, text } = await trace();
    // Side by side, centred on their value; the hover says why.
    expect(x[0]).not.toBeCloseTo(x[1], 6);
    expect((x[0] + x[1]) / 2).toBeCloseTo(0.01, 9);
    expect(x[2]).toBeCloseTo(0.03, 9);
    expect(text[0]).toContain('2 tasks have these values');
    expect(text[2]).not.toContain('tasks have these values');
    // Three dots on screen, none on another.
    const dots = page.getByTestId('scatter').locator('.scatterlayer .point');
    await expect(dots).toHaveCount(3);
    expect(new Set(await dots.evaluateAll((els) => els.map((el) => el.getAttribute('transform')))).size).toBe(3);

    const legend = page.getByRole('list', { name: 'Tasks in the chart' });
    await expect(legend.getByRole('button')).toHaveCount(3);
    await legend.getByRole('button', { name: names[2] }).hover();
    await expect.poll(async () => (await trace()).size).toEqual([10, 10, 16]);
    await page.mouse.move(0, 0);
    await expect.poll(async () => (await trace()).size).toEqual([10, 10, 10]);

    await legend.getByRole('button', { name: names[0] }).click();
    await expect(page).toHaveURL(new RegExp(`scHidden=${ids[0]}`));
    await expect.poll(async () => (await trace()).ids).toEqual([ids[1], ids[2]]);
    // Alone at its value now: drawn on it.
    expect((await trace()).x[0]).toBeCloseTo(0.01, 9);
    await page.reload();
    await chartDrawn(page, 'scatter');
    await expect.poll(async () => (await trace()).ids).toEqual([ids[1], ids[2]]);
    await expect(legend.getByRole('button', { name: names[0] })).toHaveAttribute('aria-pressed', 'false');
    await legend.getByRole('button', { name: names[0] }).click();
    await expect.poll(async () => (await trace()).ids).toEqual(ids);
    await expect(page).not.toHaveURL(/scHidden/);
  });

  test('past the palette’s 20 colours, a task’s point and its swatch in the legend share a shape of their own', async ({
    page,
    request,
  }) => {
    const tasks = Array.from({ length: 22 }, (_, i) => ({
      name: `scatter shapes ${i + 1}`,
      lr: String(0.001 * (i + 1)),
      accuracy: 0.5 + i / 100,
    }));
    const ids = await scatterTasks(request, tasks);
    await page.goto(compareUrl(ids, 'hyper-params/scatter', 'scY=accuracy:val:last&scX=Args:lr'));
    await chartDrawn(page, 'scatter');
    const symbols = () =>
      page
        .getByTestId('scatter')
        .locator('.js-plotly-plot')
        .evaluate((el) => {
          const [t] = (el as unknown as { data?: { customdata: string[]; marker: { symbol: string[] } }[] }).data ?? [];
          return t ? Object.fromEntries(t.customdata.map((id, i) => [id, t.marker.symbol[i]])) : {};
        });
    await expect.poll(async () => Object.keys(await symbols()).length).toBe(22);
    const drawn = await symbols();
    const legend = page.getByRole('list', { name: 'Tasks in the chart' });
    const swatches = await legend
      .getByTestId('legend-task')
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-task-id'), el.querySelector('[data-symbol]')?.getAttribute('data-symbol')]),
      );
    expect(swatches.length).toBe(22);
    for (const [id, symbol] of swatches) expect(symbol, id!).toBe(drawn[id!]);
    // The first 20 are circles; the two past the palette have another shape.
    expect(Object.values(drawn).filter((s) => s === 'circle').length).toBe(20);
    expect(new Set(Object.values(drawn)).size).toBe(2);
  });

  test('tasks without the metric are listed as missing; Y and X come from the URL', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.failed, DEMO.best]);
    // Summary/test_accuracy is reported by completed runs only.
    await page.goto(compareUrl(ids, 'hyper-params/scatter', 'scY=Summary:test_accuracy:last&scX=Args:optimizer'));
    await chartDrawn(page, 'scatter');
    const chart = page.getByTestId('scatter').locator('.js-plotly-plot');
    const ids2 = () =>
      chart.evaluate((el) => ((el as unknown as { data?: { customdata: string[] }[] }).data ?? []).flatMap((t) => t.customdata));
    await expect.poll(ids2).toEqual([ids[0], ids[2]]);
    await expect(page.getByTestId('missing')).toContainText(DEMO.failed);
    await expect(page.getByTestId('missing')).not.toContainText(DEMO.best);
    await expect(page.getByRole('combobox', { name: 'X: parameter' })).toHaveValue('Args\u0000optimizer');
  });
  test('each axis choice shows its whole text in its box at 1280×800', async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'hyper-params/scatter'));
    await chartDrawn(page, 'scatter');
    const scale = page.getByRole('combobox', { name: /^X scale/ });
    await expect(scale).toHaveValue('auto');
    for (const value of ['auto', 'on', 'off']) {
      await scale.selectOption(value);
      const shown = await scale.evaluate((el: HTMLSelectElement) => {
        const style = getComputedStyle(el);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = el.selectedOptions[0].text;
        // Inside the padding, beside the drop-down arrow (about 20 px).
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        return { text, width: context.measureText(text).width, room };
      });
      expect(shown.width, shown.text).toBeLessThanOrEqual(shown.room);
    }
  });
});

test.describe('hyperparameters: one source for every view', () => {
  test.setTimeout(150_000);

  test('moving between Values, parallel coordinates and scatter fetches the parameters once', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    const view = (name: string) => page.getByRole('navigation', { name: 'Hyperparameters views' }).getByRole('link', { name });
    const fetches: string[][] = [];
    page.on('request', (r) => {
      const fields = r.url().includes('tasks.get_all_ex') ? (r.postDataJSON()?.only_fields as string[] | undefined) : undefined;
      if (fields?.includes('hyperparams')) fetches.push(fields);
    });
    await page.goto(compareUrl(ids, 'hyper-params/values'));
    await expect(page.locator('[data-testid="row"][data-row="Args/lr"]')).toBeVisible(DRAWN);
    await view('Parallel coordinates').click();
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).lines.length).toBe(3);
    await view('Scatter plot').click();
    await chartDrawn(page, 'scatter');
    await view('Values').click();
    await expect(page.locator('[data-testid="row"][data-row="Args/lr"]')).toBeVisible();
    await view('Parallel coordinates').click();
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await drawn(page)).lines.length).toBe(3);
    console.log(`hyperparameter requests over five views: ${fetches.length}`);
    expect(fetches).toHaveLength(1);
  });
});
