import type * as PlotlyModule from 'plotly.js-dist-min';

export type Plotly = typeof PlotlyModule;

/**
 * Which Plotly build a figure needs. Plotly publishes partial builds with the same API: the basic
 * one (scatter, bar, pie: every Scalars chart, the summary and the scatter plot) evaluates in less
 * than half the time of the cartesian one, which adds the box, heatmap, histogram and contour plots
 * that reported plots use; tables, 3D, maps and the rest need the full build.
 */
export type PlotlyBundle = 'basic' | 'cartesian' | 'full';

/** Trace types in plotly.js-basic-dist-min and plotly.js-cartesian-dist-min (see their READMEs). */
const BASIC_TRACES = new Set(['bar', 'pie', 'scatter']);
const CARTESIAN_TRACES = new Set([
  'bar', 'box', 'contour', 'heatmap', 'histogram', 'histogram2d', 'histogram2dcontour', 'image', 'pie', 'scatter',
  'scatterternary', 'violin',
]);
const RANK: Record<PlotlyBundle, number> = { basic: 0, cartesian: 1, full: 2 };
const LARGEST_FIRST: PlotlyBundle[] = ['full', 'cartesian', 'basic'];

/** The smallest bundle that draws every trace (a trace without a type is a scatter). */
export function bundleFor(data: readonly unknown[]): PlotlyBundle {
  let bundle: PlotlyBundle = 'basic';
  for (const trace of data) {
    const type = (trace as { type?: unknown } | null)?.type ?? 'scatter';
    if (typeof type !== 'string' || !CARTESIAN_TRACES.has(type)) return 'full';
    if (!BASIC_TRACES.has(type)) bundle = 'cartesian';
  }
  return bundle;
}

const unwrap = (module: unknown) => ((module as { default?: Plotly }).default ?? module) as Plotly;
/**
 * Settles on a later task: evaluating a Plotly build is one long task already (about 0.3 s for the
 * basic one on a slow machine), and the first chart's draw should not be added to it.
 */
const onNextTask = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 0));
const loading: Partial<Record<PlotlyBundle, Promise<Plotly>>> = {};
const builds = new Map<Plotly, PlotlyBundle>();

function importBuild(bundle: PlotlyBundle): Promise<unknown> {
  if (bundle === 'basic') return import('plotly.js-basic-dist-min');
  if (bundle === 'cartesian') return import('plotly.js-cartesian-dist-min');
  return import('plotly.js-dist-min');
}

/** Whether a loaded Plotly draws every trace of `bundle` (it is that build or a larger one). */
export function drawsBundle(plotly: Plotly, bundle: PlotlyBundle): boolean {
  const build = builds.get(plotly);
  return build !== undefined && RANK[build] >= RANK[bundle];
}

/**
 * Plotly is large: each build is loaded once, on first use, by the tabs that chart — never in the
 * initial bundle. A larger build, once loaded (or loading), serves smaller figures too.
 */
export function loadPlotly(bundle: PlotlyBundle = 'full'): Promise<Plotly> {
  for (const build of LARGEST_FIRST) {
    if (RANK[build] < RANK[bundle]) break;
    const pending = loading[build];
    if (pending) return pending;
  }
  return (loading[bundle] = importBuild(bundle)
    .then(unwrap)
    .then((plotly) => (builds.set(plotly, bundle), plotly))
    .then(onNextTask));
}

/** After the page's first view has had this long to load and draw. */
const PREFETCH_AFTER_MS = 1500;

/**
 * Loads the basic build ahead of need, like a router preloading its lazy routes: once the page
 * has settled and the browser is idle, so the first chart a person opens does not wait for
 * Plotly's download and evaluation (about 0.3 s of one task, spent while nothing else runs). Not
 * when the page is hidden or the browser asks to save data. Returns a function that cancels it.
 */
export function prefetchPlotlyWhenIdle(win: Window = window): () => void {
  const saveData = (win.navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
  if (saveData) return () => undefined;
  let idleHandle: number | null = null;
  const timer = win.setTimeout(() => {
    // (a build already loaded or loading is used as it is: loadPlotly asks for nothing more)
    const run = () => {
      if (!win.document.hidden) loadPlotly('basic').catch(() => undefined);
    };
    if (win.requestIdleCallback) idleHandle = win.requestIdleCallback(run, { timeout: 5000 });
    else run();
  }, PREFETCH_AFTER_MS);
  return () => {
    win.clearTimeout(timer);
    if (idleHandle !== null) win.cancelIdleCallback(idleHandle);
  };
}
