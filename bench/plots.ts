/**
 * node --import tsx bench/plots.ts [--runs 3] [--app DIR] [--demo-only]
 *
 * Plots tab with 100 tasks × 10 plots (issue 11): time until every plot card in the viewport is
 * drawn (≤ 2 s), and that plots well off-screen are not drawn; memory after scrolling to the end.
 * Then Plots opened by its URL on the demo data (issue 27: ≤ 1.5 s to content, no task over 200 ms),
 * beside the Scalars graph on the same tasks in the same runs (bench/lib/plots-demo.ts).
 */
import { parseArgs } from 'node:util';
import { appDir, launchBrowser, memoryResults, result, startServer } from './lib/page';
import { demoDatabase, plotsOnDemoData } from './lib/plots-demo';
import { runTabBench } from './lib/tab-bench';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, app: { type: 'string' }, 'demo-only': { type: 'boolean', default: false } },
  strict: false,
});

/** Cards whose box meets the viewport (or lies within `margin` viewports of it). */
const cards = (test: string) => `[...document.querySelectorAll('[data-testid="plot-card"]')].filter((card) => {
  const r = card.getBoundingClientRect(); const h = innerHeight; ${test}
})`;
const inView = cards('return r.bottom > 0 && r.top < h;');
const farAway = cards('return r.top > 2 * h || r.bottom < -h;');
const drawn = (list: string) => `${list}.filter((card) => card.querySelector('.main-svg')).length`;

async function demoSection() {
  const { db, files } = demoDatabase();
  const server = await startServer(db, files, appDir(typeof args.app === 'string' ? args.app : undefined));
  const browser = await launchBrowser();
  try {
    await plotsOnDemoData(browser, server.url, Math.max(1, Number(args.runs)));
  } finally {
    await browser.close();
    server.stop();
  }
}

async function tabsSection() {
  const plots = await runTabBench({
    view: 'metrics-plots',
    ready: `${inView}.length > 0 && ${inView}.every((card) => card.querySelector('.main-svg'))`,
    extra: {
      cards: `document.querySelectorAll('[data-testid="plot-card"]').length`,
      inView: `${inView}.length`,
      drawnInView: drawn(inView),
      drawnFarAway: drawn(farAway),
      charts: `document.querySelectorAll('.js-plotly-plot').length`,
    },
    after: `(async () => { const el = document.scrollingElement; for (let y = 0; y < el.scrollHeight; y += innerHeight) { el.scrollTop = y; await new Promise((r) => setTimeout(r, 100)); } })()`,
  });
  result('plots tab (100 tasks × 10 plots): viewport drawn', plots.medianReady, 'ms', 2000);
  result('plots tab: plots drawn more than a viewport off-screen', plots.extra['drawnFarAway'], 'plots', 0);
  result('plots tab: longest task', plots.medianLongest, 'ms', 200);
  result('plots tab: opened in the app (from Details), viewport drawn', plots.inApp.ready, 'ms', 2000);
  result('plots tab: opened in the app, longest task', plots.inApp.longest, 'ms', 200);
  memoryResults('plots tab (after scrolling through)', plots.memory);
}

async function main() {
  if (!args['demo-only']) await tabsSection();
  await demoSection();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
