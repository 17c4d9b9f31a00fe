/**
 * npx tsx bench/details.ts
 *
 * Details tab with heavy texts: 10 tasks whose pip requirements and uncommitted changes are 10,000
 * lines each, 1% of the lines changed per task. Starts the server on a temporary database (no demo
 * data), creates the tasks through the HTTP API, opens the Details tab in headless Chromium and
 * prints: time to the first drawn row, time until the page answers a click (next difference), the
 * long tasks seen (> 50 ms) and the number of differences found. Figures only, no assertions.
 *
 * BENCH_APP_DIR: the built app to serve (default dist/compare-tasks/browser, as `npx ng build` makes).
 */
import { chromium } from '@playwright/test';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const TASKS = Number(process.env['BENCH_TASKS'] ?? 10);
const LINES = Number(process.env['BENCH_LINES'] ?? 10_000);
const CHANGED = Number(process.env['BENCH_CHANGED'] ?? 0.01);

function appDir(): string {
  if (process.env['BENCH_APP_DIR']) return resolve(process.env['BENCH_APP_DIR']);
  const dist = resolve(__dirname, '..', 'dist');
  const candidates = existsSync(dist) ? readdirSync(dist).map((d) => join(dist, d, 'browser')) : [];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error('No built app: run `npx ng build` or set BENCH_APP_DIR');
  return found;
}

function startServer(dir: string, app: string): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts', '--db', join(dir, 'bench.db'), '--files', join(dir, 'files'), '--port', '0', '--no-demo'],
    { cwd: resolve(__dirname, '..'), env: { ...process.env, COMPARE_APP_DIR: app }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolveUrl, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/\S+?)\/?\s/.exec(out);
      if (match) resolveUrl({ url: match[1], server });
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

async function api<T>(url: string, endpoint: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}/api/v2.31/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as { data: T; meta: { result_code: number; result_msg: string } };
  if (!response.ok) throw new Error(`${endpoint}: ${json.meta?.result_msg}`);
  return json.data;
}

/** Deterministic "random" in [0, 1). */
const noise = (seed: number) => {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
};

function requirements(task: number): string {
  return Array.from({ length: LINES }, (_, i) => {
    const changed = task > 0 && noise(task * 100_003 + i) < CHANGED;
    return `package-${String(i).padStart(5, '0')}==1.${i % 50}.${changed ? task + 1 : 0}`;
  }).join('\n') + '\n';
}

function uncommitted(task: number): string {
  const files = 10;
  const perFile = LINES / files;
  const out: string[] = [];
  for (let f = 0; f < files; f++) {
    out.push(`diff --git a/src/module_${f}.py b/src/module_${f}.py`, `--- a/src/module_${f}.py`, `+++ b/src/module_${f}.py`, `@@ -1,${perFile - 4} +1,${perFile - 4} @@`);
    for (let i = 4; i < perFile; i++) {
      const n = f * perFile + i;
      const changed = task > 0 && noise(task * 7919 + n) < CHANGED;
      out.push(`${n % 3 === 0 ? '+' : ' '}    value_${n} = compute(x, ${changed ? `scale=${task}` : 'scale=1'})  # line ${n}`);
    }
  }
  return out.join('\n') + '\n';
}

async function main() {
  const app = appDir();
  const dir = mkdtempSync(join(tmpdir(), 'bench-details-'));
  const { url, server } = await startServer(dir, app);
  try {
    console.log(`Server ${url}, app ${app}`);
    const t0 = Date.now();
    const { id: project } = await api<{ id: string }>(url, 'projects.create', { name: 'bench details' });
    const ids: string[] = [];
    for (let t = 0; t < TASKS; t++) {
      const { id } = await api<{ id: string }>(url, 'tasks.create', {
        name: `heavy texts ${t}`, project, type: 'training',
        script: { repository: 'https://example.com/repo.git', branch: 'main', entry_point: 'train.py', requirements: { pip: requirements(t) }, diff: uncommitted(t) },
        hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: String(0.1 / (t + 1)), type: 'float' } } },
      });
      ids.push(id);
    }
    console.log(`Created ${TASKS} tasks × ${LINES.toLocaleString('en-US')} requirement lines and ${LINES.toLocaleString('en-US')} diff lines in ${Date.now() - t0} ms`);

    const browser = await chromium.launch({ executablePath: process.env['CHROME_BIN'] || '/usr/bin/chromium' });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration) });
      }).observe({ type: 'longtask', buffered: true });
    });
    const start = Date.now();
    await page.goto(`${url}/compare-tasks;ids=${ids.join(',')}/details`);
    await page.locator('[data-testid="row"]').first().waitFor();
    const firstRows = Date.now() - start;
    const clickStart = Date.now();
    await page.getByTestId('next-diff').click();
    await page.locator('[data-testid="row"].current').waitFor();
    const clickAnswered = Date.now() - clickStart;
    const counter = await page.getByTestId('diff-counter').textContent();
    const scrollStart = Date.now();
    await page.getByTestId('side-by-side').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const scrolled = Date.now() - scrollStart;
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    const rowsDrawn = await page.locator('[data-testid="row"]').count();

    console.log(`First rows drawn:            ${firstRows} ms after navigation start`);
    console.log(`Next difference answered in: ${clickAnswered} ms (counter ${counter?.trim()})`);
    console.log(`Interactive after:           ${firstRows + clickAnswered} ms`);
    console.log(`Scroll to the middle drawn:  ${scrolled} ms (${rowsDrawn} rows in the DOM)`);
    console.log(`Long tasks (> 50 ms):        ${longTasks.length}, total ${longTasks.reduce((s, t) => s + t.duration, 0)} ms, longest ${Math.max(0, ...longTasks.map((t) => t.duration))} ms`);
    for (const task of longTasks) console.log(`  at ${task.start} ms: ${task.duration} ms`);
    await browser.close();
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
