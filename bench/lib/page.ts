/**
 * Browser-side pieces shared by the tab benchmarks: the server on a bench database, headless
 * Chromium with long-task and WebGL probes, memory readings and the `RESULT | ...` lines.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CHROMIUM_PATH, PROTOCOL_FLAGS, QUIET_FLAGS } from '../../scripts/chromium.cjs';

export const ROOT = resolve(__dirname, '..', '..');

/** The built app to serve: BENCH_APP_DIR, or the first dist/<name>/browser with an index.html. */
export function appDir(explicit?: string): string {
  const chosen = explicit ?? process.env['BENCH_APP_DIR'];
  if (chosen) return resolve(chosen);
  const dist = join(ROOT, 'dist');
  const candidates = existsSync(dist) ? readdirSync(dist).map((d) => join(dist, d, 'browser')) : [];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error('No built app: run `npx ng build` or set BENCH_APP_DIR');
  return found;
}

export interface RunningServer {
  /** Base URL without a trailing slash. */
  url: string;
  stop(): void;
}

/** The real server (server/src/main.ts) on a database, on a free loopback port, serving `app`. */
export function startServer(db: string, files: string, app: string): Promise<RunningServer> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts', '--db', db, '--files', files, '--port', '0', '--no-demo'],
    {
      cwd: ROOT,
      env: { ...process.env, COMPARE_APP_DIR: app },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolveServer, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/\S+?)\/?\s/.exec(out);
      if (match) resolveServer({ url: match[1], stop: () => server.kill() });
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

/**
 * Headless Chromium for the benches. PROTOCOL_FLAGS take out a cost that only the harness brings
 * (Plotly's start under the DevTools protocol: scripts/chromium.cjs, bench/RESULTS.md).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...QUIET_FLAGS, ...PROTOCOL_FLAGS, '--enable-precise-memory-info'],
  });
}

export interface ProbeWindow {
  __longTasks: { start: number; duration: number }[];
  __webgl: { created: number; lost: number; canvases: HTMLCanvasElement[] };
}

/** A fresh page that records long tasks (PerformanceObserver) and WebGL contexts made and lost. */
export async function probedPage(browser: Browser, viewport = { width: 1600, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as ProbeWindow;
    w.__longTasks = [];
    w.__webgl = { created: 0, lost: 0, canvases: [] };
    // Every request stays listed (the default keeps 250): \`settled\` reads when the last one ended.
    performance.setResourceTimingBufferSize(100_000);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__longTasks.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration) });
    }).observe({ type: 'longtask', buffered: true });
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const known = w.__webgl.canvases.includes(this);
      const result = (original as (this: HTMLCanvasElement, t: string, ...r: unknown[]) => RenderingContext | null).call(
        this,
        type,
        ...rest,
      );
      if (result && /webgl/.test(type) && !known) {
        w.__webgl.created++;
        w.__webgl.canvases.push(this);
        this.addEventListener('webglcontextlost', () => w.__webgl.lost++);
      }
      return result;
    } as typeof original;
  });
  return page;
}

export async function longTasks(page: Page, sinceMs = 0): Promise<{ count: number; total: number; longest: number }> {
  const tasks = await page.evaluate(() => (window as unknown as ProbeWindow).__longTasks);
  const seen = tasks.filter((t) => t.start >= sinceMs);
  return { count: seen.length, total: seen.reduce((s, t) => s + t.duration, 0), longest: Math.max(0, ...seen.map((t) => t.duration)) };
}

export interface PageMemory {
  heapMB: number;
  domNodes: number;
  /** WebGL contexts whose canvas is still in the page. */
  webglLive: number;
  webglCreated: number;
  webglLost: number;
}

/** JS heap after a forced garbage collection, DOM nodes in the document, WebGL contexts alive and lost. */
export async function pageMemory(page: Page): Promise<PageMemory> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const gl = await page.evaluate(() => {
    const w = (window as unknown as ProbeWindow).__webgl;
    return { created: w.created, lost: w.lost, live: w.canvases.filter((c) => c.isConnected).length };
  });
  return {
    heapMB: Math.round((metric('JSHeapUsedSize') / 1e6) * 10) / 10,
    domNodes: await page.evaluate(() => document.getElementsByTagName('*').length),
    webglLive: gl.live,
    webglCreated: gl.created,
    webglLost: gl.lost,
  };
}

/** CPU time (ms) used so far by the browser's processes (named as its executable), from /proc; null where there is none. */
function browserCpuMs(executable: string): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const name = basename(executable);
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (basename(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]) !== name) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/**
 * Opens `url` as a shared link opens in a browser that is already running: in a tab that is open
 * and idle. Each new Playwright page is a new headless window, and Chromium starts a window's own
 * pages with it (its address bar's popup is a WebUI app of some 60 scripts): over a second of CPU
 * on a 2-core machine, which a page opened at once shares both cores with. The tab first shows a
 * static file of the same site (the same renderer then opens the URL), and waits until the
 * browser's processes have used no CPU for 300 ms (at most 10 s), then goes to `url`. The app's own start, its code,
 * requests and drawing are all measured; the browser's are not.
 */
export async function openByUrl(page: Page, url: string): Promise<void> {
  await page.goto(new URL('/favicon.svg', url).href);
  const executable = CHROMIUM_PATH;
  const deadline = Date.now() + 10_000;
  let last = browserCpuMs(executable);
  if (last === null) {
    await page.waitForTimeout(2_000);
  } else {
    for (let quiet = 0; quiet < 3 && Date.now() < deadline;) {
      await page.waitForTimeout(100);
      const now = browserCpuMs(executable)!;
      quiet = now - last <= 10 ? quiet + 1 : 0;
      last = now;
    }
  }
  await page.goto(url, { waitUntil: 'commit' });
}

/** Waits (checking every frame) until `predicate` holds in the page; returns performance.now() there. */
export async function timeWhen(page: Page, predicate: string, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(`(${predicate}) ? performance.now() : false`, undefined, {
    polling: 'raf',
    timeout: timeoutMs,
  });
  return Number(await handle.jsonValue());
}

/**
 * Opens `path` inside the running app, the way its own back and forward do (a history entry and a
 * popstate event the router follows), and waits until `predicate` holds: the time from the switch
 * to ready, without the app's start-up, the longest main-thread task since the switch, and the
 * page's clock at the switch.
 */
export async function openInApp(
  page: Page,
  path: string,
  predicate: string,
  timeoutMs = 120_000,
): Promise<{ ready: number; longest: number; start: number }> {
  const start = await page.evaluate((to) => {
    const at = performance.now();
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    return at;
  }, path);
  const at = await timeWhen(page, predicate, timeoutMs);
  const { longest } = await longTasks(page, start);
  return { ready: Math.round(at - start), longest, start };
}

/** The least time given to a view opened by its URL before it counts as settled. */
const SETTLE_MS = 2000;
/**
 * Settled: no resource finished loading for 500 ms and no long task for 2.5 s (headless Chromium
 * runs idle callbacks, such as the compare page's Plotly prefetch, up to about 1.3 s into a quiet
 * spell: a shorter wait could start a measurement just before the prefetch's evaluation).
 */
const QUIET_NETWORK_MS = 500;
const QUIET_MS = 2500;

/**
 * Waits until a page has done what it does by itself: its requests answered, its renders done and
 * whatever it loads ahead when idle (the compare page's Plotly prefetch) loaded.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(SETTLE_MS);
  await page.waitForFunction(
    `(() => {
      const now = performance.now();
      const t = window.__longTasks;
      const lastTask = t.length ? t[t.length - 1].start + t[t.length - 1].duration : 0;
      const lastResource = Math.max(0, ...performance.getEntriesByType('resource').map((e) => e.responseEnd));
      return now - lastTask > ${QUIET_MS} && now - lastResource > ${QUIET_NETWORK_MS};
    })()`,
    undefined,
    { polling: 100, timeout: 60_000 },
  );
}

/**
 * Runs `measure` on a fresh page showing the comparison's `from` view once it has settled, the
 * start of a run that opens another view inside the app (`openInApp`); the page is closed after.
 */
export async function fromSettledView<T>(
  browser: Browser,
  url: string,
  ids: readonly string[],
  from: string,
  measure: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await probedPage(browser);
  try {
    await page.goto(`${url}/compare-tasks;ids=${ids.join(',')}/${from}`);
    await settled(page);
    return await measure(page);
  } finally {
    await page.context().close();
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints one `RESULT | what | measured | target | PASS/FAIL` line (the `npm run bench` convention). */
export function result(what: string, measured: number, unit: string, target: number, atMost = true): boolean {
  const pass = atMost ? measured <= target : measured >= target;
  const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1));
  console.log(`RESULT | ${what} | ${fmt(measured)} ${unit} | ${atMost ? '≤' : '≥'} ${fmt(target)} ${unit} | ${pass ? 'PASS' : 'FAIL'}`);
  return pass;
}

/** The memory rows every tab bench prints (issue 11: heap ≤ 300 MB, DOM ≤ 15,000, WebGL ≤ 8 none lost). */
export function memoryResults(tab: string, memory: PageMemory): void {
  result(`${tab}: JS heap`, memory.heapMB, 'MB', 300);
  result(`${tab}: DOM nodes`, memory.domNodes, 'nodes', 15_000);
  const glPass = memory.webglLive <= 8 && memory.webglLost === 0;
  console.log(
    `RESULT | ${tab}: WebGL contexts | ${memory.webglLive} live, ${memory.webglLost} lost (${memory.webglCreated} made) | ≤ 8, none lost | ${glPass ? 'PASS' : 'FAIL'}`,
  );
}
