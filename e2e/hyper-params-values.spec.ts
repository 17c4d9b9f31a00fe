import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { DEMO, api, compareUrl, idsInUrl, taskIds } from './support';

function gridRow(page: Page, id: string) {
  return page.locator(`[data-testid="row"][data-row="${id}"]`);
}

function cell(page: Page, rowId: string, col: number) {
  return gridRow(page, rowId).locator(`[data-testid="cell"][data-col="${col}"]`);
}

const param = (section: string, name: string, value: string, type = 'float') => ({
  section,
  name,
  value,
  type,
  description: `${name} doc`,
});

/** Two archived tasks in a project of their own whose values differ only in how numbers are written. */
async function numericFixture(request: APIRequestContext): Promise<string[]> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e hp values ${Date.now()}` });
  const make = async (name: string, lr: string, batch: string) =>
    (
      await api<{ id: string }>(request, 'tasks.create', {
        name,
        project,
        type: 'training',
        system_tags: ['archived'],
        hyperparams: { Args: { lr: param('Args', 'lr', lr), batch_size: param('Args', 'batch_size', batch, 'int') } },
      })
    ).id;
  return [await make('hp numbers a', '0.10', '128'), await make('hp numbers b', '0.1', '256')];
}

test.describe('hyperparameters values', () => {
  test('section → name → value across tasks, differences marked, type and description in the tooltip', async ({ page }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, DEMO.best]);
    await page.goto(compareUrl(ids, 'hyper-params/values'));
    await expect(page.getByTestId('side-by-side')).toBeVisible();
    await expect(page.locator('[data-section="section:hp:Args"]')).toBeVisible();
    await expect(cell(page, 'Args/lr', 0)).toHaveText('0.03');
    await expect(cell(page, 'Args/lr', 1)).toHaveText('0.003');
    await expect(cell(page, 'Args/lr', 1)).toHaveClass(/changed/);
    await expect(gridRow(page, 'General/dataset')).not.toHaveClass(/differs/);
    await expect(gridRow(page, 'Args/lr').getByTestId('row-label')).toHaveAttribute('title', /type: float.*initial learning rate/);

    await page.getByRole('switch', { name: 'Hide identical fields' }).click();
    await expect(gridRow(page, 'General/dataset')).toHaveCount(0);
    await expect(gridRow(page, 'Args/lr')).toBeVisible();
    await page.getByRole('button', { name: 'Next difference', exact: true }).click();
    await expect(page.locator('[data-testid="row"].current')).toHaveAttribute('data-row', 'Args/lr');
    await expect(page.getByTestId('diff-counter')).toHaveText(/^1 \/ \d+$/);
  });

  test('numbers compare as numbers: 0.10 equals 0.1', async ({ page }) => {
    const ids = await numericFixture(page.request);
    await page.goto(compareUrl(ids, 'hyper-params/values'));
    await expect(cell(page, 'Args/lr', 0)).toHaveText('0.10');
    await expect(cell(page, 'Args/lr', 1)).toHaveText('0.1');
    await expect(cell(page, 'Args/lr', 1)).not.toHaveClass(/changed/);
    await expect(cell(page, 'Args/batch_size', 1)).toHaveClass(/changed/);
    await expect(page.getByTestId('diff-counter')).toHaveText('– / 1');
  });

  test('search and hide identical come back from the URL; a new base re-compares', async ({ page }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, DEMO.best, DEMO.seed1]);
    await page.goto(compareUrl(ids, 'hyper-params/values', 'hide=1&q=seed'));
    await expect(page.getByRole('searchbox', { name: 'Search fields and values' })).toHaveValue('seed');
    await expect(page.getByRole('switch', { name: 'Hide identical fields' })).toBeChecked();
    await expect(gridRow(page, 'Args/seed')).toHaveClass(/match/);
    await expect(cell(page, 'Args/seed', 1)).not.toHaveClass(/changed/);
    await expect(cell(page, 'Args/seed', 2)).toHaveClass(/changed/);
    const third = page.getByTestId('card-header').nth(2);
    await third.hover();
    await third.getByRole('button', { name: 'Set as base task', exact: true }).click();
    await expect.poll(() => idsInUrl(page)).toEqual([ids[2], ids[0], ids[1]]);
    await expect(cell(page, 'Args/seed', 0)).toHaveText('1');
    await expect(cell(page, 'Args/seed', 1)).toHaveClass(/changed/);
    await expect(cell(page, 'Args/seed', 2)).toHaveClass(/changed/);
  });
});
