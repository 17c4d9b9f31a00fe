import { APIRequestContext, BrowserContext, Locator, Page, expect, test } from '@playwright/test';
import { compareUrl, taskIds } from './support';

/**
 * The Summary (single values) with Group by on, on the demo project "Seed study" (four
 * configurations × 5 seeds): a bar per group at its tasks' mean with ± their sample standard
 * deviation, checked against the values the API gives for each task, grouped here by the tasks'
 * names; and its embed, which keeps the grouping.
 */

/** The page loads the tasks, then their parameters for grouping, then draws: on a busy machine that takes a while. */
const LOADED = { timeout: 60_000 };

const CONFIGS = ['base', 'label smoothing', 'no warmup', '8 workers'] as const;
type Config = (typeof CONFIGS)[number];
const studyName = (config: Config, seed: number) => `seed study ${config} seed=${seed}`;

type SingleValues = { tasks: { task: string; values: { metric: string; variant: string; value: number }[] }[] };
type Bar = {
  name: string;
  legendgroup: string;
  x: string[];
  y: number[];
  error_y: { array: (number | null)[]; visible: boolean; color: string };
  customdata: number[][];
  text: string[];
};

/** Every task's single values from the API, by task id and then by metric and variant. */
async function singleValues(request: APIRequestContext, ids: string[]): Promise<Map<string, Map<string, number>>> {
  const response = await request.post('/api/v2.31/events.get_task_single_value_metrics', { data: { tasks: ids } });
  expect(response.ok()).toBeTruthy();
  const { data } = (await response.json()) as { data: SingleValues };
  return new Map(data.tasks.map((task) => [task.task, new Map(task.values.map((v) => [`${v.metric}/${v.variant}`, Number(v.value)]))]));
}

/** Every metric/variant any task reported. */
const reportedKeys = (values: Map<string, Map<string, number>>) => [
  ...new Set([...values.values()].flatMap((metrics) => [...metrics.keys()])),
];

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) };
}

/** The metric/variant a bar's cluster label stands for (the variant alone under metric "Summary"). */
function keyOf(label: string, keys: readonly string[]): string {
  const key = keys.find((k) => {
    const [metric, variant] = k.split('/');
    return label === (metric === 'Summary' ? variant : variant === metric || !variant ? metric : `${metric} / ${variant}`);
  });
  expect(key, `the bars' label ${label} is one of the reported values`).toBeDefined();
  return key!;
}

async function summaryTraces(scope: Page | Locator): Promise<Bar[]> {
  return scope
    .getByTestId('summary-chart')
    .locator('.js-plotly-plot')
    .first()
    .evaluate((el) => JSON.parse(JSON.stringify((el as unknown as { data?: Bar[] }).data ?? [])) as Bar[])
    .catch(() => []);
}

/** The bars once they are drawn for `groups` groups (before the parameters come, they are drawn per task). */
async function groupedBars(scope: Page | Locator, groups: number, labels: number): Promise<Bar[]> {
  let bars: Bar[] = [];
  await expect
    .poll(async () => {
      bars = await summaryTraces(scope);
      return bars.length === groups * labels && bars.every((bar) => / \(n=\d+\)$/.test(bar.name));
    }, LOADED)
    .toBe(true);
  return bars;
}

/**
 * Each bar against the reference: its height the mean of its group's values, its error bar their
 * sample std (none for one value), n in its data and its legend name. `groupOf` names the group a
 * bar stands for, from its legend name.
 */
function checkBars(
  bars: Bar[],
  values: Map<string, Map<string, number>>,
  members: Record<string, string[]>,
  groupOf: (name: string) => string,
): void {
  const keys = reportedKeys(values);
  for (const bar of bars) {
    const group = groupOf(bar.name);
    const key = keyOf(bar.x[0], keys);
    const sample = members[group].flatMap((id) => (values.get(id)?.has(key) ? [values.get(id)!.get(key)!] : []));
    const { mean, sd } = meanAndSd(sample);
    expect(bar.y[0], `${group}: ${key} mean`).toBeCloseTo(mean, 12);
    expect(bar.error_y.array[0]!, `${group}: ${key} std`).toBeCloseTo(sd, 12);
    expect(bar.error_y.visible).toBe(true);
    expect(bar.customdata[0][0]).toBe(sample.length);
    // Written on the bar: the mean to 4 significant digits ± the std to 2.
    expect(bar.text[0]).toBe(`${Number(mean.toPrecision(4))} ± ${Number(sd.toPrecision(2))}`);
    expect(bar.name).toContain(`(n=${members[group].length})`);
  }
}

/** The demo configuration a group named by its parameters' values is. */
function configOf(name: string): Config {
  if (name.includes('label_smoothing=0.1')) return 'label smoothing';
  if (name.includes('warmup_steps=0,') || name.includes('warmup_steps=0 ')) return 'no warmup';
  if (name.includes('num_workers=8')) return '8 workers';
  return 'base';
}

/** Hovers the Summary, clicks its embed button and returns the iframe's address from the clipboard. */
async function copiedSummaryEmbed(page: Page, context: BrowserContext): Promise<string> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const summary = page.getByRole('region', { name: 'Summary' });
  await summary.scrollIntoViewIfNeeded();
  await summary.hover();
  await summary.getByRole('button', { name: 'Copy embed code for Summary' }).click();
  await expect(page.locator('mat-snack-bar-container')).toContainText('Embed code copied');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  return /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
}

test.describe('grouped Summary (demo project "Seed study")', () => {
  test.describe.configure({ timeout: 300_000 });
  let byConfig: Record<Config, string[]>;
  let ids: string[];

  test.beforeEach(async ({ request }) => {
    const lists = await Promise.all(
      CONFIGS.map((config) =>
        taskIds(
          request,
          [1, 2, 3, 4, 5].map((seed) => studyName(config, seed)),
        ),
      ),
    );
    byConfig = Object.fromEntries(CONFIGS.map((config, i) => [config, lists[i]])) as Record<Config, string[]>;
    ids = lists.flat();
  });

  test('Plots: a bar per configuration at its tasks’ mean, ± their sample std, n in the legend and the hover', async ({ page }) => {
    const values = await singleValues(page.request, ids);
    const labels = reportedKeys(values).length;
    expect(labels).toBeGreaterThan(0);
    await page.goto(compareUrl(ids, 'metrics-plots', 'groupby=all'));
    const bars = await groupedBars(page, 4, labels);
    checkBars(bars, values, byConfig, configOf);
    // The base group first, each configuration once.
    expect(configOf(bars[0].name)).toBe('base');
    expect(new Set(bars.slice(0, 4).map((bar) => configOf(bar.name)))).toEqual(new Set(CONFIGS));

    // What a pointer on the label smoothing bar reads: the group, its mean ± std and n.
    const index = bars.findIndex((bar) => configOf(bar.name) === 'label smoothing');
    const key = keyOf(bars[index].x[0], reportedKeys(values));
    const { mean, sd } = meanAndSd(byConfig['label smoothing'].map((id) => values.get(id)!.get(key)!));
    const bar = page.getByTestId('summary-chart').locator('.barlayer .trace').nth(index).locator('path').first();
    const box = (await bar.boundingBox())!;
    const hover = page.getByTestId('summary-chart').locator('.hoverlayer .hovertext');
    await expect(async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await expect(hover).toBeVisible({ timeout: 2_000 });
    }).toPass(LOADED);
    await expect(hover).toContainText('label_smoothing=0.1');
    await expect(hover).toContainText(`mean ${Number(mean.toPrecision(6))} ± ${Number(sd.toPrecision(3))} (std) over n=5`);

    // Chosen parameters: label smoothing alone makes two groups, 15 tasks and 5.
    await page.goto(compareUrl(ids, 'metrics-plots', 'groupby=params&gparams=Args%2Flabel_smoothing'));
    const two = await groupedBars(page, 2, labels);
    const smoothing = { 'label_smoothing=0': [...byConfig.base, ...byConfig['no warmup'], ...byConfig['8 workers']] };
    checkBars(two, values, { ...smoothing, 'label_smoothing=0.1': byConfig['label smoothing'] }, (name) =>
      name.startsWith('label_smoothing=0.1') ? 'label_smoothing=0.1' : 'label_smoothing=0',
    );
    expect(two[0].name).toBe('label_smoothing=0 (n=15)');
  });

  test('the Summary’s embed keeps the grouping (groupby, gignore, gparams) and draws the same groups', async ({ page, context }) => {
    const values = await singleValues(page.request, ids);
    const labels = reportedKeys(values).length;
    // The number of workers left out too: base and 8 workers are one group of 10.
    await page.goto(compareUrl(ids, 'metrics-plots', 'groupby=all&gignore=Args%2Fnum_workers'));
    const onPage = await groupedBars(page, 3, labels);
    const merged = {
      base: [...byConfig.base, ...byConfig['8 workers']],
      'label smoothing': byConfig['label smoothing'],
      'no warmup': byConfig['no warmup'],
    };
    checkBars(onPage, values, merged, configOf);

    const src = await copiedSummaryEmbed(page, context);
    const url = new URL(src);
    expect(url.pathname).toMatch(/^\/embed;ids=[0-9a-f,]+(;slots=[\d,]+)?\/summary$/);
    expect(url.searchParams.get('groupby')).toBe('all');
    expect(url.searchParams.get('gignore')).toBe('Args/num_workers');
    // In a dark page, whose embeds draw the error bars light.
    await page.goto(`${src}&theme=dark`);
    const embedded = await groupedBars(page, 3, labels);
    expect(new Set(embedded.map((bar) => bar.error_y.color)).size).toBe(1);
    expect(embedded[0].error_y.color).toMatch(/^#[c-f][0-9a-f]{5}$/);
    checkBars(embedded, values, merged, configOf);
    expect(embedded.map((bar) => bar.name)).toEqual(onPage.map((bar) => bar.name));
    // The chart alone: no page header, no plot list.
    await expect(page.getByText('Compare tasks')).toHaveCount(0);
    await expect(page.getByTestId('plot-search')).toHaveCount(0);

    // From Scalars' graph too, with chosen parameters.
    await page.goto(compareUrl(ids, 'scalars/graph', 'groupby=params&gparams=Args%2Fwarmup_steps'));
    await groupedBars(page, 2, labels);
    const fromScalars = new URL(await copiedSummaryEmbed(page, context));
    expect(fromScalars.searchParams.get('groupby')).toBe('params');
    expect(fromScalars.searchParams.get('gparams')).toBe('Args/warmup_steps');
    await page.goto(fromScalars.toString());
    const warmup = await groupedBars(page, 2, labels);
    const rest = [...byConfig.base, ...byConfig['label smoothing'], ...byConfig['8 workers']];
    checkBars(warmup, values, { 'warmup_steps=500': rest, 'warmup_steps=0': byConfig['no warmup'] }, (name) =>
      name.startsWith('warmup_steps=0 ') ? 'warmup_steps=0' : 'warmup_steps=500',
    );
  });
});
