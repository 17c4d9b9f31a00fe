import { expect, test } from '@playwright/test';
import { DEMO, compareUrl, headerIds, idsInUrl, pick, taskHeaders, taskIds } from './support';

test.describe('compare page shell', () => {
  test('switching tabs changes the URL; reload and back keep tab and order', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.failed]);
    await page.goto(compareUrl(ids));
    await expect(taskHeaders(page)).toHaveCount(3);
    await page.getByRole('tab', { name: 'Scalars', exact: true }).click();
    await expect(page).toHaveURL(/\/scalars\/graph$/);
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toBeVisible();
    await page.getByRole('tab', { name: 'Hyperparameters', exact: true }).click();
    await expect(page).toHaveURL(/\/hyper-params\/values$/);
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Hyperparameters', exact: true })).toHaveClass(/mdc-tab--active/);
    expect(idsInUrl(page)).toEqual(ids);
    expect(await headerIds(page)).toEqual(ids);
    await page.goBack();
    await expect(page).toHaveURL(/\/scalars\/graph$/);
    await expect(page.getByRole('tab', { name: 'Scalars', exact: true })).toHaveClass(/mdc-tab--active/);
  });

  test('the view links open each view of Hyperparameters and Scalars, mark the open one and keep its options', async ({
    page,
    request,
  }) => {
    // Five views opened in turn, three of them drawing charts.
    test.setTimeout(180_000);
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.failed]);
    await page.goto(compareUrl(ids, 'details'));
    await expect(page.getByRole('navigation', { name: / views$/ })).toHaveCount(0);
    await page.getByRole('tab', { name: 'Hyperparameters', exact: true }).click();
    const links = page.getByRole('navigation', { name: / views$/ });
    await expect(links.getByRole('link')).toHaveText(['Values', 'Parallel coordinates', 'Scatter plot']);
    await expect(page.getByRole('link', { name: 'Values', exact: true })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('link', { name: 'Parallel coordinates', exact: true }).click();
    await expect(page).toHaveURL(/\/hyper-params\/graph$/);
    await expect(page.getByTestId('parcoords').locator('svg.pc-chart')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('link', { name: 'Parallel coordinates', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('link', { name: 'Values', exact: true })).not.toHaveAttribute('aria-current', 'page');
    await page.getByRole('link', { name: 'Scatter plot', exact: true }).click();
    await expect(page).toHaveURL(/\/hyper-params\/scatter$/);
    await expect(page.getByTestId('scatter')).toBeVisible();

    await page.getByRole('tab', { name: 'Scalars', exact: true }).click();
    await expect(links.getByRole('link')).toHaveText(['Graph', 'Last values', 'Min values', 'Max values']);
    await page.getByRole('slider', { name: 'Smoothing' }).focus();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(/smooth=/);
    await page.getByRole('link', { name: 'Max values', exact: true }).click();
    await expect(page).toHaveURL(/\/scalars\/max-values\?.*smooth=/);
    await expect(page.getByRole('link', { name: 'Max values', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('values-row').first()).toBeVisible();
    // Back on the graph, its smoothing is still set.
    await page.getByRole('link', { name: 'Graph', exact: true }).click();
    await expect(page).toHaveURL(/\/scalars\/graph\?.*smooth=/);
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toBeVisible();
  });

  test('a bare tab opens its default view', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(`/compare-tasks;ids=${ids.join(',')}/scalars`);
    await expect(page).toHaveURL(/\/scalars\/graph$/);
    expect(idsInUrl(page)).toEqual(ids);
  });

  test('TASKS lists compared tasks; X removes one and the URL follows, keeping the tab', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.failed]);
    await page.goto(compareUrl(ids, 'metrics-plots'));
    await page.getByRole('button', { name: 'TASKS', exact: true }).click();
    const menu = page.getByTestId('tasks-menu');
    await expect(menu.getByRole('listitem')).toHaveCount(3);
    await menu
      .locator(`[data-task-id="${ids[1]}"]`)
      .getByRole('button', { name: /^Remove / })
      .click();
    await expect.poll(() => idsInUrl(page)).toEqual([ids[0], ids[2]]);
    await expect(page).toHaveURL(/\/metrics-plots$/);
    await expect(taskHeaders(page)).toHaveCount(2);
  });

  test('+ opens the task table with compared tasks on top and selected; APPLY adds the new pick', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.running]);
    await page.goto(compareUrl(ids.slice(0, 2), 'debug-images'));
    await page.getByRole('button', { name: 'Add or remove tasks', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const rows = dialog.locator('tr[data-task-id]');
    await expect(rows.nth(0)).toHaveAttribute('data-task-id', ids[0]);
    await expect(rows.nth(1)).toHaveAttribute('data-task-id', ids[1]);
    await expect(rows.nth(0).getByRole('checkbox')).toBeChecked();
    await dialog.getByRole('searchbox', { name: 'Search tasks by name or id' }).fill('wrn');
    // The rows are kept by position: wait for the search's rows (under the two compared ones) before
    // picking one, or the click could land on a row the answer is just giving to another task.
    await expect
      .poll(async () => {
        const names = await rows.locator('td.name-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label') ?? ''));
        return names.length > 2 && names.slice(2).every((name) => name.includes('wrn'));
      })
      .toBe(true);
    await pick(dialog.locator(`tr[data-task-id="${ids[2]}"]`).getByRole('checkbox'));
    await dialog.getByRole('button', { name: 'APPLY', exact: true }).click();
    await expect.poll(() => idsInUrl(page)).toEqual(ids);
    await expect(page).toHaveURL(/\/debug-images$/);
  });

  test('+ at 1280×800: the dialog leaves out Started and Iterations so that the demo names are shown whole', async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(compareUrl(ids, 'details'));
    await page.getByRole('button', { name: 'Add or remove tasks', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('tr[data-task-id]').nth(5)).toBeVisible();
    const headers = await dialog.getByRole('columnheader').allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining(['Name', 'User', 'Last update']));
    expect(headers.some((h) => /Started|Iterations/.test(h))).toBe(false);
    const cut = await dialog
      .locator('td.name-cell app-middle-ellipsis')
      .evaluateAll((names) =>
        names
          .filter((n) => [...n.querySelectorAll<HTMLElement>('.head, .tail')].some((p) => p.scrollWidth > p.clientWidth + 1))
          .map((n) => n.getAttribute('title')),
      );
    expect(cut).toEqual([]);
  });

  test('+ with a task the link names but the server does not have: it is not counted, and APPLY drops it', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    const unknown = 'f'.repeat(32);
    await page.goto(compareUrl([ids[0], unknown, ids[1]], 'scalars/graph'));
    await expect(page.getByRole('alert').filter({ hasText: 'A task in this link was not found' })).toBeVisible();
    await page.getByRole('button', { name: 'Add or remove tasks', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('tr[data-task-id]').nth(1)).toHaveAttribute('data-task-id', ids[1]);
    await expect(dialog.getByText('2 selected')).toBeVisible();
    await dialog.getByRole('button', { name: 'APPLY', exact: true }).click();
    await expect.poll(() => idsInUrl(page)).toEqual(ids);
    await expect(page.getByRole('alert').filter({ hasText: 'not found' })).toHaveCount(0);
  });

  test('sets the base task with the button and by dragging a header leftmost', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.failed]);
    await page.goto(compareUrl(ids, 'scalars/values'));
    const headers = taskHeaders(page);
    await headers
      .nth(2)
      .getByRole('button', { name: /^Set .* as base task$/ })
      .click();
    await expect.poll(() => idsInUrl(page)).toEqual([ids[2], ids[0], ids[1]]);
    await expect(headers.first().getByTestId('base-badge')).toBeVisible();

    const handle = headers.nth(2).locator('[cdkDragHandle], .drag-handle');
    const target = await headers.nth(0).boundingBox();
    const box = await handle.boundingBox();
    if (!target || !box) throw new Error('headers not laid out');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 12; step++) {
      await page.mouse.move(box.x + ((target.x + 10 - box.x) * step) / 12, box.y + box.height / 2);
    }
    await page.mouse.up();
    await expect.poll(() => idsInUrl(page)).toEqual([ids[1], ids[2], ids[0]]);
    await expect(page).toHaveURL(/\/scalars\/values$/);
  });

  test('with many tasks, headers out of view show colour and name, and get their controls when scrolled to', async ({ page, request }) => {
    const response = await request.post('/api/v2.31/tasks.get_all_ex', { data: { only_fields: ['id'], page_size: 500 } });
    const ids = ((await response.json()) as { data: { tasks: { id: string }[] } }).data.tasks.map((t) => t.id).slice(0, 16);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(compareUrl(ids, 'details'));
    const headers = taskHeaders(page);
    await expect(headers).toHaveCount(ids.length);
    await expect(headers.nth(1).getByRole('button', { name: /^Set .* as base task$/ })).toBeVisible();
    const last = headers.last();
    await expect(last).not.toHaveText('');
    await expect(last.getByRole('button', { name: /^Set .* as base task$/ })).toHaveCount(0);
    await last.scrollIntoViewIfNeeded();
    await last.getByRole('button', { name: /^Set .* as base task$/ }).click();
    await expect.poll(() => idsInUrl(page)).toEqual([ids[ids.length - 1], ...ids.slice(0, -1)]);
  });

  test('Share copies the URL; a new browser context opening it shows the same page', async ({ page, request, browser, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const ids = await taskIds(request, [DEMO.running, DEMO.best]);
    await page.goto(compareUrl(ids, 'hyper-params/scatter'));
    await expect(taskHeaders(page)).toHaveCount(2);
    await expect(page.getByRole('combobox', { name: 'Y: metric' })).toBeVisible();
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.locator('mat-snack-bar-container')).toContainText('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());

    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(copied);
    await expect(taskHeaders(second)).toHaveCount(2);
    expect(await headerIds(second)).toEqual(ids);
    await expect(second.getByRole('tab', { name: 'Hyperparameters', exact: true })).toHaveClass(/mdc-tab--active/);
    await expect(second.getByRole('combobox', { name: 'Y: metric' })).toBeVisible();
    await other.close();
  });

  test('an unknown id shows a readable message and can be removed; the rest keeps working', async ({ page, request }) => {
    const [best] = await taskIds(request, [DEMO.best]);
    const unknown = '0'.repeat(32);
    await page.goto(compareUrl([best, unknown]));
    const message = page.getByTestId('compare-error');
    await expect(message).toContainText('not found');
    await expect(message).toContainText(unknown);
    await expect(taskHeaders(page).first()).toContainText(DEMO.best);
    await message.getByRole('button', { name: 'Remove from the comparison' }).click();
    await expect.poll(() => idsInUrl(page)).toEqual([best]);
    await expect(page.getByTestId('compare-error')).toHaveCount(0);
  });

  test('more than 100 ids or entries that are not ids are explained, not a blank page', async ({ page }) => {
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, 'a'));
    await page.goto(compareUrl(many));
    await expect(page.getByTestId('compare-error')).toContainText('up to 100');
    await page.goto('/compare-tasks;ids=not-an-id/details');
    await expect(page.getByTestId('compare-error')).toContainText('not-an-id');
  });

  test('dark theme toggle switches the page and is remembered', async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(compareUrl(ids));
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByRole('button', { name: /^Switch to (dark|light) theme$/ }).click();
    await expect(page.locator('html')).toHaveClass(/theme-dark/);
    const dark = await background();
    expect(dark).not.toBe(light);
    const [r, g, b] = (dark.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(200);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/theme-dark/);
  });
});

test('a task colour can be changed from its header, is remembered, and can be reset', async ({ page, request }) => {
  const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
  await page.goto(compareUrl(ids));
  const header = taskHeaders(page).nth(1);
  const original = await header.getByRole('button', { name: /^Colour of / }).evaluate((el) => getComputedStyle(el).backgroundColor);
  await header.getByRole('button', { name: /^Colour of / }).click();
  await page.getByRole('button', { name: 'Use colour #f00f78' }).click();
  await expect(header.getByRole('button', { name: /^Colour of / })).toHaveCSS('background-color', 'rgb(240, 15, 120)');
  await expect(header).toHaveCSS('border-top-color', 'rgb(240, 15, 120)');
  await page.reload();
  await expect(
    taskHeaders(page)
      .nth(1)
      .getByRole('button', { name: /^Colour of / }),
  ).toHaveCSS('background-color', 'rgb(240, 15, 120)');
  await taskHeaders(page)
    .nth(1)
    .getByRole('button', { name: /^Colour of / })
    .click();
  await page.getByRole('menuitem', { name: 'Default colour' }).click();
  await expect(
    taskHeaders(page)
      .nth(1)
      .getByRole('button', { name: /^Colour of / }),
  ).toHaveCSS('background-color', original);
});
