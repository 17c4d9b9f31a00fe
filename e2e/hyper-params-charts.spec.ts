import { Page, expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskIds } from './support';

interface Dim { label: string; values: number[]; tickvals: number[]; ticktext: string[] }

/** The drawn parcoords trace's dimensions (read from Plotly's own figure on the chart element). */
async function dimensions(page: Page): Promise<Dim[]> {
  const chart = page.getByTestId('parcoords').locator('.js-plotly-plot');
  if (!(await chart.count())) return [];
  return chart.evaluate((el) => ((el as unknown as { data?: { dimensions: Dim[] }[] }).data?.[0]?.dimensions ?? []));
}

/** Plotly is a large lazy chunk: on a busy machine the first draw can take a while. */
const DRAWN = { timeout: 60_000 };

async function chartDrawn(page: Page, testId: string): Promise<void> {
  await expect(page.getByTestId(testId).locator('.main-svg').first()).toBeVisible(DRAWN);
}

const tickAt = (d: Dim, i: number) => d.ticktext[d.tickvals.indexOf(d.values[i])];

test.describe('hyperparameters: parallel coordinates', () => {
  test.setTimeout(150_000);

  test('defaults to accuracy/val LAST and the differing parameters, with categorical, log and N/A axes', async ({ page, request }) => {
    const names = [DEMO.baseline, DEMO.best, DEMO.failed, DEMO.archived];
    const ids = await taskIds(request, names);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await dimensions(page)).map((d) => d.label)).toContain('accuracy/val LAST');
    const dims = await dimensions(page);
    const labels = dims.map((d) => d.label);
    expect(labels).toEqual(expect.arrayContaining(['Args/lr', 'Args/optimizer', 'Args/dropout']));
    for (const d of dims) expect(d.values).toHaveLength(4);

    const opt = dims.find((d) => d.label === 'Args/optimizer')!;
    expect([0, 1, 2, 3].map((i) => tickAt(opt, i))).toEqual(['sgd', 'adamw', 'adam', 'sgd']);
    const lr = dims.find((d) => d.label === 'Args/lr')!;
    expect([0, 1, 2, 3].map((i) => tickAt(lr, i))).toEqual(['0.03', '0.003', '0.1', '0.01']);
    // The archived run has no dropout: it sits on the N/A tick.
    const dropout = dims.find((d) => d.label === 'Args/dropout')!;
    expect(tickAt(dropout, 3)).toBe('N/A');
    expect(tickAt(dropout, 1)).toBe('0.2');
    await expect(page.getByTestId('legend-task')).toHaveCount(4);
  });

  test('metric and parameter picks become axes, live in the URL and survive a reload; legend hides a task', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await dimensions(page)).length).toBeGreaterThan(1);

    await page.getByRole('checkbox', { name: 'loss / val min' }).check();
    await page.locator('[data-param="Args/lr"] input').uncheck();
    await expect.poll(async () => (await dimensions(page)).map((d) => d.label)).not.toContain('Args/lr');
    // An identical parameter is only listed once "hide identical" is off.
    await page.getByTestId('param-picker').getByLabel('Search parameters').fill('dataset');
    await expect(page.locator('[data-param="General/dataset"]')).toHaveCount(0);
    await page.getByTestId('hide-identical').uncheck();
    await page.locator('[data-param="General/dataset"] input').check();
    await expect.poll(async () => (await dimensions(page)).map((d) => d.label)).toContain('loss/val MIN');
    await expect.poll(async () => (await dimensions(page)).map((d) => d.label)).toContain('General/dataset');
    const count = (await dimensions(page)).length;
    expect(page.url()).toContain('pcMetrics=');
    expect(page.url()).toContain('pcParams=');

    await page.getByTestId('legend-task').nth(1).click();
    await expect.poll(async () => (await dimensions(page))[0]?.values.length).toBe(2);
    await expect(page.getByTestId('passing-task')).toHaveCount(2);

    await page.reload();
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await dimensions(page)).length).toBe(count);
    expect((await dimensions(page))[0].values).toHaveLength(2);
    await page.getByTestId('legend-task').nth(1).click();
    await expect.poll(async () => (await dimensions(page))[0]?.values.length).toBe(3);
  });

  test('brushing an axis lists the tasks inside it', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto(compareUrl(ids, 'hyper-params/graph'));
    await chartDrawn(page, 'parcoords');
    await expect.poll(async () => (await dimensions(page)).length).toBeGreaterThan(1);
    await expect(page.getByTestId('passing-task')).toHaveCount(3);
    // Drag along the right-most axis (accuracy/val LAST) over its lower part: only the failed run passes.
    const axes = page.locator('.parcoords .y-axis');
    await expect(axes.last()).toBeVisible();
    const box = (await page.locator('.parcoords .axis-brush').last().boundingBox())!;
    const x = box.x + box.width / 2;
    await page.mouse.move(x, box.y + box.height * 0.75);
    await page.mouse.down();
    await page.mouse.move(x, box.y + box.height + 20, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByTestId('passing-task')).toHaveCount(1);
    await expect(page.getByTestId('passing-task')).toHaveText(DEMO.failed);
    // The brush survives a redraw (highlighting a task re-colours every line).
    await page.getByTestId('legend-task').first().hover();
    const colorscale = () => page.getByTestId('parcoords').locator('.js-plotly-plot')
      .evaluate((el) => ((el as unknown as { data: { line: { colorscale: [number, string][] } }[] }).data[0].line.colorscale.map((c) => c[1])));
    await expect.poll(async () => (await colorscale()).filter((c) => c.startsWith('rgba(160')).length).toBe(2);
    await expect.poll(async () => (await dimensions(page)).at(-1)).toHaveProperty('constraintrange');
    await expect(page.getByTestId('passing-task')).toHaveCount(1);
    // Brushes are in the URL: a reload (or a shared link) filters the same way.
    expect(page.url()).toContain('pcBrush=');
    await page.reload();
    await chartDrawn(page, 'parcoords');
    await expect(page.getByTestId('passing-task')).toHaveCount(1);
    await expect.poll(async () => (await dimensions(page)).at(-1)).toHaveProperty('constraintrange');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('passing-task')).toHaveCount(3);
  });
});

test.describe('hyperparameters: scatter', () => {
  test.setTimeout(150_000);

  test('metric against a parameter with extra hover fields, colour by, URL state and click highlight', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed, DEMO.seed1]);
    await page.goto(compareUrl(ids, 'hyper-params/scatter'));
    await chartDrawn(page, 'scatter');
    const chart = page.getByTestId('scatter').locator('.js-plotly-plot');
    const traces = () => chart.evaluate((el) => (el as unknown as { data: { name: string; x: number[]; text: string[]; customdata: string[] }[] }).data);
    await expect.poll(async () => ((await traces()) ?? []).length).toBe(4);
    const xTitle = () => chart.evaluate((el) => (el as unknown as { layout: { xaxis: { title: { text: string } } } }).layout.xaxis.title.text);
    expect(await xTitle()).toBe('Args/lr (log)');

    await page.getByTestId('extra-params').getByLabel('Search parameters').fill('batch');
    await page.getByTestId('extra-params').locator('[data-param="Args/batch_size"] input').check();
    await page.getByTestId('extra-metrics').getByRole('checkbox', { name: 'loss / val max' }).check();
    await expect.poll(async () => (await traces())[0]?.text[0] ?? '').toContain('Args/batch_size: ');
    expect((await traces())[0].text[0]).toContain('loss/val MAX: ');

    await page.getByTestId('scatter-color').selectOption({ label: 'Args/optimizer' });
    await expect.poll(async () => ((await traces()) ?? []).map((t) => t.name).sort()).toEqual(['adam', 'adamw', 'sgd']);

    // Hovering a point shows the tooltip with the extra fields.
    const point = page.getByTestId('scatter').locator('.scatterlayer .point').first();
    await point.hover({ force: true });
    await expect(page.locator('.hoverlayer')).toContainText('Args/batch_size');

    await point.click({ force: true });
    await expect(page.getByTestId('scatter-selected')).toBeVisible();
    const highlighted = await page.getByTestId('scatter-selected').locator('strong').textContent();

    await page.reload();
    await chartDrawn(page, 'scatter');
    await expect.poll(async () => ((await traces()) ?? []).map((t) => t.name).sort()).toEqual(['adam', 'adamw', 'sgd']);
    expect((await traces())[0].text[0]).toContain('Args/batch_size: ');
    await expect(page.getByTestId('scatter-selected').locator('strong')).toHaveText(highlighted!);
  });

  test('tasks without the metric are listed as missing; Y and X come from the URL', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.baseline, DEMO.failed, DEMO.best]);
    // Summary/test_accuracy is reported by completed runs only.
    await page.goto(compareUrl(ids, 'hyper-params/scatter', 'scY=Summary:test_accuracy:last&scX=Args:optimizer'));
    await chartDrawn(page, 'scatter');
    const chart = page.getByTestId('scatter').locator('.js-plotly-plot');
    const ids2 = () => chart.evaluate((el) => ((el as unknown as { data?: { customdata: string[] }[] }).data ?? []).flatMap((t) => t.customdata));
    await expect.poll(ids2).toEqual([ids[0], ids[2]]);
    await expect(page.getByTestId('missing')).toContainText(DEMO.failed);
    await expect(page.getByTestId('missing')).not.toContainText(DEMO.best);
    await expect(page.getByTestId('scatter-x')).toHaveValue('Args\u0000optimizer');
  });
});
