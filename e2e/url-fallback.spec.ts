import { Page, expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskHeaders, taskIds } from './support';
import { watchPage } from './security-support';

/** Every view option any tab reads from the URL. */
const OPTIONS = [
  'live',
  'refresh',
  'group',
  'smooth',
  'x',
  'log',
  'hover',
  'hide',
  'metrics',
  'extremes',
  'diff',
  'chart',
  'pcMetrics',
  'pcParams',
  'pcAll',
  'pcHidden',
  'pcBrush',
  'scY',
  'scX',
  'scLog',
  'scColor',
  'scExtra',
  'scTask',
  'plots',
  'plotsGroup',
  'plotsDiff',
  'plot',
  'metric',
  'iter',
  'sync',
  'cols',
  'sample',
  'q',
  'collapsed',
  'raw',
  'theme',
];
const GARBAGE = ['%%', '<img src=x onerror=alert(1)>', 'NaN', '-1e999', ',,,', ':::', '{"a":[1', 'x'.repeat(2000), '\u0000\u202e'];
const VIEWS = [
  'details',
  'hyper-params/values',
  'hyper-params/graph',
  'hyper-params/scatter',
  'scalars/graph',
  'scalars/values',
  'scalars/min-values',
  'scalars/max-values',
  'metrics-plots',
  'debug-images',
];

const notice = (page: Page) => page.locator('.url-notice');
const xAxis = (page: Page) => page.getByRole('radiogroup', { name: 'X axis' }).getByRole('radio', { checked: true });

test.describe('unreadable compare links', () => {
  // A test opens every view in turn.
  test.describe.configure({ timeout: 300_000 });

  test('an unknown tab and a bad id fall back to Details with a notice and the tasks that are valid', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    await page.goto(compareUrl(['not-a-task-id', ...ids], 'no-such-tab/at-all'));
    await expect(page).toHaveURL(/\/details$/);
    await expect(notice(page)).toContainText('view "no-such-tab/at-all" (showing Details)');
    await expect(page.getByTestId('compare-error').first()).toContainText('not-a-task-id');
    await expect(taskHeaders(page)).toHaveCount(2);
    await page.goto(compareUrl(ids, 'scalars/sideways'));
    await expect(page).toHaveURL(/\/scalars\/graph$/);
    await expect(notice(page)).toContainText('(showing Scalars: Graph)');
  });

  test('garbage option values show the defaults, say so, and the link can be cleaned up', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    const query = new URLSearchParams({
      smooth: 'abc',
      x: 'sideways',
      log: 'maybe',
      hover: 'everything',
      group: '',
      live: 'perhaps',
      refresh: '-5',
    });
    await page.goto(compareUrl(ids, 'scalars/graph', query.toString()));
    await expect(notice(page)).toContainText('smooth="abc" (using no smoothing)');
    await expect(notice(page)).toContainText('and 3 more');
    await expect(page.getByRole('slider', { name: 'Smoothing' })).toHaveValue('0');
    await expect(xAxis(page)).toContainText('Iterations');
    await notice(page).getByRole('button', { name: 'Clean up link' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect(xAxis(page)).toContainText('Iterations');
    // A valid link says nothing.
    await page.goto(compareUrl(ids, 'scalars/graph', 'smooth=0.5&x=wall'));
    await expect(xAxis(page)).toContainText('Wall time');
    await expect(notice(page)).toHaveCount(0);
  });

  test('garbage in every option of every view never leaves a blank page or an uncaught error', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.failed]);
    const watch = await watchPage(page);
    let visits = 0;
    for (const [index, view] of VIEWS.entries()) {
      const query = new URLSearchParams(OPTIONS.map((name, i) => [name, GARBAGE[(i + index) % GARBAGE.length]]));
      await page.goto(compareUrl(ids, view, query.toString()));
      await expect(taskHeaders(page), view).toHaveCount(3);
      await expect(page.getByRole('tabpanel'), view).toBeVisible();
      await expect(page.locator('.compare-tab-panel'), view).not.toBeEmpty();
      visits++;
    }
    // Ids that are all garbage: a message and a way out, not an empty page.
    await page.goto('/compare-tasks;ids=%25%25,%3Cb%3E,' + 'f'.repeat(40) + '/details');
    await expect(page.getByTestId('compare-error').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the task table' })).toBeVisible();
    expect(watch.pageErrors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    console.log(
      `${visits} views opened with garbage in all ${OPTIONS.length} options, and a link of garbage ids: no blank page, no uncaught error`,
    );
  });
});
