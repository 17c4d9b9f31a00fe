import { Page, expect, test } from '@playwright/test';
import { DEMO, compareUrl, idsInUrl, taskIds } from './support';

function gridRow(page: Page, id: string) {
  return page.locator(`[data-testid="row"][data-row="${id}"]`);
}

function cell(page: Page, rowId: string, col: number) {
  return gridRow(page, rowId).locator(`[data-testid="cell"][data-col="${col}"]`);
}

async function openDetails(page: Page, names: string[], query = ''): Promise<string[]> {
  const ids = await taskIds(page.request, names);
  await page.goto(compareUrl(ids, 'details', query));
  await expect(page.getByTestId('side-by-side')).toBeVisible();
  // The long texts (packages, diffs, configuration) come after the other fields.
  await expect(page.getByTestId('details-texts-loading')).toHaveCount(0);
  await expect(page.getByTestId('details-comparing')).toHaveCount(0);
  return ids;
}

test.describe('details tab', () => {
  test('models: names, URIs and frameworks come from one models.get_all_ex call for all tasks', async ({ page }) => {
    const calls: { id?: string[] }[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/models.get_all_ex')) calls.push(r.postDataJSON() as { id?: string[] });
    });
    await openDetails(page, [DEMO.baseline, DEMO.best]);
    // (The grid draws the rows in view: the search scrolls to them.)
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('imagenet_pretrained');
    await page.getByRole('searchbox', { name: 'Search fields and values' }).press('Enter');
    await expect(cell(page, 'input:Input Model.name', 0)).toHaveText('resnet18_imagenet_pretrained');
    await expect(gridRow(page, 'input:Input Model.name')).not.toHaveClass(/differs/);
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('acme-ml-models');
    await page.getByRole('searchbox', { name: 'Search fields and values' }).press('Enter');
    await expect(cell(page, 'output:Output Model.uri', 1)).toContainText('s3://acme-ml-models/cifar10-sweep/');
    await expect(cell(page, 'output:Output Model.name', 0)).toHaveText(`${DEMO.baseline} - best`);
    await expect(cell(page, 'output:Output Model.name', 1)).toHaveText(`${DEMO.best} - best`);
    await expect(cell(page, 'output:Output Model.framework', 0)).toHaveText('PyTorch');
    expect(calls.length).toBe(1);
    // Both tasks' input model (the same one) and their two output models.
    expect(new Set(calls[0].id).size).toBe(3);
  });

  test('cards line up fields; differences are marked against the base, identical fields are not', async ({ page }) => {
    const ids = await openDetails(page, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await expect(page.getByTestId('card-header')).toHaveCount(3);
    await expect(page.getByTestId('card-header').first()).toHaveAttribute('data-task-id', ids[0]);
    await expect(cell(page, 'name', 0)).toHaveText(DEMO.baseline);
    await expect(cell(page, 'name', 1)).toHaveText(DEMO.best);
    await expect(cell(page, 'name', 1)).toHaveClass(/changed/);
    await expect(cell(page, 'name', 0)).not.toHaveClass(/changed/);
    await expect(cell(page, 'project', 1)).not.toHaveClass(/changed/);
    await expect(gridRow(page, 'project')).not.toHaveClass(/differs/);

    // A configuration object compared as a tree: the changed nested key is its own row.
    // (sgd has a momentum, adamw does not).
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('nesterov');
    await page.getByRole('searchbox', { name: 'Search fields and values' }).press('Enter');
    await expect(gridRow(page, 'config:config.yaml.optimizer.nesterov')).toHaveClass(/current/);
    const momentum = gridRow(page, 'config:config.yaml.optimizer.momentum');
    await expect(momentum).toBeVisible();
    await expect(momentum.getByTestId('row-label')).toHaveText('momentum');
    await expect(cell(page, 'config:config.yaml.optimizer.momentum', 0)).toHaveText('0.9');
    await expect(cell(page, 'config:config.yaml.optimizer.momentum', 1)).toHaveText('missing');
    await expect(cell(page, 'config:config.yaml.optimizer.momentum', 1)).toHaveClass(/changed/);
    await expect(gridRow(page, 'config:config.yaml.optimizer.lr')).toHaveClass(/differs/);
    await expect(gridRow(page, 'config:config.yaml.optimizer.name')).toHaveClass(/differs/);

    // The raw-text toggle shows the same configuration as aligned lines instead.
    await page.getByRole('switch', { name: 'Configuration as raw text', exact: true }).click();
    await expect(page).toHaveURL(/raw=1/);
    await expect(momentum).toHaveCount(0);
    await expect(page.locator('[data-testid="row"][data-row^="config:config.yaml#"]').first()).toBeVisible();
  });

  test('hide identical removes equal rows and folds sections without differences', async ({ page }) => {
    await openDetails(page, [DEMO.baseline, DEMO.seed1]);
    await expect(gridRow(page, 'project')).toBeVisible();
    const before = await page.getByTestId('diff-counter').textContent();
    await page.getByRole('switch', { name: 'Hide identical fields' }).click();
    await expect(page).toHaveURL(/hide=1/);
    await expect(gridRow(page, 'project')).toHaveCount(0);
    await expect(gridRow(page, 'name')).toBeVisible();
    await expect(page.getByTestId('diff-counter')).toHaveText(before ?? '');
    await page.getByRole('switch', { name: 'Hide identical fields' }).click();
    await expect(gridRow(page, 'project')).toBeVisible();
  });

  test('next / previous difference walk the differing rows with a counter, wrapping around', async ({ page }) => {
    await openDetails(page, [DEMO.baseline, DEMO.best]);
    const counter = page.getByTestId('diff-counter');
    await expect(counter).toHaveText(/^– \/ \d+$/);
    const total = Number((await counter.textContent())!.split('/')[1]);
    expect(total).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Next difference', exact: true }).click();
    await expect(counter).toHaveText(`1 / ${total}`);
    const first = page.locator('[data-testid="row"].current');
    await expect(first).toHaveClass(/differs/);
    const firstId = await first.getAttribute('data-row');
    await page.getByRole('button', { name: 'Next difference', exact: true }).click();
    await expect(counter).toHaveText(`2 / ${total}`);
    await expect(page.locator('[data-testid="row"].current')).not.toHaveAttribute('data-row', firstId ?? '');
    await page.getByRole('button', { name: 'Previous difference', exact: true }).click();
    await page.getByRole('button', { name: 'Previous difference', exact: true }).click();
    await expect(counter).toHaveText(`${total} / ${total}`);
    await expect(page.locator('[data-testid="row"].current')).toBeVisible();
    // Keyboard: n goes on from here (wrapping to the first).
    await page.getByTestId('side-by-side').focus();
    await page.keyboard.press('n');
    await expect(counter).toHaveText(`1 / ${total}`);
    await expect(page.locator('[data-testid="row"].current')).toHaveAttribute('data-row', firstId ?? '');
  });

  test('search finds a package, with a match counter', async ({ page }) => {
    await openDetails(page, [DEMO.baseline, DEMO.best]);
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('torchvision');
    await page.getByRole('searchbox', { name: 'Search fields and values' }).press('Enter');
    await expect(page).toHaveURL(/q=torchvision/);
    const row = gridRow(page, 'packages:torchvision');
    await expect(row).toBeVisible();
    await expect(row).toHaveClass(/match/);
    await expect(row).toHaveClass(/current/);
    await expect(page.getByTestId('match-counter')).toHaveText(/^1 \/ \d+$/);
    await expect(cell(page, 'packages:torchvision', 0)).toContainText('torchvision==');
  });

  test('a new base re-compares at once', async ({ page }) => {
    const ids = await openDetails(page, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await expect(cell(page, 'name', 0)).not.toHaveClass(/changed/);
    const second = page.getByTestId('card-header').nth(1);
    await second.hover();
    await second.getByRole('button', { name: 'Set as base task', exact: true }).click();
    await expect.poll(() => idsInUrl(page)).toEqual([ids[1], ids[0], ids[2]]);
    await expect(page.getByTestId('card-header').first()).toHaveAttribute('data-task-id', ids[1]);
    await expect(cell(page, 'name', 0)).toHaveText(DEMO.best);
    await expect(cell(page, 'name', 0)).not.toHaveClass(/changed/);
    await expect(cell(page, 'name', 1)).toHaveText(DEMO.baseline);
    await expect(cell(page, 'name', 1)).toHaveClass(/changed/);
  });

  test('hide identical, search and collapsed sections survive a reload', async ({ page }) => {
    await openDetails(page, [DEMO.baseline, DEMO.best]);
    await page.locator('[data-section="section:general"] button').click();
    await expect(page).toHaveURL(/collapsed=general/);
    await expect(gridRow(page, 'name')).toHaveCount(0);
    await page.getByRole('switch', { name: 'Hide identical fields' }).click();
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('branch');
    await expect(page).toHaveURL(/q=branch/);
    await page.reload();
    await expect(page.getByTestId('side-by-side')).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Hide identical fields' })).toBeChecked();
    await expect(page.getByRole('searchbox', { name: 'Search fields and values' })).toHaveValue('branch');
    await expect(page.locator('[data-section="section:general"] button')).toHaveAttribute('aria-expanded', 'false');
    await expect(gridRow(page, 'name')).toHaveCount(0);
    await expect(gridRow(page, 'project')).toHaveCount(0);
  });

  test('the cards show every field at once while the long texts load; texts that fail to load can be asked for again', async ({ page }) => {
    const ids = await taskIds(page.request, [DEMO.baseline, DEMO.best]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let failures = 1;
    await page.route('**/tasks.get_all_ex', async (route) => {
      if (!(route.request().postDataJSON()?.only_fields ?? []).includes('script.diff')) return route.continue();
      await released;
      if (failures-- > 0) {
        return route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ meta: { result_code: 500, result_msg: 'Texts are down' }, data: {} }),
        });
      }
      return route.continue();
    });
    await page.goto(compareUrl(ids, 'details'));
    await expect(cell(page, 'name', 1)).toHaveText(DEMO.best);
    await page.getByRole('button', { name: 'Next difference', exact: true }).click();
    await expect(page.getByTestId('diff-counter')).toHaveText(/^1 \/ \d+$/);
    await expect(page.locator('[data-testid="row"].current')).toHaveClass(/differs/);
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('Uncommitted');
    await page.getByRole('searchbox', { name: 'Search fields and values' }).press('Enter');
    await expect(gridRow(page, 'texts-loading')).toHaveClass(/current/);
    await expect(page.getByTestId('details-texts-loading')).toHaveText(/0 of 2 tasks/);
    await expect(gridRow(page, 'packages:torchvision')).toHaveCount(0);

    release();
    await expect(page.getByTestId('details-texts-error')).toContainText('Texts are down');
    await expect(gridRow(page, 'texts-loading')).toBeVisible();
    // A search made before the packages are in goes to the first match once they are.
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('torchvision');
    await page.getByRole('searchbox', { name: 'Search fields and values' }).press('Enter');
    await expect(page.getByTestId('match-counter')).toHaveText('0 / 0');
    await page.getByTestId('details-texts-error').getByRole('button', { name: 'Try again' }).click();
    await expect(gridRow(page, 'packages:torchvision')).toHaveClass(/current/);
    await expect(gridRow(page, 'packages:torchvision')).toBeVisible();
    await expect(gridRow(page, 'texts-loading')).toHaveCount(0);
    await expect(page.getByTestId('details-texts-loading')).toHaveCount(0);
    await expect(page.getByTestId('details-texts-error')).toHaveCount(0);
  });
});
