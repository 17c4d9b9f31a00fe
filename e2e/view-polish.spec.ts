import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, api, compareUrl, taskIds } from './support';

const DRAWN = { timeout: 60_000 };

test.describe.configure({ timeout: 120_000 });

test('Plots: Hide all unticks every listed plot, hides the cards and is in the URL', async ({ page, request }) => {
  const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
  await page.goto(compareUrl(ids, 'metrics-plots'));
  const list = page.getByRole('complementary', { name: 'Plots' });
  await expect(list.getByRole('checkbox').first()).toBeChecked(DRAWN);
  await list.getByRole('button', { name: 'Hide all' }).click();
  await expect(page).toHaveURL(/[?&]plots=/);
  for (const box of await list.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
  await expect(page.getByText('No plot is selected.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No plot is selected.')).toBeVisible(DRAWN);
  await list.getByRole('button', { name: 'Show all' }).click();
  await expect(page).not.toHaveURL(/[?&]plots=/);
  await expect(list.getByRole('checkbox').first()).toBeChecked();
});

test('Scalars: "N of M points" is written once per chart, and clear of Plotly\'s toolbar in full screen', async ({ page, request }) => {
  const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
  await page.goto(compareUrl(ids, 'scalars/graph'));
  const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:loss:train"]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('.nsewdrag')).toBeVisible(DRAWN);
  await expect(chart.getByText(/[\d,]+ of [\d,]+ points/).first()).toBeVisible();
  await expect(chart.getByText(/[\d,]+ of [\d,]+ points/)).toHaveCount(1);

  await chart.hover();
  await chart.getByRole('button', { name: 'Show full screen' }).click();
  await expect(chart.getByRole('button', { name: 'Leave full screen' })).toBeVisible();
  const plotArea = chart.locator('.nsewdrag');
  await plotArea.hover();
  const toolbar = chart.locator('.modebar');
  await expect(toolbar).toBeVisible();
  const bar = (await toolbar.boundingBox())!;
  const label = (await chart.getByText(/[\d,]+ of [\d,]+ points/).boundingBox())!;
  const overlaps =
    label.x < bar.x + bar.width && bar.x < label.x + label.width && label.y < bar.y + bar.height && bar.y < label.y + label.height;
  expect(overlaps, `label ${JSON.stringify(label)} toolbar ${JSON.stringify(bar)}`).toBe(false);
});

test('Parallel coordinates: close values get labels that do not overlap, and the chart takes the height at 1920×1080', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `parcoords close ${Date.now()}` });
  const param = (value: string) => ({ Args: { weight_decay: { section: 'Args', name: 'weight_decay', value, type: 'float' } } });
  const ids: string[] = [];
  for (const [i, value] of ['0.0001', '0.00011', '0.00012', '0.05'].entries()) {
    ids.push(
      (
        await api<{ id: string }>(request, 'tasks.create', {
          name: `close ${i}`,
          project,
          type: 'training',
          system_tags: ['archived'],
          hyperparams: param(value),
        })
      ).id,
    );
  }
  const events = ids.map((task, i) => ({
    type: 'training_stats_scalar',
    task,
    metric: 'accuracy',
    variant: 'val',
    iter: 1,
    value: 0.5 + i / 10,
  }));
  const response = await request.post('/api/v2.31/events.add_batch', {
    headers: { 'content-type': 'application/json-lines' },
    data: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(response.ok()).toBeTruthy();

  await page.goto(compareUrl(ids, 'hyper-params/graph'));
  const chart = page.getByRole('img', { name: /^Parallel coordinates/ });
  await expect(chart).toBeVisible();
  const axis = page.locator('[data-testid="pc-axis"][data-label="Args/weight_decay"]');
  await expect(axis.getByTestId('pc-tick')).not.toHaveCount(0);
  const boxes = await axis.getByTestId('pc-tick').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `tick labels ${i} and ${j} overlap`).toBe(false);
    }
  }
  const height = (await chart.boundingBox())!.height;
  expect(height).toBeGreaterThan(1080 / 2);
});

test('the + dialog: Escape closes a column filter menu and leaves the dialog open', async ({ page, request }) => {
  const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
  await page.goto(compareUrl(ids));
  await page.getByRole('button', { name: 'Add or remove tasks' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Filter by status' }).click();
  const filter = page.getByRole('group', { name: 'Filter by status' });
  await expect(filter).toBeVisible();
  await filter.getByRole('checkbox').first().focus();
  await page.keyboard.press('Escape');
  await expect(filter).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('Details: typing a search goes to the first match without Enter', async ({ page, request }) => {
  const ids = await taskIds(request, [DEMO.baseline, DEMO.best]);
  await page.goto(compareUrl(ids, 'details'));
  await expect(page.getByTestId('side-by-side')).toBeVisible();
  await expect(page.getByTestId('details-texts-loading')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('torchvision');
  await expect(page).toHaveURL(/q=torchvision/);
  const row = page.locator('[data-testid="row"][data-row="packages:torchvision"]');
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/current/);
  await expect(page.getByTestId('match-counter')).toHaveText(/^1 \/ \d+$/);
});

test('Scalars values: the difference-from-base CSV writes the shortest decimal of each difference', async ({ page, request }) => {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `csv noise ${Date.now()}` });
  const make = async (name: string) =>
    (await api<{ id: string }>(request, 'tasks.create', { name, project, type: 'training', system_tags: ['archived'] })).id;
  const base = await make('csv base');
  const other = await make('csv other');
  const events = [
    { type: 'training_stats_scalar', task: base, metric: 'acc', variant: 'val', iter: 1, value: 0.9 },
    { type: 'training_stats_scalar', task: other, metric: 'acc', variant: 'val', iter: 1, value: 0.9344 },
    { type: 'training_stats_scalar', task: base, metric: 'loss', variant: 'val', iter: 1, value: 0.1 },
    { type: 'training_stats_scalar', task: other, metric: 'loss', variant: 'val', iter: 1, value: 0.3 },
  ];
  const response = await request.post('/api/v2.31/events.add_batch', {
    headers: { 'content-type': 'application/json-lines' },
    data: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(response.ok()).toBeTruthy();

  await page.goto(compareUrl([base, other], 'scalars/values', 'diff=1'));
  await expect(page.getByTestId('values-row')).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toBe('scalars-last-values-diff-from-base.csv');
  const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(lines[0]).toBe('metric,variant,csv base,csv other');
  expect(lines).toContain('acc,val,0.9,0.0344');
  expect(lines).toContain('loss,val,0.1,0.2');
});
