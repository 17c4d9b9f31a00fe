import { expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskIds } from './support';

/** The page loads the tasks and their metrics first: on a busy machine that takes a while. */
const LOADED = { timeout: 60_000 };
const CIFAR = [DEMO.baseline, DEMO.best, DEMO.failed, DEMO.seed1, 'resnet18 adam lr=0.0003'];

test.describe('scalars legend: differing hyperparameters', () => {
  test.describe.configure({ timeout: 240_000 });

  test('shows what varies most between the tasks first; the user picks what it shows, kept in the URL', async ({ page }) => {
    const ids = await taskIds(page.request, CIFAR);
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const legend = page.getByRole('list', { name: 'Tasks (click to hide or show)' });
    const item = (name: string) => legend.getByRole('listitem').filter({ hasText: name }).getByRole('button');
    const baseline = item(DEMO.baseline);
    // (The task's name has "lr=0.03" in it too; the parameters follow it, separated by commas.)
    // The learning rate differs in every task, the optimizer in three ways: both come before parameters that differ less.
    await expect(baseline).toContainText('lr=0.03, ', LOADED);
    await expect(baseline).toContainText('optimizer=sgd');
    const text = (await baseline.textContent()) ?? '';
    expect(text.indexOf('lr=0.03, ')).toBeLessThan(text.indexOf('optimizer='));
    expect(text).not.toContain('amp=');

    // Pick what the legend shows: only the augmentation.
    await page.getByRole('button', { name: /Legend parameters/ }).click();
    const menu = page.getByRole('menu');
    await menu.getByRole('button', { name: 'None' }).click();
    await expect(page).toHaveURL(/lparams=/);
    await expect(baseline).not.toContainText('optimizer=');
    await menu.getByRole('checkbox', { name: /\/augment$/ }).check();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(page).toHaveURL(/lparams=[^&]*augment/);
    await expect(baseline).toContainText('augment=standard');
    await expect(baseline).not.toContainText('optimizer=');
    await expect(item(DEMO.best)).toContainText('augment=randaugment');

    await page.reload();
    await expect(baseline).toContainText('augment=standard', LOADED);
    await expect(baseline).not.toContainText('optimizer=');
    await expect(page.getByRole('button', { name: /Legend parameters \(1\)/ })).toBeVisible();

    // Back to the automatic choice.
    await page.getByRole('button', { name: /Legend parameters/ }).click();
    await page.getByRole('menu').getByRole('button', { name: 'Automatic' }).click();
    await expect(page).not.toHaveURL(/lparams=/);
    await expect(baseline).toContainText('optimizer=sgd');
  });
});
