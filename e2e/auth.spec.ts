import { expect, request as playwrightRequest, test } from '@playwright/test';
import { DEMO } from './support';
import { OwnServer, fillSignIn, startOwnServer, watchPage } from './security-support';

/** A server of its own, started with access keys, as on a network. */
const ACCESS = 'E2EANALYST';
const SECRET = 'e2e-secret-7d41c9';
let server: OwnServer;

test.describe('access keys', () => {
  test.describe.configure({ mode: 'serial', timeout: 300_000 });

  test.beforeAll(async () => {
    test.setTimeout(360_000);
    server = await startOwnServer([], { COMPARE_API_KEYS: `${ACCESS}:${SECRET}` });
  });
  test.afterAll(async () => server?.stop());

  test('the API and files answer 401 with the envelope without a token', async () => {
    const api = await playwrightRequest.newContext({ baseURL: server.baseURL });
    const tasks = await api.post('/api/v2.31/tasks.get_all_ex', { data: {} });
    expect(tasks.status()).toBe(401);
    const body = await tasks.json();
    expect(body.meta.result_code).toBe(401);
    expect(body.meta.result_msg).toMatch(/Not authenticated/);
    const wrong = await api.post('/api/v2.31/auth.login', {
      headers: { Authorization: `Basic ${Buffer.from(`${ACCESS}:nope`).toString('base64')}` },
    });
    expect(wrong.status()).toBe(401);
    expect(await wrong.text()).not.toContain(SECRET);
    const login = await api.post('/api/v2.31/auth.login', {
      headers: { Authorization: `Basic ${Buffer.from(`${ACCESS}:${SECRET}`).toString('base64')}` },
    });
    expect(login.status()).toBe(200);
    const { token } = (await login.json()).data;
    const withToken = await api.post('/api/v2.31/tasks.get_all_ex', {
      data: { only_fields: ['name'] },
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(withToken.status()).toBe(200);
    await api.dispose();
  });

  test('the app asks to sign in, refuses a wrong secret, then shows the page it was opening', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(`${server.baseURL}/tasks`);
    const form = page.getByRole('dialog', { name: 'Sign in' });
    // The first API answer (401) and the form's lazy chunk come first; the shared machine can be slow.
    await expect(form).toBeVisible({ timeout: 30_000 });
    await fillSignIn(page, ACCESS, 'not-the-secret');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toContainText('invalid access key or secret key');
    await page.getByLabel('Secret key').fill(SECRET);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole('cell', { name: DEMO.best, exact: true })).toBeVisible();
    // The token lasts for the tab: a reload does not ask again.
    await page.reload();
    await expect(page.getByRole('cell', { name: DEMO.best, exact: true })).toBeVisible();
    await expect(form).toBeHidden();
    // Sign out: the token and its cookie are gone, and the page asks to sign in again.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(form).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => sessionStorage.getItem('compare.token'))).toBeNull();
    expect((await page.context().cookies()).filter((c) => c.value)).toEqual([]);
    await expect(page.getByRole('cell', { name: DEMO.best, exact: true })).toHaveCount(0);
    await fillSignIn(page, ACCESS, SECRET);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('cell', { name: DEMO.best, exact: true })).toBeVisible();
    expect(watch.cspViolations).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });

  test('a compare link resumes after signing in, and debug images load with the session cookie', async ({ page }) => {
    const watch = await watchPage(page);
    const api = await playwrightRequest.newContext({
      baseURL: server.baseURL,
      extraHTTPHeaders: { Authorization: `Basic ${Buffer.from(`${ACCESS}:${SECRET}`).toString('base64')}` },
    });
    const all = await (await api.post('/api/v2.31/tasks.get_all_ex', { data: { only_fields: ['id', 'name'], page_size: 500 } })).json();
    await api.dispose();
    const id = (name: string) => (all.data.tasks as { id: string; name: string }[]).find((t) => t.name === name)!.id;
    const ids = [id(DEMO.best), id(DEMO.baseline)];
    await page.goto(`${server.baseURL}/compare-tasks;ids=${ids.join(',')}/debug-images`);
    await fillSignIn(page, ACCESS, SECRET);
    await page.getByRole('dialog', { name: 'Sign in' }).getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sample-column')).toHaveCount(2);
    const image = page.getByTestId('sample-column').first().locator('img').first();
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(new URL(page.url()).pathname).toContain('/debug-images');

    // Details: the long texts are fetched by its worker, with the session's token (no 401 to retry).
    const textAnswers: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('tasks.get_all_ex') && (response.request().postDataJSON()?.only_fields ?? []).includes('script.diff')) {
        textAnswers.push(response.status());
      }
    });
    await page.getByRole('tab', { name: 'Details', exact: true }).click();
    await expect.poll(() => textAnswers).toEqual([200]);
    await expect(page.getByTestId('details-texts-loading')).toHaveCount(0);
    await expect(page.getByTestId('details-texts-error')).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search fields and values' }).fill('torchvision');
    await page.getByRole('searchbox', { name: 'Search fields and values' }).press('Enter');
    await expect(page.locator('[data-testid="row"][data-row="packages:torchvision"]')).toHaveClass(/current/);
    expect(watch.cspViolations).toEqual([]);
  });
});
