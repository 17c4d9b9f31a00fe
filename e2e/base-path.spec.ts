import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { BASE_PATH, baseBuild } from './base-path-support';
import { OwnServer, fillSignIn, startOwnServer, watchPage } from './security-support';
import { DEMO, idsInUrl, pick, row, taskHeaders } from './support';

/**
 * The app built with `--base-href /compare/` and served under /compare/ by the embedded server
 * (`--base-path /compare/`), the API at /api and files at /files, with access keys: as it sits
 * beside ClearML's web app on one host. ClearML's web session is its `clearml_token_basic` cookie.
 */
const ACCESS = 'E2EBASEPATH';
const SECRET = 'e2e-secret-b4se-9a1';
const basic = `Basic ${Buffer.from(`${ACCESS}:${SECRET}`).toString('base64')}`;
let server: OwnServer;
let app: string;

/** Every answer of 400 or more the page gets (a missing chunk, config.json or Plotly build). */
function failedAnswers(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return failed;
}

async function tokenFromLogin(): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL: server.baseURL });
  const login = await api.post('/api/v2.31/auth.login', { headers: { Authorization: basic } });
  expect(login.status()).toBe(200);
  const token = (await login.json()).data.token as string;
  await api.dispose();
  return token;
}

test.describe('served under a base path', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  test.beforeAll(async () => {
    // Makes the app for the base path from the main build when needed, then starts a server of its own.
    test.setTimeout(300_000);
    const appDir = baseBuild();
    server = await startOwnServer(['--base-path', BASE_PATH], { COMPARE_APP_DIR: appDir, COMPARE_API_KEYS: `${ACCESS}:${SECRET}` });
    app = `${server.baseURL}${BASE_PATH}`;
  });
  test.afterAll(async () => server?.stop());

  test("signed in by ClearML's session cookie: table, compare, every tab, deep-link reload and data under /compare/", async ({
    page,
    context,
  }) => {
    const watch = await watchPage(page);
    const failed = failedAnswers(page);
    const host = new URL(server.baseURL).hostname;
    await context.addCookies([
      { name: 'clearml_token_basic', value: await tokenFromLogin(), domain: host, path: '/', httpOnly: true, sameSite: 'Lax' },
    ]);
    const apiPaths: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.includes('/api/')) apiPaths.push(path);
    });

    await page.goto(app);
    await expect(page).toHaveURL(`${app}tasks`);
    await pick(row(page, DEMO.best).getByRole('checkbox'));
    await pick(row(page, DEMO.baseline).getByRole('checkbox'));
    await page.getByRole('button', { name: 'COMPARE', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${app}compare-tasks;ids=[^/]+/details$`));
    await expect(taskHeaders(page).first()).toContainText(DEMO.best);
    const ids = idsInUrl(page);
    expect(ids).toHaveLength(2);

    // Each tab's code, and Plotly's builds, load from below the base path.
    await page.getByRole('tab', { name: 'Hyperparameters', exact: true }).click();
    await expect(page).toHaveURL(/\/compare\/compare-tasks;ids=[^/]+\/hyper-params\/values$/);
    await page.getByRole('tab', { name: 'Scalars', exact: true }).click();
    await expect(page).toHaveURL(/\/compare\/compare-tasks;ids=[^/]+\/scalars\/graph$/);
    await expect(page.locator('[data-testid="scalar-chart"] .main-svg').first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Plots', exact: true }).click();
    await expect(page).toHaveURL(/\/compare\/compare-tasks;ids=[^/]+\/metrics-plots/);
    await expect(page.getByTestId('plot-card').first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Debug samples', exact: true }).click();
    await expect(page.getByTestId('sample-column')).toHaveCount(2);
    // /files answers the cookie too: the image loads.
    const image = page.getByTestId('sample-column').first().locator('img').first();
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // A deep link, reloaded: the server answers the app for it, and the app opens the same view.
    await page.goto(`${app}compare-tasks;ids=${ids.join(',')}/scalars/graph`);
    await expect(page.locator('[data-testid="scalar-chart"] .main-svg').first()).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Scalars', exact: true })).toHaveClass(/mdc-tab--active/);
    await expect(page.locator('[data-testid="scalar-chart"] .main-svg').first()).toBeVisible({ timeout: 30_000 });
    expect(idsInUrl(page)).toEqual(ids);
    // Back: the tab before the deep link, still under the base path.
    await page.goBack();
    await expect(page).toHaveURL(/\/compare\/compare-tasks;ids=[^/]+\/debug-images$/);
    await expect(page.getByTestId('sample-column')).toHaveCount(2);

    // Never asked to sign in, never sent a token of its own, the API always at /api.
    await expect(page.getByRole('dialog', { name: 'Sign in' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
    expect(await page.evaluate(() => sessionStorage.getItem('compare.token'))).toBeNull();
    expect(apiPaths.length).toBeGreaterThan(5);
    expect(apiPaths.filter((path) => !path.startsWith('/api/'))).toEqual([]);
    expect(failed).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });

  test('without the cookie the sign-in dialog asks for keys, then opens the deep link it was given', async ({ page }) => {
    const watch = await watchPage(page);
    const api = await playwrightRequest.newContext({ baseURL: server.baseURL, extraHTTPHeaders: { Authorization: basic } });
    const all = await (await api.post('/api/v2.31/tasks.get_all_ex', { data: { only_fields: ['id', 'name'], page_size: 500 } })).json();
    await api.dispose();
    const id = (name: string) => (all.data.tasks as { id: string; name: string }[]).find((t) => t.name === name)!.id;
    const ids = [id(DEMO.best), id(DEMO.failed)];
    await page.goto(`${app}compare-tasks;ids=${ids.join(',')}/hyper-params/values`);
    const form = page.getByRole('dialog', { name: 'Sign in' });
    await expect(form).toBeVisible({ timeout: 30_000 });
    await fillSignIn(page, ACCESS, SECRET);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(form).toBeHidden();
    await expect(taskHeaders(page)).toHaveCount(2);
    await expect(page.getByRole('tab', { name: 'Hyperparameters', exact: true })).toHaveClass(/mdc-tab--active/);
    expect(new URL(page.url()).pathname).toBe(`${BASE_PATH}compare-tasks;ids=${ids.join(',')}/hyper-params/values`);
    await page.reload();
    await expect(taskHeaders(page)).toHaveCount(2);
    await expect(form).toBeHidden();
    expect(watch.cspViolations).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
