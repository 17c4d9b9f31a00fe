import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskIds } from './support';

const SPEECH = { crnn: 'kws crnn', conformer: 'kws conformer-tiny', baseline: 'kws cnn-small baseline' };

function column(page: Page, id: string) {
  return page.locator(`app-sample-column[data-task-id="${id}"]`);
}

async function chooseMetric(page: Page, id: string, metric: string): Promise<void> {
  await column(page, id).getByTestId('metric-select').click();
  await page.getByRole('option', { name: metric, exact: true }).click();
}

async function api<T>(request: APIRequestContext, endpoint: string, data: unknown): Promise<T> {
  const response = await request.post(`/api/v2.31/${endpoint}`, { data });
  expect(response.ok(), `${endpoint}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { data: T }).data;
}

/** Archived tasks in a project of their own, so the demo table stays as the other specs expect. */
async function fixtureTasks(request: APIRequestContext, count: number, label: string): Promise<string[]> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e debug samples ${label} ${Date.now()}` });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${label} ${String(i).padStart(3, '0')}`;
    const { id } = await api<{ id: string }>(request, 'tasks.create', { name, project, type: 'training', system_tags: ['archived'] });
    ids.push(id);
  }
  return ids;
}

test.describe('debug samples', () => {
  test('a column per task; older/newer/newest and the metric select move it; reload restores it', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.failed]);
    await page.goto(compareUrl(ids, 'debug-images'));
    await expect(page.getByTestId('sample-column')).toHaveCount(3);
    await expect(page.getByTestId('column-task-name')).toHaveText([DEMO.best, DEMO.baseline, DEMO.failed]);

    const first = column(page, ids[0]);
    await expect(first.getByTestId('sample-thumb').first()).toBeVisible();
    const newest = Number(await first.getAttribute('data-iter'));
    expect(newest).toBeGreaterThan(0);
    await expect(first.getByTestId('newer-button')).toBeDisabled();
    await expect(first.getByTestId('newest-button')).toBeDisabled();
    await expect(first.locator('img').first()).toHaveAttribute('loading', 'lazy');
    // Every thumbnail of the column is at the iteration shown, captioned with it.
    for (const iter of await first.getByTestId('sample-thumb').evaluateAll((els) => els.map((e) => e.getAttribute('data-iter')))) {
      expect(Number(iter)).toBe(newest);
    }

    await first.getByTestId('older-button').click();
    await expect.poll(async () => Number(await first.getAttribute('data-iter'))).toBeLessThan(newest);
    const older = Number(await first.getAttribute('data-iter'));
    await expect(first.getByTestId('newer-button')).toBeEnabled();
    await expect(first.getByTestId('sample-thumb').first()).toContainText(`iteration ${older}`);
    // The other columns did not move (sync is off).
    await expect(column(page, ids[1]).getByTestId('newer-button')).toBeDisabled();

    await chooseMetric(page, ids[0], 'augmentations');
    await expect(first.getByTestId('sample-thumb').first()).toHaveAttribute('data-metric', 'augmentations');
    const metrics = await first.getByTestId('sample-thumb').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')));
    expect(new Set(metrics)).toEqual(new Set(['augmentations']));
    await expect(column(page, ids[1]).locator('[data-metric="predictions"]').first()).toBeVisible();
    const shownBefore = await first.getAttribute('data-iter');
    await expect(page).toHaveURL(/cols=/);

    await page.reload();
    await expect(column(page, ids[0]).getByTestId('sample-thumb').first()).toHaveAttribute('data-metric', 'augmentations');
    await expect(column(page, ids[0])).toHaveAttribute('data-iter', shownBefore!);

    await column(page, ids[0]).getByTestId('newest-button').click();
    await expect(column(page, ids[0]).getByTestId('newest-button')).toBeDisabled();
    await expect(column(page, ids[0]).getByTestId('newer-button')).toBeDisabled();
  });

  test('sync aligns every column to the same iteration, marking the nearest; jump takes all columns there', async ({ page, request }) => {
    const ids = await taskIds(request, [SPEECH.crnn, SPEECH.conformer, SPEECH.baseline]);
    await page.goto(compareUrl(ids, 'debug-images'));
    const [crnn, conformer, baseline] = ids.map((id) => column(page, id));
    await expect(crnn).toHaveAttribute('data-iter', '1000');
    await expect(conformer).toHaveAttribute('data-iter', '520');
    await expect(baseline).toHaveAttribute('data-iter', '800');

    await page.getByTestId('sync-toggle').click();
    await expect(page).toHaveURL(/sync=1/);
    await crnn.getByTestId('older-button').click();
    await expect(crnn).toHaveAttribute('data-iter', '800');
    await expect(baseline).toHaveAttribute('data-iter', '800');
    await expect(conformer).toHaveAttribute('data-iter', '520');
    await expect(conformer.getByTestId('nearest-marker')).toHaveText(/nearest to 800/);
    await expect(crnn.getByTestId('nearest-marker')).toHaveCount(0);

    await crnn.getByTestId('older-button').click();
    await expect(crnn).toHaveAttribute('data-iter', '600');
    await expect(baseline).toHaveAttribute('data-iter', '600');
    await expect(conformer).toHaveAttribute('data-iter', '520');

    // A metric picked in one column is picked in all.
    await chooseMetric(page, ids[0], 'spectrogram');
    await expect(crnn.getByTestId('sample-thumb').first()).toHaveAttribute('data-metric', 'spectrogram');
    await expect(baseline.getByTestId('column-empty')).toContainText('no samples for “spectrogram”');
    await chooseMetric(page, ids[0], 'All');

    await page.getByTestId('jump-input').fill('400');
    await page.getByTestId('jump-input').press('Enter');
    await expect(page).toHaveURL(/iter=400/);
    for (const c of [crnn, conformer, baseline]) await expect(c).toHaveAttribute('data-iter', '400');

    await page.reload();
    for (const c of [crnn, conformer, baseline]) await expect(c).toHaveAttribute('data-iter', '400');
    await expect(page.getByTestId('sync-toggle').getByRole('switch')).toHaveAttribute('aria-checked', 'true');

    // Jump without sync still takes every column there.
    await page.getByTestId('sync-toggle').click();
    await page.getByTestId('jump-input').fill('700');
    await page.getByTestId('jump-button').click();
    await expect(crnn).toHaveAttribute('data-iter', '600');
    await expect(crnn.getByTestId('nearest-marker')).toHaveText(/nearest to 700/);
    await expect(conformer).toHaveAttribute('data-iter', '520');
    await expect(baseline).toHaveAttribute('data-iter', '600');
  });
});
