import { Page, Response, expect, test } from '@playwright/test';
import { DEMO, compareUrl, idsInUrl, taskHeaders, taskIds } from './support';
import { watchPage } from './security-support';

/** An id that is well formed but names no task. */
const UNKNOWN = '0'.repeat(32);

/** Every API answer of 400 or more the page gets. */
function failedApiCalls(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response: Response) => {
    if (response.url().includes('/api/') && response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  return failed;
}

/** How many times the page's visible text names `text`. */
async function mentions(page: Page, text: string): Promise<number> {
  return (await page.locator('body').innerText()).split(text).length - 1;
}

/** The task ids of the points the scatter plot draws. */
function scatterTaskIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('scatter')
    .locator('.js-plotly-plot')
    .evaluate((el) => ((el as unknown as { data?: { customdata: string[] }[] }).data ?? []).flatMap((t) => t.customdata));
}

/**
 * For each view, what shows that its data for the valid tasks are on screen, and whether the view
 * writes the tasks' names (the scatter plot tells tasks apart by colour).
 */
const VIEWS: { view: string; names?: false; shown: (page: Page, ids: string[]) => Promise<void> }[] = [
  { view: 'details', shown: (page) => expect(page.getByTestId('side-by-side')).toBeVisible() },
  { view: 'hyper-params/values', shown: (page) => expect(page.getByTestId('side-by-side')).toBeVisible() },
  { view: 'hyper-params/graph', shown: (page) => expect(page.getByTestId('legend-task')).toHaveCount(2) },
  {
    view: 'hyper-params/scatter',
    names: false,
    shown: (page, ids) => expect.poll(() => scatterTaskIds(page).then((shown) => [...shown].sort())).toEqual([...ids].sort()),
  },
  { view: 'scalars/values', shown: (page) => expect(page.getByTestId('values-row').first()).toBeVisible() },
  { view: 'scalars/graph', shown: (page) => expect(page.locator('.js-plotly-plot .main-svg').first()).toBeVisible() },
  {
    view: 'metrics-plots',
    shown: async (page) => {
      await expect(page.getByTestId('plot-card').first()).toBeVisible();
      // The Summary (single values) above the plots.
      await expect(page.getByText('Loading the Summary values…')).toHaveCount(0);
    },
  },
  { view: 'debug-images', shown: (page) => expect(page.getByRole('button', { name: /^Open .+ at iteration / }).first()).toBeVisible() },
];

test.describe('compare links', () => {
  // A test opens every view in turn.
  test.describe.configure({ timeout: 300_000 });

  test('one unknown id among valid ones: every view shows the valid tasks and names the unknown one once @plain', async ({
    page,
    request,
  }) => {
    const [best, baseline] = await taskIds(request, [DEMO.best, DEMO.baseline]);
    const watch = await watchPage(page);
    const failed = failedApiCalls(page);
    for (const { view, names, shown } of VIEWS) {
      await page.goto(compareUrl([best, UNKNOWN, baseline], view));
      await expect(page.getByRole('alert').filter({ hasText: UNKNOWN }), view).toContainText('not found');
      if (names !== false) {
        await expect(page.getByRole('tabpanel'), view).toContainText(DEMO.best);
        await expect(page.getByRole('tabpanel'), view).toContainText(DEMO.baseline);
      }
      await shown(page, [best, baseline]);
      await expect(page.getByText(/could not be loaded|Invalid task id/), view).toHaveCount(0);
      // Named once: in the message, not as a task header or a card, column or legend entry.
      await expect(taskHeaders(page), view).toHaveCount(2);
      expect(await mentions(page, UNKNOWN), view).toBe(1);
    }
    expect(failed).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('a link of unknown ids only says so and offers the task table', async ({ page }) => {
    await page.goto(compareUrl([UNKNOWN, 'f'.repeat(32)], 'scalars/graph'));
    await expect(page.getByRole('alert').filter({ hasText: UNKNOWN })).toContainText('2 tasks in this link were not found');
    await expect(page.getByText('None of the tasks in this link was found.')).toBeVisible();
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    await page.getByRole('link', { name: 'Go to the task table' }).click();
    await expect(page).toHaveURL(/\/tasks/);
  });

  test('ids that are not well formed are named as text; the valid id after them is kept', async ({ page, request }) => {
    const [best] = await taskIds(request, [DEMO.best]);
    const watch = await watchPage(page);
    await page.goto(`/compare-tasks;ids=<script>alert(1)</script>,hello world,${best}/details`);
    const message = page.getByRole('alert').filter({ hasText: 'unreadable' });
    await expect(message).toContainText('2 unreadable task ids: "<script>alert(1)</script>", "hello world". They are left out.');
    await expect(taskHeaders(page)).toHaveCount(1);
    await expect(taskHeaders(page).first()).toContainText(DEMO.best);
    await expect(page.getByTestId('side-by-side')).toBeVisible();
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    await message.getByRole('button', { name: 'Remove from the link' }).click();
    await expect.poll(() => idsInUrl(page)).toEqual([best]);
    await expect(page.getByRole('alert').filter({ hasText: 'unreadable' })).toHaveCount(0);
    expect(watch.dialogs).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });

  test('a link without ids says so and leads to the task table', async ({ page }) => {
    for (const url of ['/compare-tasks;ids=/details', '/compare-tasks/scalars/graph', '/compare-tasks;ids=,,/metrics-plots']) {
      await page.goto(url);
      await expect(page.getByRole('alert').filter({ hasText: 'No tasks to compare' }), url).toBeVisible();
      await expect(page.getByText(/Loading/), url).toHaveCount(0);
    }
    await page.getByRole('link', { name: 'Go to the task table' }).click();
    await expect(page).toHaveURL(/\/tasks/);
  });

  test('a link of more than 100 tasks can keep the first 100', async ({ page, request }) => {
    const [best] = await taskIds(request, [DEMO.best]);
    const many = [best, ...Array.from({ length: 100 }, (_, i) => (i + 1).toString(16).padStart(32, 'a'))];
    await page.goto(compareUrl(many));
    const message = page.getByRole('alert').filter({ hasText: 'up to 100' });
    await expect(message).toContainText('This link compares 101 tasks');
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    await message.getByRole('button', { name: 'Keep the first 100' }).click();
    await expect.poll(() => idsInUrl(page)).toEqual(many.slice(0, 100));
    await expect(page.getByRole('alert').filter({ hasText: 'up to 100' })).toHaveCount(0);
    await expect(page.getByRole('alert').filter({ hasText: '99 tasks in this link were not found' })).toBeVisible();
    await expect(taskHeaders(page)).toHaveCount(1);
    await expect(page.getByTestId('side-by-side')).toBeVisible();
  });

  test('a link that does not decode opens the app with a message', async ({ page, request }) => {
    const [best] = await taskIds(request, [DEMO.best]);
    const response = await page.goto(`/compare-tasks;ids=%%%zz,${best}/details`);
    expect(response?.headers()['content-type']).toContain('text/html');
    await expect(page.getByRole('alert').filter({ hasText: 'unreadable' })).toContainText('an unreadable task id: "%%%zz"');
    await expect(taskHeaders(page)).toHaveCount(1);
    await expect(page.getByTestId('side-by-side')).toBeVisible();
    await page.goto('/compare-tasks;ids=%%%zz/details');
    await expect(page.getByRole('alert').filter({ hasText: 'No tasks to compare' })).toContainText('"%%%zz"');
    await expect(page.getByRole('link', { name: 'Go to the task table' })).toBeVisible();
  });
});
