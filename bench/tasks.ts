/**
 * node --import tsx bench/tasks.ts [--app DIR]      (or: npm run bench -- tasks)
 *
 * The task table with 5,000 tasks (bench/.data/tasks-5000.db, built once) in headless Chromium,
 * against the real server: first rows painted after navigation start, the longest main-thread
 * task while scrolling the table (PerformanceObserver 'longtask') and while paging, and memory.
 * For the default page (50 rows) and the largest page (500 rows). Median of 3 runs after a warm-up.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_PATH, QUIET_FLAGS } from '../scripts/chromium.cjs';
import { parseArgs } from 'node:util';
import { taskTableDatabase } from './lib/data';
import { median } from './lib/http';
import { installProbes, longestTask, memoryResults, readMemory, resetLongest, type MemoryFigures } from './lib/memory';
import { result } from './lib/result';
import { openByUrl } from './lib/page';
import { ROOT, startServer } from './lib/server';

const { values: args } = parseArgs({
  options: { app: { type: 'string' }, db: { type: 'string' }, files: { type: 'string' } },
  strict: false,
});
const APP_DIR = (args.app as string | undefined) ?? process.env['BENCH_APP_DIR'] ?? join(ROOT, 'dist/compare-tasks/browser');
const RUNS = 3;
const ROW = 'tr[data-task-id]';

interface RunFigures {
  firstRows: number;
  scrollLongest: number;
  pageLongest: number;
  pageChange: number;
  memory: MemoryFigures;
}

/** performance.now() at the first frame painted after rows are in the document. */
function firstRowsPainted(page: Page): Promise<number> {
  return page.evaluate(`new Promise((done) => {
    const check = () => {
      if (document.querySelector(${JSON.stringify(ROW)})) requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
      else requestAnimationFrame(check);
    };
    check();
  })`) as Promise<number>;
}

async function scrollThrough(page: Page): Promise<void> {
  const box = await page.locator('.table-scroll').boundingBox();
  if (!box) throw new Error('no table');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 200; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(16);
    const atBottom = await page.evaluate(
      `(() => { const s = document.querySelector('.table-scroll'); return s.scrollTop + s.clientHeight >= s.scrollHeight - 2; })()`,
    );
    if (atBottom) break;
  }
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

async function oneRun(browser: Browser, url: string, rows: number): Promise<RunFigures> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await installProbes(page);
    await openByUrl(page, `${url}tasks${rows === 50 ? '' : `?size=${rows}`}`);
    const firstRows = await firstRowsPainted(page);
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(ROW)}).length >= ${rows}`);
    await page.waitForTimeout(300);
    await resetLongest(page);
    await scrollThrough(page);
    await page.waitForTimeout(200);
    const scrollLongest = await longestTask(page);
    await resetLongest(page);
    const changes: number[] = [];
    for (let p = 0; p < 3; p++) {
      const before = await page.locator(ROW).first().getAttribute('data-task-id');
      const start = Date.now();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.waitForFunction(
        `document.querySelector(${JSON.stringify(ROW)})?.getAttribute('data-task-id') !== ${JSON.stringify(before)}`,
      );
      changes.push(Date.now() - start);
    }
    await page.waitForTimeout(200);
    const pageLongest = await longestTask(page);
    const memory = await readMemory(page);
    return { firstRows, scrollLongest, pageLongest, pageChange: median(changes), memory };
  } finally {
    await page.close();
  }
}

async function main() {
  const { db, files } = taskTableDatabase(5000);
  const server = await startServer({ db, files, appDir: APP_DIR });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', ...QUIET_FLAGS],
  });
  try {
    console.log(`5,000 tasks, ${server.url}, app ${APP_DIR}`);
    for (const rows of [50, 500]) {
      await oneRun(browser, server.url, rows); // warm-up
      const runs: RunFigures[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, server.url, rows));
      const pick = (f: (r: RunFigures) => number) => median(runs.map(f));
      console.log(
        `\n${rows} rows a page: first rows ${runs.map((r) => r.firstRows.toFixed(0)).join(' / ')} ms, ` +
          `longest task while scrolling ${runs.map((r) => r.scrollLongest.toFixed(0)).join(' / ')} ms, ` +
          `while paging ${runs.map((r) => r.pageLongest.toFixed(0)).join(' / ')} ms, next page ${runs.map((r) => r.pageChange).join(' / ')} ms`,
      );
      const label = `task table (5,000 tasks, ${rows} rows a page)`;
      result(
        `${label}: first rows painted`,
        pick((r) => r.firstRows),
        'ms',
        1000,
      );
      result(
        `${label}: longest task while scrolling`,
        pick((r) => r.scrollLongest),
        'ms',
        100,
      );
      result(
        `${label}: longest task while paging`,
        pick((r) => r.pageLongest),
        'ms',
        100,
      );
      const mid = [...runs].sort((a, b) => a.memory.heapMB - b.memory.heapMB)[Math.floor(runs.length / 2)];
      memoryResults(label, mid.memory);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
