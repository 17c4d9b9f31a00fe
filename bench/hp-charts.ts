/**
 * node --import tsx bench/hp-charts.ts [--runs 3] [--app DIR]
 *
 * Hyperparameters → parallel coordinates and scatter with 100 tasks × 50 parameters (issue 11:
 * ≤ 1 s each, from navigation start to the chart drawn with every task, and again opened inside the
 * running app), plus memory.
 */
import { memoryResults, result } from './lib/page';
import { runTabBench } from './lib/tab-bench';

async function main() {
  const graph = await runTabBench({
    view: 'hyper-params/graph',
    ready: `document.querySelectorAll('[data-testid="parcoords"] [data-testid="pc-axis"]').length > 1 && document.querySelectorAll('[data-testid="parcoords"] [data-testid="pc-line"]').length >= 100`,
    extra: { axes: `document.querySelectorAll('[data-testid="parcoords"] [data-testid="pc-axis"]').length` },
  });
  const scatter = await runTabBench({
    view: 'hyper-params/scatter',
    ready: `document.querySelectorAll('[data-testid="scatter"] .scatterlayer .point').length >= 100`,
    extra: { points: `document.querySelectorAll('[data-testid="scatter"] .scatterlayer .point').length` },
  });
  result('parallel coordinates (100 tasks × 50 parameters): drawn', graph.medianReady, 'ms', 1000);
  result('parallel coordinates: longest task', graph.medianLongest, 'ms', 200);
  result('parallel coordinates: opened in the app (from Details), drawn', graph.inApp.ready, 'ms', 1000);
  result('parallel coordinates: opened in the app, longest task', graph.inApp.longest, 'ms', 200);
  memoryResults('parallel coordinates', graph.memory);
  result('scatter (100 tasks × 50 parameters): drawn', scatter.medianReady, 'ms', 1000);
  result('scatter: longest task', scatter.medianLongest, 'ms', 200);
  result('scatter: opened in the app (from Details), drawn', scatter.inApp.ready, 'ms', 1000);
  result('scatter: opened in the app, longest task', scatter.inApp.longest, 'ms', 200);
  memoryResults('scatter', scatter.memory);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
