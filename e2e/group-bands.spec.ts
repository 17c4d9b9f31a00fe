import { APIRequestContext, Locator, expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskIds } from './support';

/** The page loads the tasks, their parameters and the series first: on a busy machine that takes a while. */
const LOADED = { timeout: 60_000 };
const SEEDS = ['resnet18 adamw lr=0.001 seed=1', 'resnet18 adamw lr=0.001 seed=2', 'resnet18 adamw lr=0.001 seed=3'];

type Series = { x: number[]; y: number[] };
type Trace = { name?: string; x: (number | null)[]; y: (number | null)[]; fill?: string; customdata?: [number, number, number][] };

/** Each task's points of a metric/variant as the server sends them (the reference the chart is checked against). */
async function points(request: APIRequestContext, ids: string[], metric: string, variant: string): Promise<Record<string, Series>> {
  const response = await request.post('/api/v2.31/events.multi_task_scalar_metrics_iter_histogram', {
    data: { tasks: ids, key: 'iter', samples: 6000, metrics: [{ metric, variants: [variant] }] },
  });
  expect(response.ok()).toBeTruthy();
  const { data } = (await response.json()) as { data: { metrics?: Record<string, Record<string, Record<string, Series>>> } };
  const metrics = (data.metrics ?? data) as Record<string, Record<string, Record<string, Series>>>;
  return metrics[metric][variant];
}

/** Sample mean and standard deviation, and the 95% t quantile for n = 3 (t(0.975, 2) = 4.302653, published tables). */
function stats(values: number[]): { mean: number; sd: number; min: number; max: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

function traces(chart: Locator): Promise<Trace[]> {
  return chart
    .locator('.js-plotly-plot')
    .evaluate((el) => JSON.parse(JSON.stringify((el as unknown as { data: Trace[] }).data)) as Trace[]);
}

/** The mean line of the group whose legend name starts with `prefix`. */
async function meanLine(chart: Locator, prefix: string): Promise<Trace> {
  let line: Trace | undefined;
  await expect
    .poll(async () => {
      line = (await traces(chart)).find((t) => t.fill !== 'toself' && t.customdata && t.name?.includes(prefix));
      return !!line;
    }, LOADED)
    .toBe(true);
  return line!;
}

test.describe('grouped Scalars graph', () => {
  test.describe.configure({ timeout: 240_000 });

  test('one line per group: the mean of its tasks at each iteration, its band (std, min–max, 95% CI) and n, against the tasks’ points @plain', async ({
    page,
  }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, ...SEEDS]);
    const reference = await points(page.request, ids, 'loss', 'val');
    const seedIds = ids.slice(1);
    const iterations = reference[seedIds[0]].x.filter((x) => seedIds.every((id) => reference[id].x.includes(x)));
    expect(iterations.length).toBeGreaterThan(2);
    const valuesAt = (x: number) => seedIds.map((id) => reference[id].y[reference[id].x.indexOf(x)]);

    await page.goto(compareUrl(ids, 'scalars/graph', 'groupby=all&metrics=loss:val'));
    const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:val"]');
    // The legend lists the groups with their sizes.
    const legend = page.getByRole('list', { name: 'Tasks (click to hide or show)' }).getByRole('button');
    await expect(legend).toHaveCount(2, LOADED);
    await expect(legend.nth(1)).toContainText('n=3');

    const check = async (band: 'std' | 'minmax' | 'ci') => {
      const line = await meanLine(chart, 'lr=0.001');
      expect(line.name).toContain('(n=3)');
      for (const x of [iterations[0], iterations[Math.floor(iterations.length / 2)], iterations[iterations.length - 1]]) {
        const i = line.x.indexOf(x);
        expect(i).toBeGreaterThanOrEqual(0);
        const { mean, sd, min, max } = stats(valuesAt(x));
        expect(line.y[i]!).toBeCloseTo(mean, 9);
        const [n, low, high] = line.customdata![i];
        expect(n).toBe(3);
        const half = band === 'std' ? sd : band === 'ci' ? (4.302653 * sd) / Math.sqrt(3) : NaN;
        if (band === 'minmax') {
          expect(low).toBeCloseTo(min, 9);
          expect(high).toBeCloseTo(max, 9);
        } else {
          expect(low).toBeCloseTo(mean - half, 5);
          expect(high).toBeCloseTo(mean + half, 5);
        }
      }
      // The band is drawn beneath: a filled trace of the group ends at the band's high at the first x.
      const band0 = (await traces(chart)).find(
        (t) => t.fill === 'toself' && t.name?.includes('lr=0.001') && !t.name.endsWith('every task'),
      );
      expect(band0).toBeDefined();
      expect(band0!.y[0]).toBeCloseTo(line.customdata![0][2], 9);
    };

    await check('std');
    await page.getByRole('radiogroup', { name: 'Group band' }).getByRole('radio', { name: 'min–max' }).click();
    await expect(page).toHaveURL(/band=minmax/);
    await check('minmax');
    await page.getByRole('radiogroup', { name: 'Group band' }).getByRole('radio', { name: '95% CI' }).click();
    await expect(page).toHaveURL(/band=ci/);
    await check('ci');

    // The single-task group (the baseline) draws no mean below the minimum count of 2, until it is 1.
    const baseline = async () =>
      (await traces(chart)).find((t) => t.fill !== 'toself' && t.customdata && t.name?.includes('optimizer=sgd'));
    expect((await baseline())!.y.every((y) => y === null)).toBe(true);
    const minCount = page.getByRole('spinbutton', { name: "Fewest tasks for a group's mean" });
    await minCount.fill('1');
    await minCount.press('Enter');
    await expect(page).toHaveURL(/gmin=1/);
    await expect.poll(async () => (await baseline())!.y.filter((y) => y !== null).length, LOADED).toBe(reference[ids[0]].x.length);

    // Group members: each task's own line thinly beneath the means (4 tasks, 2 means).
    await page.getByRole('switch', { name: 'Group members' }).click();
    await expect(page).toHaveURL(/members=1/);
    await expect.poll(async () => (await traces(chart)).filter((t) => t.fill !== 'toself').length, LOADED).toBe(6);
  });
});
