import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, compareUrl, taskIds } from './support';

/** The page loads the tasks and their parameters first: on a busy machine that takes a while. */
const LOADED = { timeout: 60_000 };
const SEEDS = ['resnet18 adamw lr=0.001 seed=1', 'resnet18 adamw lr=0.001 seed=2', 'resnet18 adamw lr=0.001 seed=3'];

test.describe('grouping repeated runs', () => {
  test.describe.configure({ timeout: 240_000 });

  test('Group by: all but seeds, then chosen parameters; groups named by their values with their sizes, kept in the URL', async ({
    page,
  }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, ...SEEDS, DEMO.best]);
    await page.goto(compareUrl(ids, 'scalars/values'));
    const button = page.getByRole('button', { name: /Group by: none/ });
    await button.click();
    const menu = page.getByRole('menu');
    await menu.getByRole('radio', { name: 'All hyperparameters except seeds' }).check();
    await expect(page).toHaveURL(/groupby=all/);
    const groups = menu.getByRole('list', { name: 'Groups' }).getByRole('listitem');
    // The three AdamW runs differ only in their seed: one group of three; the baseline and the best run alone.
    await expect(groups).toHaveCount(3, LOADED);
    await expect(groups.nth(0)).toContainText('optimizer=sgd');
    await expect(groups.nth(0)).toContainText('n=1');
    await expect(groups.nth(0)).toContainText('BASE');
    await expect(groups.nth(1)).toContainText('lr=0.001');
    await expect(groups.nth(1)).toContainText('n=3');
    await expect(groups.nth(2)).toContainText('lr=0.003');
    await expect(groups.nth(2)).toContainText('n=1');
    // The seed is left out and cannot be put back; other parameters can be left out too.
    const seed = menu.getByRole('group', { name: 'Parameters left out' }).getByRole('checkbox', { name: 'seed' });
    await expect(seed).toBeChecked();
    await expect(seed).toBeDisabled();

    await menu.getByRole('radio', { name: 'Chosen parameters' }).check();
    await expect(page).toHaveURL(/groupby=params/);
    await menu.getByRole('group', { name: 'Parameters to group by' }).getByRole('checkbox', { name: 'optimizer' }).check();
    await expect(page).toHaveURL(/gparams=Args%2Foptimizer/);
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0)).toContainText('optimizer=sgd');
    await expect(groups.nth(1)).toHaveText(/optimizer=adamw\s*n=4/);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Group by: optimizer (2)' })).toBeVisible();

    // A reload (or a shared link) groups the same way.
    await page.reload();
    await page.getByRole('button', { name: 'Group by: optimizer (2)' }).click(LOADED);
    await expect(page.getByRole('menu').getByRole('list', { name: 'Groups' }).getByRole('listitem')).toHaveCount(2);
    await page.getByRole('menu').getByRole('radio', { name: 'None' }).check();
    await expect(page).not.toHaveURL(/groupby=/);
    await expect(page.getByRole('menu').getByRole('list', { name: 'Groups' })).toHaveCount(0);
  });

  test('on a page that is never idle, pointing at the inactive Group by brings the control', async ({ page }) => {
    // The control loads when the page is idle: here it never is, so only the pointer can bring it.
    await page.addInitScript(() => {
      window.requestIdleCallback = () => 0;
    });
    const ids = await taskIds(page.request, [DEMO.baseline, DEMO.seed1]);
    await page.goto(compareUrl(ids, 'scalars/values'));
    const inactive = page.getByRole('button', { name: 'Group by', exact: true });
    await expect(inactive).toBeDisabled(LOADED);
    await expect(page.getByRole('button', { name: /Group by: none/ })).toHaveCount(0);
    await inactive.hover({ force: true });
    await page.getByRole('button', { name: /Group by: none/ }).click(LOADED);
    await expect(page.getByRole('menu').getByRole('radio', { name: 'All hyperparameters except seeds' })).toBeVisible();
  });

  test('a grouping link with a value of the wrong form falls back to no groups and says so', async ({ page }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, DEMO.seed1]);
    await page.goto(compareUrl(ids, 'scalars/values', 'groupby=seeds'));
    await expect(page.getByRole('button', { name: 'Group by: none' })).toBeVisible(LOADED);
    await expect(page.getByText(/groupby="seeds" \(using no groups\)/)).toBeVisible();
  });
});

// The reference: plain statistics written out here, apart from the app's own module (the t
// distribution's tail by numerical integration of its density, not by the incomplete beta function).

const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleStd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - average(xs)) ** 2, 0) / (xs.length - 1));

/** ln Γ(z): Stirling's series after shifting z above 10. */
function lnGamma(z: number): number {
  let shift = 0;
  while (z < 10) shift -= Math.log(z++);
  return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3) + 1 / (1260 * z ** 5);
}

/** P(T > t) for t ≥ 0: the density integrated by Simpson's rule over u = t / x in (0, 1]. */
function upperTail(t: number, df: number): number {
  const c = Math.exp(lnGamma((df + 1) / 2) - lnGamma(df / 2)) / Math.sqrt(df * Math.PI);
  const density = (x: number) => c * (1 + (x * x) / df) ** (-(df + 1) / 2);
  if (t === 0) return 0.5;
  const steps = 20000;
  const f = (u: number) => (u === 0 ? 0 : (density(t / u) * t) / (u * u));
  let sum = f(0) + f(1);
  for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * f(i / steps);
  return sum / (3 * steps);
}

function welchReference(base: number[], other: number[], level = 0.95) {
  const va = sampleStd(base) ** 2 / base.length;
  const vb = sampleStd(other) ** 2 / other.length;
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (base.length - 1) + vb ** 2 / (other.length - 1));
  const diff = average(other) - average(base);
  const p = 2 * upperTail(Math.abs(diff / se), df);
  // The (1 + level) / 2 quantile by bisection on the tail.
  let low = 0;
  let high = 100;
  for (let i = 0; i < 80; i++) {
    const mid = (low + high) / 2;
    if (upperTail(mid, df) > (1 - level) / 2) low = mid;
    else high = mid;
  }
  const half = ((low + high) / 2) * se;
  return { diff, low: diff - half, high: diff + half, p };
}

/** Holm's adjusted p-values, written out for a family. */
function holm(ps: number[]): number[] {
  const order = ps.map((p, i) => [p, i]).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (ps.length - rank) * p));
    out[i] = running;
  });
  return out;
}

const CONFIGS = ['base', 'label smoothing', 'no warmup', '8 workers'];
const studyName = (config: string, seed: number) => `seed study ${config} seed=${seed}`;

/** Each task's last value of each metric, from the API. */
async function lastValues(request: APIRequestContext, ids: string[]): Promise<Map<string, Map<string, number>>> {
  const response = await request.post('/api/v2.31/tasks.get_all_ex', { data: { id: ids, only_fields: ['id', 'last_metrics'] } });
  expect(response.ok()).toBeTruthy();
  const { data } = (await response.json()) as {
    data: { tasks: { id: string; last_metrics: Record<string, Record<string, { metric: string; variant: string; value: number }>> }[] };
  };
  return new Map(
    data.tasks.map((task) => [
      task.id,
      new Map(
        Object.values(task.last_metrics)
          .flatMap((variants) => Object.values(variants))
          .map((m) => [`${m.metric}/${m.variant}`, m.value]),
      ),
    ]),
  );
}

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') cell += line[++i];
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  return [...cells, cell];
}

const attr = async (cell: ReturnType<Page['locator']>, name: string) => Number(await cell.getAttribute(name));

test.describe('grouped values and their significance (demo project "Seed study")', () => {
  test.describe.configure({ timeout: 300_000 });

  test('mean ± std per group, and each configuration against the base: difference, 95% CI, Welch p (Holm), significance; CSV', async ({
    page,
  }) => {
    const byConfig = await Promise.all(
      CONFIGS.map((config) =>
        taskIds(
          page.request,
          [1, 2, 3, 4, 5].map((seed) => studyName(config, seed)),
        ),
      ),
    );
    const ids = byConfig.flat();
    const values = await lastValues(page.request, ids);
    const sample = (config: number, metric: string) => byConfig[config].map((id) => values.get(id)!.get(metric)!);
    // Every metric the tasks reported (the final values, and the single value Summary/test_accuracy): each one a row.
    const METRICS = [...new Set([...values.values()].flatMap((metrics) => [...metrics.keys()]))];
    expect(METRICS).toEqual(expect.arrayContaining(['accuracy/val', 'loss/val']));

    await page.goto(compareUrl(ids, 'scalars/values', 'groupby=all'));
    const table = page.getByRole('table', { name: 'Values by group' });
    await expect(table).toBeVisible(LOADED);
    const headers = table.locator('thead th.group');
    await expect(headers).toHaveCount(4);
    // Named by what tells them apart; the seeds (seed, data_seed) are left out.
    await expect(headers.nth(0)).toContainText('label_smoothing=0, num_workers=4, warmup_steps=500');
    await expect(headers.nth(0)).toContainText('n=5');
    await expect(headers.nth(0)).toContainText('BASE');
    await expect(headers.nth(1)).toContainText('label_smoothing=0.1');
    await expect(headers.nth(2)).toContainText('warmup_steps=0');
    await expect(headers.nth(3)).toContainText('num_workers=8');
    const compareHeaders = table.locator('thead th.compare');
    await expect(compareHeaders).toHaveCount(3);
    // The per-task options do not apply to a table of groups: they are not offered.
    await expect(page.getByRole('switch', { name: 'Difference from base' })).toHaveCount(0);
    await expect(page.getByRole('switch', { name: 'Show row extremes' })).toHaveCount(0);
    await expect(compareHeaders.first()).toContainText(`Holm over ${METRICS.length} metrics`);
    await expect(compareHeaders.first()).toHaveAttribute(
      'title',
      new RegExp(`Welch's t-test .*Holm's correction over the ${METRICS.length} metrics`),
    );

    const pValues: Record<string, number[]> = {};
    for (const metric of METRICS) {
      const [name, variant] = metric.split('/');
      const row = table.locator(`tr[data-metric="${name}"][data-variant="${variant}"]`);
      const stats = row.getByTestId('group-stats');
      for (let g = 0; g < 4; g++) {
        const xs = sample(g, metric);
        const cell = stats.nth(g);
        expect(await attr(cell, 'data-n')).toBe(5);
        expect(await attr(cell, 'data-mean')).toBeCloseTo(average(xs), 10);
        expect(await attr(cell, 'data-std')).toBeCloseTo(sampleStd(xs), 10);
        await expect(cell).toContainText(`${Number(average(xs).toPrecision(6))} ± ${Number(sampleStd(xs).toPrecision(3))}`);
      }
      const comparisons = row.getByTestId('group-comparison');
      for (let g = 1; g < 4; g++) {
        const reference = welchReference(sample(0, metric), sample(g, metric));
        const cell = comparisons.nth(g - 1);
        expect(await attr(cell, 'data-diff')).toBeCloseTo(reference.diff, 10);
        expect(await attr(cell, 'data-ci-low')).toBeCloseTo(reference.low, 6);
        expect(await attr(cell, 'data-ci-high')).toBeCloseTo(reference.high, 6);
        const p = await attr(cell, 'data-p');
        expect(Math.abs(p - reference.p) / reference.p).toBeLessThan(1e-4);
        (pValues[g] ??= []).push(reference.p);
      }
    }
    // Holm over the metrics, per configuration; significant only where the interval excludes zero.
    for (let g = 1; g < 4; g++) {
      const adjusted = holm(pValues[g]);
      for (const [m, metric] of METRICS.entries()) {
        const [name, variant] = metric.split('/');
        const cell = table
          .locator(`tr[data-metric="${name}"][data-variant="${variant}"]`)
          .getByTestId('group-comparison')
          .nth(g - 1);
        expect(Math.abs((await attr(cell, 'data-p-holm')) - adjusted[m]) / adjusted[m]).toBeLessThan(1e-4);
        const low = await attr(cell, 'data-ci-low');
        const high = await attr(cell, 'data-ci-high');
        const significant = adjusted[m] < 0.05 && (low > 0 || high < 0);
        await expect(cell).toHaveAttribute('data-significant', String(significant));
      }
    }
    // The demo's story: label smoothing is truly better; no warmup only has a lucky seed; 8 workers is the same.
    const accuracy = table.locator('tr[data-metric="accuracy"][data-variant="val"]').getByTestId('group-comparison');
    await expect(accuracy.nth(0)).toHaveAttribute('data-significant', 'true');
    await expect(accuracy.nth(1)).toHaveAttribute('data-significant', 'false');
    await expect(accuracy.nth(2)).toHaveAttribute('data-significant', 'false');
    expect(Math.max(...sample(2, 'accuracy/val'))).toBeGreaterThan(Math.max(...sample(1, 'accuracy/val')));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('scalars-last-values-by-group.csv');
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    const header = csvCells(lines[0]);
    expect(header.slice(0, 2)).toEqual(['metric', 'variant']);
    const line = csvCells(lines.find((l) => l.startsWith('accuracy,val,'))!);
    const means = header.flatMap((h, i) => (h.endsWith(' mean') ? [i] : []));
    expect(means.length).toBe(4);
    for (let g = 0; g < 4; g++) {
      expect(header[means[g] + 1]).toMatch(/ std$/);
      expect(header[means[g] + 2]).toMatch(/ n$/);
      expect(Number(line[means[g]])).toBeCloseTo(average(sample(g, 'accuracy/val')), 12);
      expect(Number(line[means[g] + 1])).toBeCloseTo(sampleStd(sample(g, 'accuracy/val')), 12);
      expect(Number(line[means[g] + 2])).toBe(5);
    }
    expect(header).toContain(`${header[means[1]].replace(/ mean$/, '')} p (Holm)`);
  });

  test('at 1280 × 800 nothing a reader needs is cut: each group’s whole name, each comparison’s p-value', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const ids = (
      await Promise.all(
        CONFIGS.map((config) =>
          taskIds(
            page.request,
            [1, 2, 3, 4, 5].map((seed) => studyName(config, seed)),
          ),
        ),
      )
    ).flat();
    await page.goto(compareUrl(ids, 'scalars/values', 'groupby=all'));
    const table = page.getByRole('table', { name: 'Values by group' });
    await expect(table.getByTestId('group-comparison').first()).toContainText(/ p(=| < )\d/, LOADED);
    // The groups differ only in their names' middle or end: every name is shown whole.
    const headers = table.locator('thead th.group');
    await expect(headers).toHaveCount(4);
    for (const header of await headers.all()) {
      const name = await header.getAttribute('title');
      const cut = await header.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
      expect(cut, `header ${name} is cut`).toBe(false);
    }
    await expect(headers.nth(1)).toContainText('label_smoothing=0.1, num_workers=4, warmup_steps=500');
    // Each comparison whole, its p-value included.
    const cells = table.getByTestId('group-comparison');
    for (const cell of await cells.all()) {
      await expect(cell).toContainText(/ p(=| < )\d/);
      const cut = await cell.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(cut, `comparison ${await cell.textContent()} is cut`).toBe(false);
    }
  });

  test('one task on a side: the difference, and that no test is possible', async ({ page }) => {
    const ids = await taskIds(page.request, [...[1, 2, 3].map((seed) => studyName('base', seed)), studyName('label smoothing', 1)]);
    await page.goto(compareUrl(ids, 'scalars/values', 'groupby=params&gparams=Args%2Flabel_smoothing'));
    const cell = page
      .getByRole('table', { name: 'Values by group' })
      .locator('tr[data-metric="accuracy"][data-variant="val"]')
      .getByTestId('group-comparison');
    await expect(cell).toContainText('no test possible', LOADED);
    await expect(cell).not.toHaveAttribute('data-p');
    const values = await lastValues(page.request, ids);
    const accuracy = ids.map((id) => values.get(id)!.get('accuracy/val')!);
    expect(await attr(cell, 'data-diff')).toBeCloseTo(accuracy[3] - average(accuracy.slice(0, 3)), 10);
  });

  test('the confidence level is a choice, in the URL: intervals and headers follow it', async ({ page }) => {
    const byConfig = await Promise.all(
      ['base', 'no warmup'].map((config) =>
        taskIds(
          page.request,
          [1, 2, 3, 4, 5].map((seed) => studyName(config, seed)),
        ),
      ),
    );
    const ids = byConfig.flat();
    await page.goto(compareUrl(ids, 'scalars/values', 'groupby=all'));
    const table = page.getByRole('table', { name: 'Values by group' });
    await expect(table.locator('thead th.compare')).toContainText('Δ [95% CI]', LOADED);
    await page.getByLabel('Confidence level').selectOption('99');
    await expect(table.locator('thead th.compare')).toContainText('Δ [99% CI]');
    await expect(page).toHaveURL(/[?&]level=99(&|$)/);
    const values = await lastValues(page.request, ids);
    const sample = (g: number) => byConfig[g].map((id) => values.get(id)!.get('accuracy/val')!);
    const reference = welchReference(sample(0), sample(1), 0.99);
    const cell = table.locator('tr[data-metric="accuracy"][data-variant="val"]').getByTestId('group-comparison');
    expect(await attr(cell, 'data-ci-low')).toBeCloseTo(reference.low, 6);
    expect(await attr(cell, 'data-ci-high')).toBeCloseTo(reference.high, 6);
    await page.reload();
    await expect(table.locator('thead th.compare')).toContainText('Δ [99% CI]', LOADED);
  });
});
