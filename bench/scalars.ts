/**
 * node --import tsx bench/scalars.ts [--db FILE --files DIR] [--app DIR] [--tasks 20]
 *
 * The Scalars graph tab in headless Chromium (/usr/bin/chromium, or CHROME_BIN) against the real
 * server on a large database. Without --db it seeds one into a temporary folder first
 * (`npm run seed -- --tasks 20 --iterations 100000 --metrics 20`, several minutes); pass --db and
 * --files to reuse one. --app is a build of the app (default dist/compare-tasks/browser).
 * Prints: first chart painted and all charts in the viewport (ms after navigation start), the
 * longest main-thread task, the most points sent for one series, and the redraw time of a
 * smoothing change and of a task toggle. No assertions: the figures are for reading.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { db: { type: 'string' }, files: { type: 'string' }, app: { type: 'string' }, tasks: { type: 'string', default: '20' } },
});
const root = resolve(__dirname, '..');
const TASKS = Number(args.tasks);

function seedIfNeeded(): { db: string; files: string } {
  if (args.db && existsSync(args.db)) return { db: args.db, files: args.files ?? join(tmpdir(), 'scalars-bench-files') };
  const dir = mkdtempSync(join(tmpdir(), 'scalars-bench-'));
  const db = join(dir, 'bench.db');
  const files = join(dir, 'files');
  console.log(`Seeding ${db} (${TASKS} tasks x 20 series x 100,000 iterations)…`);
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/seed/cli.ts', '--db', db, '--files', files,
    '--tasks', String(TASKS), '--iterations', '100000', '--metrics', '20'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (seeded.status !== 0) throw new Error('seeding failed');
  return { db, files };
}

function startServer(db: string, files: string): Promise<{ url: string; stop: () => void }> {
  const app = args.app ?? join(root, 'dist/compare-tasks/browser');
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', '--db', db, '--files', files, '--port', '0', '--no-demo'], {
    cwd: root, env: { ...process.env, COMPARE_APP_DIR: app }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /https?:\/\/[^\s]+/.exec(out)?.[0];
      if (url) resolvePromise({ url: url.replace(/\/$/, ''), stop: () => server.kill() });
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

async function taskIds(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/tasks.get_all_ex`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ only_fields: ['id', 'name', 'last_iteration'], page_size: 500, order_by: ['-last_iteration'] }),
  });
  const { data } = (await response.json()) as { data: { tasks: { id: string }[] } };
  return data.tasks.slice(0, TASKS).map((t) => t.id);
}

// In-page scripts are plain strings: the TypeScript loader would add helpers the page lacks.
const IN_VIEW = `[...document.querySelectorAll('[data-testid="scalar-chart"]')].filter((c) => {
  const r = c.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })`;

/** Waits (in the page) until the first chart, or every chart in the viewport, has a line; returns performance.now() then. */
function waitForCharts(page: Page, which: 'first' | 'viewport'): Promise<number> {
  return page.evaluate(`new Promise((done) => {
    const check = () => {
      const drawn = (c) => !!c.querySelector('.scatterlayer .trace');
      const all = [...document.querySelectorAll('[data-testid="scalar-chart"]')];
      const inView = ${IN_VIEW};
      const ready = ${JSON.stringify(which)} === 'first' ? all.some(drawn) : inView.length > 0 && inView.every(drawn);
      if (ready) done(performance.now()); else requestAnimationFrame(check);
    };
    check();
  })`) as Promise<number>;
}

/** Time from an action to the moment every chart in view has redrawn its lines (in the page). */
async function redrawTime(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(`window.__before = ${IN_VIEW}.map((c) => c.querySelector('.scatterlayer')?.innerHTML ?? ''); window.__start = performance.now();`);
  await act();
  return page.evaluate(`new Promise((done) => {
    const check = () => {
      const now = ${IN_VIEW}.map((c) => c.querySelector('.scatterlayer')?.innerHTML ?? '');
      if (now.length && now.every((html, i) => html !== window.__before[i])) done(performance.now() - window.__start);
      else requestAnimationFrame(check);
    };
    check();
  })`) as Promise<number>;
}

async function main() {
  const { db, files } = seedIfNeeded();
  const server = await startServer(db, files);
  const browser = await chromium.launch({ executablePath: process.env['CHROME_BIN'] || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const ids = await taskIds(server.url);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(`window.__longest = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
        .observe({ type: 'longtask', buffered: true });`);
    let maxPoints = 0;
    let histogramCalls = 0;
    page.on('response', async (response) => {
      if (!response.url().includes('multi_task_scalar_metrics_iter_histogram')) return;
      histogramCalls++;
      const body = (await response.json().catch(() => null)) as { data?: { metrics?: Record<string, Record<string, Record<string, { x: number[] }>>> } } | null;
      for (const variants of Object.values(body?.data?.metrics ?? {})) {
        for (const tasks of Object.values(variants)) for (const series of Object.values(tasks)) maxPoints = Math.max(maxPoints, series.x.length);
      }
    });
    console.log(`${ids.length} tasks, ${server.url}`);
    await page.goto(`${server.url}/compare-tasks;ids=${ids.join(',')}/scalars/graph`);
    const first = await waitForCharts(page, 'first');
    const all = await waitForCharts(page, 'viewport');
    const chartCount = await page.getByTestId('scalar-chart').count();
    await page.waitForTimeout(500);
    const longestLoad = (await page.evaluate('window.__longest')) as number;
    await page.evaluate('window.__longest = 0');

    const smoothing = await redrawTime(page, async () => {
      await page.getByTestId('smoothing').focus();
      await page.keyboard.press('End');
    });
    const toggle = await redrawTime(page, async () => {
      await page.getByTestId('scalar-chart').first().locator('.legendtoggle').first().click();
    });
    const longestInteraction = (await page.evaluate('window.__longest')) as number;

    const row = (label: string, value: string, target: string) => console.log(`${label.padEnd(44)} ${value.padStart(10)}   (target ${target})`);
    console.log(`${chartCount} charts on the page, ${histogramCalls} histogram calls`);
    row('first chart painted after navigation start', `${first.toFixed(0)} ms`, '≤ 1,000 ms after the tab opens');
    row('all charts in the viewport painted', `${all.toFixed(0)} ms`, '≤ 2,000 ms');
    row('longest main-thread task while loading', `${longestLoad.toFixed(0)} ms`, '≤ 200 ms');
    row('most points sent for one series', `${maxPoints}`, '≤ 2,000');
    row('smoothing change redrawn', `${smoothing.toFixed(0)} ms`, '≤ 200 ms');
    row('task toggle (legend click) redrawn', `${toggle.toFixed(0)} ms`, '≤ 200 ms');
    row('longest main-thread task while interacting', `${longestInteraction.toFixed(0)} ms`, '≤ 200 ms');
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
