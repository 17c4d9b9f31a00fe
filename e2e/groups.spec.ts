import { expect, test } from '@playwright/test';
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

  test('a grouping link with a value of the wrong form falls back to no groups and says so', async ({ page }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, DEMO.seed1]);
    await page.goto(compareUrl(ids, 'scalars/values', 'groupby=seeds'));
    await expect(page.getByRole('button', { name: 'Group by: none' })).toBeVisible(LOADED);
    await expect(page.getByText(/groupby="seeds" \(using no groups\)/)).toBeVisible();
  });
});
