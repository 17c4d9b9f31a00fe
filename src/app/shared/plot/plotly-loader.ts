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
  'bar',
  'box',
  'contour',
  'heatmap',
  'histogram',
  'histogram2d',
  'histogram2dcontour',
  'image',
  'pie',
  'scatter',
  'scatterternary',
  'violin',
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

/**
 * Settles on a later task: running a Plotly build is a task of its own (see importBuild), and the
 * first chart's draw should not be added to it.
 */
const onNextTask = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 0));
const builds = new Map<Plotly, PlotlyBundle>();

/** Each build's file, copied beside the app from its npm package (angular.json's assets). */
export const BUILD_FILES: Record<PlotlyBundle, string> = {
  basic: 'plotly/plotly-basic.min.js',
  cartesian: 'plotly/plotly-cartesian.min.js',
  full: 'plotly/plotly.min.js',
};

/**
 * Runs a build as a classic script rather than through `import()`. Bundled as a module, the whole
 * megabyte sits inside one wrapper function that the browser compiles on the main thread the first
 * time it runs; a classic script is compiled while it downloads, off the main thread, and with the
 * compile hint scripts/plotly-builds.mjs puts at its top, all of it: a fresh page's task for the
 * build is a fraction of the bundled one's (bench/RESULTS.md, bundle). Every build sets
 * `window.Plotly` as it runs; its load event follows the run at once.
 */
function importBuild(bundle: PlotlyBundle, doc: Document): Promise<Plotly> {
  return new Promise<Plotly>((resolve, reject) => {
    const script = doc.createElement('script');
    script.async = true;
    script.src = new URL(BUILD_FILES[bundle], doc.baseURI).href;
    script.onload = () => {
      const plotly = (doc.defaultView as (Window & { Plotly?: Plotly }) | null)?.Plotly;
      if (plotly && typeof plotly.react === 'function') resolve(plotly);
      else reject(new Error(`Plotly (${bundle} build) did not start: ${script.src}`));
    };
    script.onerror = () => reject(new Error(`Plotly (${bundle} build) could not be loaded from ${script.src}`));
    doc.head.appendChild(script);
  });
}

/** Whether a loaded Plotly draws every trace of `bundle` (it is that build or a larger one). */
export function drawsBundle(plotly: Plotly, bundle: PlotlyBundle): boolean {
  const build = builds.get(plotly);
  return build !== undefined && RANK[build] >= RANK[bundle];
}

/**
 * Plotly is large: each build is loaded once, on first use, by the tabs that chart — never with the
 * app's own code. A larger build, once loaded (or loading), serves smaller figures too. A build that
 * fails to load rejects, and is asked for again by the next call.
 */
export class PlotlyLoader {
  private readonly loading: Partial<Record<PlotlyBundle, Promise<Plotly>>> = {};

  /** `doc`: the document the scripts run in (its base URI locates the builds). */
  constructor(private readonly doc: Document) {}

  load(bundle: PlotlyBundle = 'full'): Promise<Plotly> {
    for (const build of LARGEST_FIRST) {
      if (RANK[build] < RANK[bundle]) break;
      const pending = this.loading[build];
      if (pending) return pending;
    }
    const load: Promise<Plotly> = importBuild(bundle, this.doc).then(
      (plotly) => (builds.set(plotly, bundle), onNextTask(plotly)),
      (err: unknown) => {
        // Not kept: the next chart that needs this build tries again (the server may be back).
        if (this.loading[bundle] === load) delete this.loading[bundle];
        throw err;
      },
    );
    return (this.loading[bundle] = load);
  }
}

let pageLoader: PlotlyLoader | null = null;

/** Plotly for this page (see PlotlyLoader). */
export function loadPlotly(bundle: PlotlyBundle = 'full'): Promise<Plotly> {
  return (pageLoader ??= new PlotlyLoader(document)).load(bundle);
}

/** After the page's first view has had this long to load and draw. */
const PREFETCH_AFTER_MS = 1500;

/**
 * Loads the basic build ahead of need, like a router preloading its lazy routes: once the page
 * has settled and the browser is idle, so the first chart a person opens does not wait for
 * Plotly's download and evaluation (done while nothing else runs). Not
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
