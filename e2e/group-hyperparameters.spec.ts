import { APIRequestContext, BrowserContext, Page, expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskIds } from './support';

/** The page loads the tasks and then their parameters for grouping: on a busy machine that takes a while. */
const LOADED = { timeout: 60_000 };
const SEEDS = ['resnet18 adamw lr=0.001 seed=1', 'resnet18 adamw lr=0.001 seed=2', 'resnet18 adamw lr=0.001 seed=3'];

type LastMetrics = Record<string, Record<string, { metric: string; variant: string; value?: number }>>;
type ScatterTrace = { y: number[]; text: string[]; error_y?: { array: (number | null)[]; color?: string } };

/** Each task's LAST value of a metric/variant, as the server reports it. */
async function lastValues(request: APIRequestContext, ids: string[], metric: string, variant: string): Promise<Record<string, number>> {
  const response = await request.post('/api/v2.31/tasks.get_all_ex', { data: { id: ids, only_fields: ['id', 'last_metrics'] } });
  expect(response.ok()).toBeTruthy();
  const { data } = (await response.json()) as { data: { tasks: { id: string; last_metrics?: LastMetrics }[] } };
  const values: Record<string, number> = {};
  for (const task of data.tasks) {
    for (const variants of Object.values(task.last_metrics ?? {})) {
      for (const entry of Object.values(variants)) {
        if (entry.metric === metric && entry.variant === variant && typeof entry.value === 'number') values[task.id] = entry.value;
      }
    }
  }
  return values;
}

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) };
}

async function scatterTraces(page: Page): Promise<ScatterTrace[]> {
  return page
    .getByTestId('scatter')
    .locator('.js-plotly-plot')
    .evaluate((el) => JSON.parse(JSON.stringify((el as unknown as { data: ScatterTrace[] }).data)) as ScatterTrace[]);
}

test.describe('grouped Hyperparameters charts', () => {
  test('scatter: a point per group at its tasks’ mean, with ± one standard deviation, against the tasks’ values', async ({ page }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, ...SEEDS]);
    await page.goto(compareUrl(ids, 'hyper-params/scatter', 'groupby=all'));
    const picked = (await page.getByTestId('scatter-y').locator('option:checked').textContent({ timeout: LOADED.timeout }))!;
    const [metric, variant] = picked.split(' / ').map((s) => s.trim());
    const values = await lastValues(page.request, ids, metric, variant);
    const seeds = meanAndSd(ids.slice(1).map((id) => values[id]));

    let trace: ScatterTrace | undefined;
    await expect
      .poll(async () => {
        trace = (await scatterTraces(page).catch(() => []))[0];
        return trace?.y.length;
      }, LOADED)
      .toBe(2);
    // The base group (the baseline alone) first, then the three seeds.
    expect(trace!.y[0]).toBeCloseTo(values[ids[0]], 9);
    expect(trace!.y[1]).toBeCloseTo(seeds.mean, 9);
    expect(trace!.error_y!.array[1]).toBeCloseTo(seeds.sd, 9);
    expect(trace!.error_y!.array[0]).toBeNull();
    expect(trace!.text[1]).toContain('n=3');
    expect(trace!.text[0]).toContain('n=1');

    // Grouping off: a point per task again.
    await page.goto(compareUrl(ids, 'hyper-params/scatter'));
    await expect.poll(async () => (await scatterTraces(page).catch(() => []))[0]?.y.length, LOADED).toBe(4);
  });

  test('parallel coordinates: a line per group, named with its size, in the legend', async ({ page }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, ...SEEDS]);
    await page.goto(compareUrl(ids, 'hyper-params/graph', 'groupby=all'));
    const legend = page.getByTestId('legend-task');
    await expect(legend).toHaveCount(2, LOADED);
    await expect(legend.nth(1)).toContainText('(n=3)');
    await expect(legend.nth(0)).toContainText('(n=1)');
    await expect(page.getByTestId('parcoords').getByTestId('pc-line')).toHaveCount(2);
  });

  test('group names are shown whole in the charts’ legends (three of Seed study’s four end alike), named as groups', async ({ page }) => {
    const configs = ['base', 'label smoothing', 'no warmup', '8 workers'];
    const ids = (
      await Promise.all(
        configs.map((config) =>
          taskIds(
            page.request,
            [1, 2, 3].map((seed) => `seed study ${config} seed=${seed}`),
          ),
        ),
      )
    ).flat();
    for (const view of ['hyper-params/graph', 'hyper-params/scatter']) {
      await page.goto(compareUrl(ids, view, 'groupby=all'));
      const legend = page.getByRole('list', { name: 'Groups in the chart' });
      const entries = legend.getByTestId('legend-task');
      await expect(entries).toHaveCount(4, LOADED);
      const names = await entries.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
      expect(names.filter((name) => name.endsWith('warmup_steps=500 (n=3)'))).toHaveLength(3);
      for (const [i, name] of names.entries()) {
        // Every value of the group is in view: the name is written out whole, on as many lines as it takes.
        await expect(entries.nth(i)).toHaveText(name);
        const fits = await entries
          .nth(i)
          .locator('.name')
          .evaluate(
            (el) =>
              el.scrollWidth <= el.clientWidth + 1 &&
              el.getBoundingClientRect().right <= el.closest('ul')!.getBoundingClientRect().right + 1,
          );
        expect(fits, name).toBe(true);
      }
    }
    // (The last view is the scatter.)
    await expect(page.getByText('Click a point to highlight its group.')).toBeVisible();
    await page.goto(compareUrl(ids, 'hyper-params/graph', 'groupby=all'));
    await expect(page.getByTestId('passing')).toContainText('Groups in the chart (4 of 4)', LOADED);
  });

  test('the scatter’s embed keeps the grouping: the copied link draws a point per group', async ({ page, context }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, ...SEEDS]);
    await page.goto(compareUrl(ids, 'hyper-params/scatter', 'groupby=all'));
    await expect.poll(async () => (await scatterTraces(page).catch(() => []))[0]?.y.length, LOADED).toBe(2);
    const src = await copiedEmbedSrc(page, context);
    expect(new URL(src).searchParams.get('groupby')).toBe('all');
    await page.goto(src);
    await expect.poll(async () => (await scatterTraces(page).catch(() => []))[0]?.y.length, LOADED).toBe(2);
    // Its error bars in the theme's text colour: dark on light, light on dark.
    const light = (await scatterTraces(page))[0].error_y!.color!;
    expect(light).toMatch(/^#[0-3][0-9a-f]{5}$/);
    await page.goto(`${src}&theme=dark`);
    await expect.poll(async () => (await scatterTraces(page).catch(() => []))[0]?.error_y?.color, LOADED).toMatch(/^#[c-f][0-9a-f]{5}$/);
  });
});

/** Hovers the scatter, clicks its embed button and returns the iframe's address from the clipboard. */
async function copiedEmbedSrc(page: Page, context: BrowserContext): Promise<string> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const frame = page.locator('.chart-row').first();
  await frame.hover();
  await frame.getByRole('button', { name: /^Copy embed code for / }).click();
  await expect(page.locator('mat-snack-bar-container')).toContainText('Embed code copied');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  return /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
}
