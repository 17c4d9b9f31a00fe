import { Trace, traceType } from './plot-parse';

/** Keys that may differ between the box traces of one plot merged into one trace (names, values, colours). */
const PER_BOX = new Set([
  'name',
  'x',
  'y',
  'marker',
  'line',
  'fillcolor',
  'legendgroup',
  'showlegend',
  'uid',
  'offsetgroup',
  'alignmentgroup',
]);
/** Keys of the first box not carried into the merged trace: the task's trace is named, grouped and placed anew. */
const NOT_CARRIED = ['name', 'uid', 'legendgroup', 'showlegend', 'offsetgroup', 'alignmentgroup'];

/** The axis that places a box by its name (`x` for upright boxes), or null when the trace places itself. */
function positionAxis(trace: Trace): 'x' | 'y' | null {
  const axis = trace['orientation'] === 'h' ? 'y' : 'x';
  const values = axis === 'x' ? 'y' : 'x';
  if (trace[axis] !== undefined || trace[`${axis}0`] !== undefined) return null;
  if (typeof trace['name'] !== 'string' || !Array.isArray(trace[values])) return null;
  return axis;
}

/** A trace's settings other than its own name, values and colours, to tell whether boxes are drawn alike. */
function style(trace: Trace): string {
  return JSON.stringify(Object.entries(trace).filter(([key]) => !PER_BOX.has(key)));
}

/**
 * A task's box plot as one box trace: each box of the plot placed by its name on the category axis.
 * Several tasks' plots overlaid then draw each category's boxes side by side, a box per task (Plotly's
 * `boxmode: 'group'`), with a legend entry per task; kept as a trace per box, 12 tasks' plots of 25
 * boxes made 300 traces, 300 x categories and 300 legend entries, and Plotly's cost of drawing grows
 * with the number of traces (about half a second for those 300). Returns null when the plot is not
 * made only of boxes placed by their names and drawn alike (those keep a trace per box).
 */
export function mergedBoxes(data: readonly Trace[]): Trace | null {
  if (data.length < 2 || !data.every((t) => traceType(t) === 'box')) return null;
  const axis = positionAxis(data[0]);
  const first = style(data[0]);
  if (!axis || !data.every((t) => positionAxis(t) === axis && style(t) === first)) return null;
  const values = axis === 'x' ? 'y' : 'x';
  const positions: string[] = [];
  const merged: unknown[] = [];
  for (const trace of data) {
    const own = trace[values] as unknown[];
    for (const value of own) {
      positions.push(trace['name'] as string);
      merged.push(value);
    }
  }
  const trace: Trace = { ...data[0], [axis]: positions, [values]: merged };
  for (const key of NOT_CARRIED) delete trace[key];
  return trace;
}
