import { expect, test } from '@playwright/test';
import { DEMO, compareUrl, taskIds } from './support';

test.describe('app shell', () => {
  test('when the API cannot be reached the table says so, and retry recovers', async ({ page }) => {
    let down = true;
    await page.route('**/api/**', (route) => (down ? route.abort('connectionrefused') : route.continue()));
    await page.goto('/tasks');
    await expect(page.getByTestId('tasks-error')).toContainText('cannot be reached');
    down = false;
    await page.getByTestId('tasks-error').getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('tasks-error')).toHaveCount(0);
    await expect(page.locator('tr[data-task-id]').first()).toBeVisible();
  });

  test('the compare page explains a failed load and keeps working after retry', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline]);
    let down = true;
    await page.route('**/api/**', (route) => (down ? route.fulfill({ status: 502, body: 'Bad gateway' }) : route.continue()));
    await page.goto(compareUrl(ids));
    await expect(page.getByTestId('compare-error')).toContainText('could not be loaded');
    await expect(page.getByTestId('tab-details')).toBeVisible();
    down = false;
    await page.getByTestId('compare-error').getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('task-header').first()).toContainText(DEMO.best);
  });

  test('Plotly is not in what the task table loads', async ({ page }) => {
    // Bodies are read as the responses come; all reads are awaited before counting.
    const bodies: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') bodies.push(response.body().then((body) => body.length));
    });
    await page.goto('/tasks');
    await expect(page.locator('tr[data-task-id]').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const scriptBytes = (await Promise.all(bodies)).reduce((sum, bytes) => sum + bytes, 0);
    // Plotly alone is over 4 MB minified; the whole table page is a fraction of that.
    expect(scriptBytes).toBeGreaterThan(100_000);
    expect(scriptBytes).toBeLessThan(1_500_000);
  });

  test('an unknown address shows a way back instead of a blank page', async ({ page }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('alert')).toContainText('does not match a page');
    await page.getByRole('link', { name: 'Go to the task table' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
  });
});
