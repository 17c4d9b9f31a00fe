import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { stableId } from '../server/src/import/writer';
import { compareUrl, row } from './support';

/**
 * TensorBoard and MLflow runs imported with `npm run import` into the database of the running
 * server (the command line's own process, as a user runs it), then compared on every tab.
 */
const ROOT = join(__dirname, '..');
const TB_PROJECT = 'TensorBoard e2e';
const MLFLOW_PROJECT = 'MLflow e2e';
const tb = (run: string) => stableId('tensorboard', TB_PROJECT, run);
const mlflow = (runId: string) => stableId('mlflow', runId);
const ADAM = mlflow('3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f');
const SGD = mlflow('8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d');
/** Drawing waits (Plotly loads on first use; the machine may be busy). */
const DRAWN = { timeout: 45_000 };

function importRuns(kind: string, dir: string, project: string) {
  const data = process.env['E2E_DATA_DIR']!;
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/src/import/cli.ts',
      kind,
      dir,
      '--project',
      project,
      '--db',
      join(data, 'compare.db'),
      '--files',
      join(data, 'files'),
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
}

function gridRow(page: Page, id: string) {
  return page.locator(`[data-testid="row"][data-row="${id}"]`);
}

test.describe('imported TensorBoard and MLflow runs', () => {
  // The import runs before the first page; charts and thumbnails wait for Plotly and the files.
  // In one worker, in order: the import (beforeAll) runs once, not once per worker.
  test.describe.configure({ mode: 'default', timeout: 120_000 });

  test.beforeAll(() => {
    importRuns('tensorboard', 'server/test/fixtures/tensorboard/logs', TB_PROJECT);
    importRuns('mlflow', 'server/test/fixtures/mlflow/mlruns', MLFLOW_PROJECT);
  });

  test('the task table lists the imported runs with their status', async ({ page }) => {
    await page.goto('/tasks');
    await page.getByTestId('task-search').fill('seed-1');
    await expect(row(page, 'sweep/seed-1')).toBeVisible(DRAWN);
    await expect(row(page, 'sweep/seed-1').locator('app-status-chip')).toHaveText('completed');
    await page.getByTestId('task-search').fill('sgd-lr-0.1');
    await expect(row(page, 'sgd-lr-0.1').locator('app-status-chip')).toHaveText('failed', DRAWN);
  });

  test('Scalars draws the TensorBoard and MLflow series side by side', async ({ page }) => {
    await page.goto(`${compareUrl([tb('baseline'), ADAM], 'scalars/graph')}?metrics=loss:train`);
    const chart = page.getByTestId('scalar-chart').first();
    await expect(chart.locator('.main-svg').first()).toBeVisible(DRAWN);
    const traces = () =>
      chart
        .locator('.js-plotly-plot')
        .evaluate((el) => (el as unknown as { data: { x: number[] }[] }).data.filter((t) => t.x?.length).map((t) => Math.max(...t.x)));
    // baseline's last step is 49; the MLflow run's 19.
    await expect.poll(async () => (await traces()).sort((a, b) => a - b), DRAWN).toEqual([19, 49]);
  });

  test('Hyperparameters shows the HParams session and the MLflow params', async ({ page }) => {
    await page.goto(compareUrl([tb('lr-0.01'), ADAM, SGD], 'hyper-params/values'));
    await expect(page.getByTestId('side-by-side')).toBeVisible(DRAWN);
    await expect(gridRow(page, 'hparams/lr').locator('[data-testid="cell"][data-col="0"]')).toHaveText('0.01');
    await expect(gridRow(page, 'mlflow/lr').locator('[data-testid="cell"][data-col="1"]')).toHaveText('0.001');
    await expect(gridRow(page, 'mlflow/optimizer').locator('[data-testid="cell"][data-col="2"]')).toHaveText('sgd');
  });

  test('Debug samples shows the TensorBoard images from the files folder', async ({ page }) => {
    await page.goto(compareUrl([tb('baseline'), tb('lr-0.01')], 'debug-images'));
    const thumb = page.getByTestId('sample-column').first().getByTestId('sample-thumb').first();
    await expect(thumb).toBeVisible(DRAWN);
    await expect
      .poll(
        () =>
          thumb
            .locator('img')
            .first()
            .evaluate((img) => (img as HTMLImageElement).naturalWidth),
        DRAWN,
      )
      .toBe(16);
  });

  test('Plots shows the histogram at the last step and the text summaries', async ({ page }) => {
    await page.goto(compareUrl([tb('baseline'), tb('sweep/seed-1')], 'metrics-plots'));
    await expect(page.getByTestId('plot-card').first()).toBeVisible(DRAWN);
    const keys = await page.getByTestId('plot-card').evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
    expect(keys).toEqual(expect.arrayContaining(['weights/fc1', 'notes/text_summary']));
  });
});
