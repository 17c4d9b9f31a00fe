import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIRequestContext, BrowserContext, Download, Page, chromium, expect, test } from '@playwright/test';
import { CHROMIUM_PATH, PROTOCOL_FLAGS, TEST_FLAGS } from '../scripts/chromium.cjs';
import { api, compareUrl } from './support';
import { startOwnServer, watchPage } from './security-support';

/**
 * Files anyone can upload must never run in the app's origin, and a page on another site must not
 * be able to write to the server or read it through a re-pointed host name. What would show that
 * something ran: a dialog, or a project the page's script creates through the API.
 */
const PWN = (where: string) =>
  `alert('${where}');fetch('/api/v2.31/projects.create',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({name:'pwned ${where}'})})`;
const HTML = (where: string) => `<!doctype html><html><body><h1>hostile</h1><script>${PWN(where)}</script></body></html>`;
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="${PWN('svg-onload').replace(/"/g, '&quot;')}"><script>${PWN('svg-script')}</script><rect width="10" height="10"/></svg>`;
/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function projectNames(request: APIRequestContext, pattern: string): Promise<string[]> {
  const { projects } = await api<{ projects: { name: string }[] }>(request, 'projects.get_all', { name: pattern, search_hidden: true });
  return projects.map((p) => p.name);
}

async function upload(request: APIRequestContext, path: string, body: string | Buffer) {
  const response = await request.put(path, { headers: { 'content-type': 'application/octet-stream' }, data: body });
  expect(response.status(), path).toBe(200);
}

/** Opens `url` in `page`; answers the name of the file the browser saved instead of showing it, or null. */
async function openAndExpectDownload(page: Page, url: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.goto(url).catch((error: Error) => {
    // Playwright reports a navigation that turned into a download as an error.
    if (!/Download is starting/.test(error.message)) throw error;
  });
  return (await download).suggestedFilename();
}

/** The next file the browser saves, from `page` or from a tab it opens (a link with target=_blank). */
function nextDownload(context: BrowserContext, page: Page): Promise<Download> {
  return new Promise((resolve) => {
    page.once('download', resolve);
    context.once('page', (opened) => opened.once('download', resolve));
  });
}

test.describe('files and origin', () => {
  test.describe.configure({ timeout: 150_000 });

  test('uploaded .html, .svg, .js and a page named .png run nothing, opened directly or from the viewer; images still show', async ({
    page,
    request,
    context,
  }) => {
    const stamp = Date.now();
    const base = `/files/e2e-xss/${stamp}`;
    await upload(request, `${base}/page.html`, HTML('html'));
    await upload(request, `${base}/drawing.svg`, SVG);
    await upload(request, `${base}/code.js`, PWN('js'));
    await upload(request, `${base}/fake.png`, HTML('fake-png'));
    await upload(request, `${base}/real.png`, PNG);
    const dialogs: string[] = [];
    context.on('page', (p) => p.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss())));
    const watch = await watchPage(page);

    // Opened directly: each is saved, never shown.
    for (const name of ['page.html', 'drawing.svg', 'code.js', 'fake.png']) {
      expect(await openAndExpectDownload(page, `${base}/${name}`)).toBe(name);
    }
    // The real image is shown inline.
    await page.goto(`${base}/real.png`);
    await expect.poll(() => page.evaluate(() => document.querySelector('img')?.naturalWidth ?? 0)).toBe(1);

    // A page of the app cannot load an uploaded .js as a script (served as a download type, nosniff).
    await page.goto('/');
    const loaded = await page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.src = src;
          script.onload = () => resolve('ran');
          script.onerror = () => resolve('refused');
          document.head.appendChild(script);
        }),
      `${base}/code.js`,
    );
    expect(loaded).toBe('refused');

    // Debug samples pointing at them: the viewer's "open file" link saves the file, nothing runs.
    const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e files origin ${stamp}` });
    const { id: task } = await api<{ id: string }>(request, 'tasks.create', {
      name: `files origin ${stamp}`,
      project,
      type: 'training',
      system_tags: ['archived'],
    });
    const sample = (variant: string, url: string) => ({ type: 'training_debug_image', task, metric: 'hostile', variant, iter: 1, url });
    const added = await api<{ added: number }>(request, 'events.add_batch', [
      sample('a-image', `${base}/real.png`),
      sample('b-html', `${base}/page.html`),
      sample('c-svg', `${base}/drawing.svg`),
      sample('d-fake', `${base}/fake.png`),
    ]);
    expect(added.added).toBe(4);
    await page.goto(compareUrl([task], 'debug-images'));
    const column = page.locator(`app-sample-column[data-task-id="${task}"]`);
    await expect(column.getByRole('button', { name: /^Open .+ at iteration / })).toHaveCount(4);
    await expect(column.locator('[data-variant="a-image"] img')).toHaveJSProperty('naturalWidth', 1);
    await column.locator('[data-variant="a-image"]').click();
    await expect(page.getByTestId('viewer-image')).toBeVisible();
    await expect.poll(() => page.getByTestId('viewer-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await page.keyboard.press('Escape');
    for (const [variant, name] of [
      ['b-html', 'page.html'],
      ['c-svg', 'drawing.svg'],
      ['d-fake', 'fake.png'],
    ]) {
      await column.locator(`[data-variant="${variant}"]`).click();
      const link = page.getByRole('link', { name: 'Open the file in a new tab' });
      // The server answers a stored file's URL absolute, on the origin the request came to (as clearml-server).
      await expect(link).toHaveAttribute('href', new URL(`${base}/${name}`, page.url()).href);
      const download = nextDownload(context, page);
      await link.click();
      expect((await download).suggestedFilename(), variant).toBe(name);
      for (const other of context.pages()) if (other !== page) await other.close();
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Debug sample viewer' })).toHaveCount(0);
    }

    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(await projectNames(request, '^pwned')).toEqual([]);
    console.log(
      'html, svg, js and an html file named .png: saved as downloads when opened directly and from the viewer, no script ran; a real png shown inline and in the viewer',
    );
  });

  test('a page on another site or port cannot write through forms or fetch', async ({ page, request, baseURL }) => {
    const stamp = Date.now();
    const target = baseURL!;
    const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e csrf ${stamp}` });
    const { id: task } = await api<{ id: string }>(request, 'tasks.create', {
      name: `csrf ${stamp}`,
      project,
      type: 'training',
      system_tags: ['archived'],
    });
    const event = JSON.stringify({ type: 'training_stats_scalar', task, metric: 'csrf', variant: 'v', iter: 1, value: 1 });
    // A form whose text/plain body is JSON: `name=value` with the `=` hidden inside a string.
    const attackerPage = (label: string) => `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="f" method="POST" enctype="text/plain" target="sink" action="${target}/api/v2.31/projects.create">
<input name='{"name":"csrf form ${label} ${stamp}","x":"' value='"}'></form>
<script>
window.done = (async () => {
  const sink = document.querySelector('iframe');
  const submitted = new Promise((r) => sink.addEventListener('load', r, { once: true }));
  document.getElementById('f').submit();
  await Promise.race([submitted, new Promise((r) => setTimeout(r, 3000))]);
  const post = (path, body, type) => fetch('${target}' + path, { method: 'POST', mode: 'no-cors', body, headers: type ? { 'content-type': type } : {} }).catch(() => null);
  await post('/api/v2.31/events.add_batch', ${JSON.stringify(event)}, 'text/plain');
  await post('/api/v2.31/projects.create', new Blob([JSON.stringify({ name: 'csrf blob ${label} ${stamp}' })]));
  await post('/files/csrf-${label}-${stamp}.html', '<script>alert(1)<\\/script>', 'text/plain');
  const form = new FormData();
  form.append('/csrf-multipart-${label}-${stamp}.html', new Blob(['<script>alert(1)<\\/script>']), 'x.html');
  await post('/files/', form);
  return 'sent';
})();
</script></body></html>`;
    const attacker = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(attackerPage(req.headers.host?.startsWith('localhost') ? 'site' : 'port'));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const port = (attacker.address() as AddressInfo).port;
    const statuses: string[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(target))
        statuses.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`);
    });
    try {
      // Another port of the same address (same site), and another site (localhost vs 127.0.0.1).
      for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
        await page.goto(`${origin}/`);
        expect(await page.evaluate(() => (window as unknown as { done: Promise<string> }).done)).toBe('sent');
      }
    } finally {
      attacker.close();
    }
    // Every write reached the server and was refused there.
    expect(statuses.length).toBe(10);
    for (const status of statuses) expect(status).toMatch(/ 403$/);
    expect(await projectNames(request, '^csrf ')).toEqual([]);
    const { metrics } = await api<{ metrics: unknown[] }>(request, 'events.get_multi_task_metrics', { tasks: [task] });
    expect(metrics).toEqual([]);
    for (const path of [
      `/files/csrf-port-${stamp}.html`,
      `/files/csrf-site-${stamp}.html`,
      `/files/csrf-multipart-port-${stamp}.html`,
      `/files/csrf-multipart-site-${stamp}.html`,
    ]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
    console.log(`cross-origin form and fetch writes: ${statuses.length} requests reached the server, all 403; nothing stored`);
  });

  test("with access keys, a stored page opened with ?token= (the way it would read a signed-in user's cookie) is saved, never run", async ({
    page,
    context,
  }) => {
    // Starts a server of its own.
    test.setTimeout(450_000);
    const ACCESS = 'E2EFILES';
    const SECRET = 'e2e-files-secret-3b7';
    const own = await startOwnServer(['--no-demo'], { COMPARE_API_KEYS: `${ACCESS}:${SECRET}` });
    try {
      const basic = `Basic ${Buffer.from(`${ACCESS}:${SECRET}`).toString('base64')}`;
      const login = await page.request.post(`${own.baseURL}/api/v2.31/auth.login`, { headers: { Authorization: basic }, data: {} });
      const { token } = (await login.json()).data as { token: string };
      const stored = await page.request.put(`${own.baseURL}/files/e2e/steal.html`, {
        headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        data: `<!doctype html><script>alert('cookie ' + document.cookie)</script>`,
      });
      expect(stored.status()).toBe(200);
      // The signed-in user's session cookie, as the app sets it.
      await context.addCookies([{ name: 'compare_token', value: token, url: own.baseURL }]);
      const dialogs: string[] = [];
      page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
      expect(await openAndExpectDownload(page, `${own.baseURL}/files/e2e/steal.html?token=${token}`)).toBe('steal.html');
      await page.waitForTimeout(300);
      expect(dialogs).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  test('a host name re-pointed at the server (DNS rebinding) gets nothing', async ({ baseURL }) => {
    const port = new URL(baseURL!).port;
    // The browser resolves rebind.test to the server's address, as a rebinding DNS answer would.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...TEST_FLAGS, ...PROTOCOL_FLAGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
    });
    let context: BrowserContext | null = null;
    try {
      context = await browser.newContext();
      const page = await context.newPage();
      const answer = await page.goto(`http://rebind.test:${port}/api/v2.31/projects.get_all`);
      expect(answer?.status()).toBe(421);
      expect(await answer?.text()).toMatch(/does not answer to the host/);
      const app = await page.goto(`http://rebind.test:${port}/`);
      expect(app?.status()).toBe(421);
      // A script of that page reading "its own" origin is refused the same way.
      const status = await page.evaluate(
        async () =>
          (await fetch('/api/v2.31/projects.get_all', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }))
            .status,
      );
      expect(status).toBe(421);
    } finally {
      await context?.close();
      await browser.close();
    }
  });
});
