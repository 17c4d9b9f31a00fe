import { expect, test } from '@playwright/test';
import { DEMO, headerIds, idsInUrl, pick, row, taskHeaders, taskIds } from './support';

test.describe('task table', () => {
  test('lists demo tasks with status chips, archived ones hidden until asked', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(row(page, DEMO.baseline)).toBeVisible();
    await expect(row(page, DEMO.failed).locator('app-status-chip')).toHaveText('failed');
    await expect(row(page, DEMO.archived)).toHaveCount(0);
    // Other specs add tasks of their own: search keeps this independent of what else is listed.
    await page.getByRole('searchbox', { name: 'Search tasks by name or id' }).fill('old script');
    await expect(page).toHaveURL(/q=old/);
    await expect(page.getByText('No tasks match these filters.')).toBeVisible();
    await page.getByRole('switch', { name: 'Show archived', exact: true }).click();
    await expect(page).toHaveURL(/archived=1/);
    await expect(row(page, DEMO.archived)).toBeVisible();
  });

  test('searches by name, sorts by a header and filters from a header, all in the URL', async ({ page }) => {
    await page.goto('/tasks');
    await page.getByRole('searchbox', { name: 'Search tasks by name or id' }).fill('adamw');
    await expect(page).toHaveURL(/q=adamw/);
    const names = page.locator('tr[data-task-id] td.name-cell');
    // The rows come from the server after the URL changes: wait for the answer, not for the URL.
    await expect.poll(async () => (await names.allTextContents()).every((name) => name.includes('adamw'))).toBe(true);
    await expect(names.first()).toContainText('adamw');

    await page.getByRole('button', { name: 'Name' }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect
      .poll(async () => {
        const sorted = await names.allTextContents();
        return sorted.length > 1 && sorted.every((name, i) => i === 0 || sorted[i - 1].localeCompare(name) <= 0);
      })
      .toBe(true);

    await page.getByRole('searchbox', { name: 'Search tasks by name or id' }).fill('');
    await page.getByRole('button', { name: 'Filter by status' }).click();
    await page.getByRole('checkbox', { name: 'failed' }).check();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/status=failed/);
    const statuses = page.locator('tr[data-task-id] app-status-chip');
    await expect.poll(async () => (await statuses.allTextContents()).every((status) => status.trim() === 'failed')).toBe(true);
    await expect(statuses.first()).toHaveText('failed');

    await page.reload();
    await expect(page.getByRole('checkbox', { name: /Select resnet/ }).first()).toBeVisible();
    for (const status of await page.locator('tr[data-task-id] app-status-chip').allTextContents()) expect(status.trim()).toBe('failed');
  });

  test('selecting tasks shows the batch bar; COMPARE opens Details with them, first picked as base', async ({ page, request }) => {
    const [baseline, best, failed] = await taskIds(request, [DEMO.baseline, DEMO.best, DEMO.failed]);
    await page.goto('/tasks');
    await pick(row(page, DEMO.best).getByRole('checkbox'));
    await expect(page.getByRole('toolbar', { name: 'Selected tasks' })).toHaveCount(0);
    await pick(row(page, DEMO.baseline).getByRole('checkbox'));
    await pick(row(page, DEMO.failed).getByRole('checkbox'));
    await expect(page.getByRole('toolbar', { name: 'Selected tasks' })).toContainText('3 tasks selected');
    await page.getByRole('button', { name: 'COMPARE', exact: true }).click();
    await expect(page).toHaveURL(/\/compare-tasks;ids=.*\/details$/);
    expect(idsInUrl(page)).toEqual([best, baseline, failed]);
    await expect(taskHeaders(page).first()).toContainText(DEMO.best);
    expect(await headerIds(page)).toEqual([best, baseline, failed]);
  });

  test('the paginator and the filter menus load once the page is idle; the page size goes into the URL', async ({ page }) => {
    await page.goto('/tasks?archived=1');
    const paginator = page.locator('mat-paginator');
    await expect(paginator).toContainText(/1 – \d+ of \d+/);
    await expect(page.getByTestId('paginator-placeholder')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Filter by type' })).toBeEnabled();
    // (Material lays a touch target over the page-size select, which takes the click.)
    await paginator.locator('.mat-mdc-paginator-touch-target').click();
    await page.getByRole('option', { name: '100' }).click();
    await expect(page).toHaveURL(/size=100/);
    await page.reload();
    await expect(page.locator('mat-paginator')).toContainText('Items per page');
    await expect(page.locator('mat-paginator').getByRole('combobox')).toContainText('100');
  });

  test('shift-click selects a range of rows', async ({ page }) => {
    await page.goto('/tasks?sort=name');
    const boxes = page.locator('tr[data-task-id]').getByRole('checkbox');
    await pick(boxes.nth(1));
    await boxes.nth(4).click({ modifiers: ['Shift'] });
    await expect(page.getByRole('toolbar', { name: 'Selected tasks' })).toContainText('4 tasks selected');
  });

  test('the header row stays in view while the rows scroll under it', async ({ page }) => {
    await page.setViewportSize({ width: 1200, height: 420 });
    await page.goto('/tasks?archived=1');
    await expect(page.locator('tr[data-task-id]').nth(5)).toBeVisible();
    const scroller = page.locator('.table-scroll');
    const header = page.getByRole('button', { name: 'Name' });
    const top = async () => (await header.boundingBox())!.y;
    const before = await top();
    await scroller.evaluate((el) => (el.scrollTop = 200));
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    expect(Math.abs((await top()) - before)).toBeLessThan(2);
    await expect(header).toBeVisible();
  });
  for (const viewport of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    test(`at ${viewport.width}×${viewport.height} the demo users' names are shown whole in the User column; Name is the widest column`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto('/tasks');
      await expect(row(page, DEMO.baseline)).toBeVisible();
      const column = await page
        .getByRole('columnheader')
        .evaluateAll((headers) => headers.findIndex((h) => h.textContent!.trim() === 'User'));
      expect(column).toBeGreaterThan(0);
      const cells = page.locator(`tr[data-task-id] > td:nth-child(${column + 1})`);
      const users = await cells.evaluateAll((tds) =>
        tds.map((td) => ({ text: td.textContent!.trim(), cut: td.scrollWidth > td.clientWidth })),
      );
      expect(users.filter((u) => u.text).length).toBeGreaterThan(5);
      expect(users.filter((u) => u.cut).map((u) => u.text)).toEqual([]);
      // The name is what tells tasks apart: the other columns take what they need, Name the rest.
      const widths = await page
        .getByRole('columnheader')
        .evaluateAll((headers) => headers.map((h) => ({ name: h.textContent!.trim(), width: h.getBoundingClientRect().width })));
      const name = widths.find((w) => w.name.startsWith('Name'))!;
      for (const other of widths.filter((w) => w !== name)) expect(name.width, other.name).toBeGreaterThan(other.width + 40);
      // A first tag wider than its cell is cut inside its chip, not by the cell's edge.
      const tags = await page.locator('tr[data-task-id] .tags').evaluateAll((lists) =>
        lists.flatMap((list) => {
          const first = list.querySelector('.tag');
          return first
            ? [{ tag: first.textContent, within: first.getBoundingClientRect().right <= list.getBoundingClientRect().right + 0.5 }]
            : [];
        }),
      );
      expect(tags.length).toBeGreaterThan(5);
      expect(tags.filter((t) => !t.within).map((t) => t.tag)).toEqual([]);
      // Narrower than 1180 px, Started and Iterations make room for it.
      const shown = widths.filter((w) => w.width > 0).map((w) => w.name);
      for (const column of ['Started', 'Iterations'])
        expect(
          shown.some((n) => n.startsWith(column)),
          column,
        ).toBe(viewport.width >= 1180);
    });
  }
});
