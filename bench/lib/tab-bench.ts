/**
 * Opens one compare tab on the tabs database (bench/lib/tabs-data.ts) in fresh headless Chromium
 * pages, one warm-up and then `runs` measured runs: the time (in the page, from navigation start)
 * until `ready` holds, the longest main-thread task until then, any `extra` figures read once ready,
 * and the memory of the last run. Each run then also opens the tab inside the running app, from the
 * `from` view once that has settled: the tab's own time, without the app's start-up.
 */
import { parseArgs } from 'node:util';
import {
  appDir,
  fromSettledView,
  launchBrowser,
  longTasks,
  median,
  openByUrl,
  openInApp,
  pageMemory,
  probedPage,
  startServer,
  timeWhen,
  type PageMemory,
} from './page';
import { tabsDatabase } from './tabs-data';

export interface TabRun {
  ready: number;
  longest: number;
  extra: Record<string, number>;
  /** Opened inside the running app: ms from the switch to ready, and the longest task since. */
  inApp: { ready: number; longest: number };
}

export interface TabBench {
  /** The view after `/compare-tasks;ids=.../`, e.g. `hyper-params/graph`. */
  view: string;
  /** A JavaScript expression, true once the tab shows what is measured. */
  ready: string;
  /** Figures read in the page once ready (expressions giving numbers). */
  extra?: Record<string, string>;
  /** Done in the page after the figures, before the memory is read (e.g. scroll through the tab). */
  after?: string;
  /** The view the in-app run starts from (default `details`). */
  from?: string;
}

export async function runTabBench(bench: TabBench): Promise<{
  runs: TabRun[];
  medianReady: number;
  medianLongest: number;
  inApp: { ready: number; longest: number };
  memory: PageMemory;
  extra: Record<string, number>;
}> {
  const { values: args } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, app: { type: 'string' }, db: { type: 'string' }, files: { type: 'string' } },
    strict: false,
  });
  const runsWanted = Math.max(1, Number(args.runs));
  const { db, files, ids } = await tabsDatabase();
  const server = await startServer(db, files, appDir(typeof args.app === 'string' ? args.app : undefined));
  const browser = await launchBrowser();
  const runs: TabRun[] = [];
  let memory: PageMemory | null = null;
  try {
    for (let i = 0; i <= runsWanted; i++) {
      const page = await probedPage(browser);
      await openByUrl(page, `${server.url}/compare-tasks;ids=${ids.join(',')}/${bench.view}`);
      const ready = await timeWhen(page, bench.ready, 120_000);
      const { longest } = await longTasks(page);
      const extra: Record<string, number> = {};
      for (const [name, expression] of Object.entries(bench.extra ?? {})) extra[name] = Number(await page.evaluate(expression));
      if (i === runsWanted) {
        if (bench.after) await page.evaluate(bench.after);
        memory = await pageMemory(page);
      }
      await page.context().close();
      const inApp = await fromSettledView(browser, server.url, ids, bench.from ?? 'details', (settled) =>
        openInApp(settled, `/compare-tasks;ids=${ids.join(',')}/${bench.view}`, bench.ready),
      );
      const run = { ready: Math.round(ready), longest, extra, inApp };
      console.log(
        `${i === 0 ? 'warm-up' : `run ${i}`}: ${bench.view} ready ${run.ready} ms, longest task ${longest} ms` +
          Object.entries(extra)
            .map(([k, v]) => `, ${k} ${v}`)
            .join('') +
          `; opened in the app from ${bench.from ?? 'details'}: ready ${inApp.ready} ms, longest task ${inApp.longest} ms`,
      );
      if (i > 0) runs.push(run);
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const last = runs[runs.length - 1];
  return {
    runs,
    medianReady: median(runs.map((r) => r.ready)),
    medianLongest: median(runs.map((r) => r.longest)),
    inApp: { ready: median(runs.map((r) => r.inApp.ready)), longest: median(runs.map((r) => r.inApp.longest)) },
    memory: memory!,
    extra: last.extra,
  };
}
