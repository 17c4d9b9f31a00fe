import type * as PlotlyModule from 'plotly.js-dist-min';

export type Plotly = typeof PlotlyModule;

/**
 * Which Plotly build a figure needs. The cartesian bundle (Plotly's official partial build, about
 * a third of the full one's size and parse time) draws the line, bar and box charts most tabs
 * show; parallel coordinates and arbitrary plot types (tables, 3D, maps...) need the full build.
 */
export type PlotlyBundle = 'cartesian' | 'full';

/** Trace types in plotly.js-cartesian-dist-min (see its README). */
const CARTESIAN_TRACES = new Set([
  'bar', 'box', 'contour', 'heatmap', 'histogram', 'histogram2d', 'histogram2dcontour', 'image', 'pie', 'scatter',
  'scatterternary', 'violin',
]);

/** The smallest bundle that draws every trace (a trace without a type is a scatter). */
export function bundleFor(data: readonly unknown[]): PlotlyBundle {
  for (const trace of data) {
    const type = (trace as { type?: unknown } | null)?.type ?? 'scatter';
    if (typeof type !== 'string' || !CARTESIAN_TRACES.has(type)) return 'full';
  }
  return 'cartesian';
}

const unwrap = (module: unknown) => ((module as { default?: Plotly }).default ?? module) as Plotly;
/**
 * Settles on a later task: evaluating a Plotly build is one long task already (about 0.3 s for the
 * cartesian one on a slow machine), and the first chart's draw should not be added to it.
 */
const onNextTask = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 0));
let full: Promise<Plotly> | null = null;
let cartesian: Promise<Plotly> | null = null;
let fullInstance: Plotly | null = null;

/** Whether a loaded Plotly is the full build (draws every trace type). */
export function isFullPlotly(plotly: Plotly): boolean {
  return plotly === fullInstance;
}

/**
 * Plotly is large: each build is loaded once, on first use, by the tabs that chart — never in the
 * initial bundle. Once the full build is loaded (or loading) it serves cartesian figures too.
 */
export function loadPlotly(bundle: PlotlyBundle = 'full'): Promise<Plotly> {
  if (bundle === 'full' || full) {
    return (full ??= import('plotly.js-dist-min').then(unwrap).then((plotly) => (fullInstance = plotly)).then(onNextTask));
  }
  return (cartesian ??= import('plotly.js-cartesian-dist-min').then(unwrap).then(onNextTask));
}
