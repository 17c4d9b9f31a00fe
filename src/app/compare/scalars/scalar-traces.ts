import type { Data, Layout } from 'plotly.js-dist-min';
import { ScalarHistogram, ScalarSeries } from '../../core/api/events-api';
import { PlotFigure } from '../../shared/plot/plot-figure';
import { TaskDash, TaskSymbol } from '../../shared/task-colors';
import { plotText } from '../summary/summary-figure';
import { ChartDef, ScalarGraphOptions, XAxis } from './scalar-graph-options';
import { SpikeMark, spikeMarks } from './spike-marks';

/** A compared task as a chart draws it. `params`: the hyperparameters that differ (may be empty). */
export interface TraceTask {
  id: string;
  displayName: string;
  color: string;
  params: string;
  /** Past the palette's colours: the task's line dash and marker (absent: solid, no marker). */
  dash?: TaskDash;
  symbol?: TaskSymbol;
}

export interface ChartFigure {
  figure: PlotFigure;
  /** The task of each trace, by trace index (to map a legend click to a task). */
  traceTaskIds: string[];
  /** "N of M points" when a series is downsampled, else null. */
  pointsLabel: string | null;
  /** How many series were drawn (0: nothing reported for this chart). */
  seriesCount: number;
}

const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];

/**
 * Exponential moving average with the first-value bias removed (as TensorBoard does):
 * s_i = w·s_{i-1} + (1−w)·y_i, shown as s_i / (1 − w^(i+1)). Non-finite values are passed through
 * and do not move the average. Weight 0 returns the values unchanged.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let count = 0;
  return values.map((y) => {
    if (!Number.isFinite(y)) return y;
    last = last * weight + (1 - weight) * y;
    count++;
    return last / (1 - Math.pow(weight, count));
  });
}

/** A series' smoothed values, kept per series and weight: a task toggle redraws the same arrays. */
const smoothings = new WeakMap<ScalarSeries, { weight: number; values: number[] }>();
function smoothed(series: ScalarSeries, weight: number): number[] {
  const kept = smoothings.get(series);
  if (kept?.weight === weight) return kept.values;
  const values = smooth(series.y, weight);
  smoothings.set(series, { weight, values });
  return values;
}

/** The legend and hover name of a task: its display name plus what differs in its hyperparameters. */
export function legendName(task: TraceTask, variant: string | null): string {
  const base = variant === null ? task.displayName : `${task.displayName} · ${variant}`;
  return task.params ? `${base} (${task.params})` : base;
}

/** The x values to plot: iterations, seconds since `origin` (default: the series' first x), or wall time (ms, date axis). */
export function xValues(series: ScalarSeries, xAxis: XAxis, origin?: number): number[] {
  if (xAxis !== 'relative' || !series.x.length) return series.x;
  const start = origin ?? series.x[0];
  return series.x.map((x) => (x - start) / 1000);
}

/** Each task's start in a chart (its earliest timestamp over the chart's series), for relative time. */
export function taskOrigins(chart: ChartDef, histogram: ScalarHistogram): Record<string, number> {
  const origins: Record<string, number> = {};
  for (const { metric, variants } of chart.metrics) {
    for (const variant of variants) {
      for (const [taskId, series] of Object.entries(histogram[metric]?.[variant] ?? {})) {
        const first = series.x?.[0];
        if (typeof first === 'number' && !(first >= origins[taskId])) origins[taskId] = first;
      }
    }
  }
  return origins;
}

/**
 * The band polygon of a series (x there and back, y_max then y_min reversed), kept per series
 * object: a smoothing change or a task toggle reuses the same arrays instead of rebuilding them.
 */
const envelopes = new WeakMap<ScalarSeries, Map<string, { x: number[]; y: number[] }>>();
function envelopeOf(series: ScalarSeries, x: number[], cacheKey: string): { x: number[]; y: number[] } {
  let byAxis = envelopes.get(series);
  if (!byAxis) envelopes.set(series, (byAxis = new Map()));
  let band = byAxis.get(cacheKey);
  if (!band) {
    band = { x: [...x, ...[...x].reverse()], y: [...series.y_max!, ...[...series.y_min!].reverse()] };
    byAxis.set(cacheKey, band);
  }
  return band;
}

/** One band trace for bands of one colour: their polygons joined with gaps (`toself` closes each). */
interface BandGroup {
  fillcolor: string;
  bands: { x: number[]; y: number[] }[];
  taskIds: Set<string>;
  /** What the joined arrays are made of, to find them again. */
  key: string;
}

/** Joined band arrays, per histogram: a smoothing change reuses them, as it does single bands. */
const joinedBands = new WeakMap<ScalarHistogram, Map<string, { x: (number | null)[]; y: (number | null)[] }>>();
function joinBands(histogram: ScalarHistogram, group: BandGroup): { x: (number | null)[]; y: (number | null)[] } {
  if (group.bands.length === 1) return group.bands[0];
  let byKey = joinedBands.get(histogram);
  if (!byKey) joinedBands.set(histogram, (byKey = new Map()));
  let joined = byKey.get(group.key);
  if (!joined) {
    joined = { x: [], y: [] };
    for (const band of group.bands) {
      if (joined.x.length) {
        joined.x.push(null);
        joined.y.push(null);
      }
      for (let i = 0; i < band.x.length; i++) {
        joined.x.push(band.x[i]);
        joined.y.push(band.y[i]);
      }
    }
    if (byKey.size >= 64) byKey.clear(); // task toggles make new combinations; keep a few
    byKey.set(group.key, joined);
  }
  return joined;
}

/** The spike marks of a series, kept per series object as its band is. */
const marksOf = new WeakMap<ScalarSeries, SpikeMark[]>();
function seriesSpikes(series: ScalarSeries): SpikeMark[] {
  let marks = marksOf.get(series);
  if (!marks) marksOf.set(series, (marks = spikeMarks(series.y, series.y_min!, series.y_max!)));
  return marks;
}

/**
 * A series' spike marks: from the line up (or down) to the extreme, a stem in the task's colour
 * ending in a triangle, so a spike averaged away in its bucket is seen at a glance. Two traces:
 * the stems (no hover) and the triangles (hover: the extreme's value).
 */
/** The `meta` of the spike marks' traces, telling them from the tasks' lines. */
export const SPIKE_MARK = 'spike-mark';

/** The spike marks of one series, with what they are drawn from. */
export interface SeriesSpikes {
  marks: SpikeMark[];
  x: number[];
  line: number[];
  color: string;
  name: string;
}

/**
 * Spike marks one chart draws at most. Each mark is two SVG paths (a stem and a triangle): 100
 * tasks whose series each hold a dozen real spikes made 1,200 marks and tripled a chart's nodes
 * (and its draw), and so many marks are clutter, not a glance.
 */
export const MAX_CHART_MARKS = 24;

/**
 * The series' marks, only the `max` that depart furthest from their line (in the chart's units,
 * so the largest on screen) kept; each series keeps its place (with no marks when none is kept).
 */
export function strongestMarks(series: readonly SeriesSpikes[], max: number): SeriesSpikes[] {
  const all = series.flatMap((s, at) => s.marks.map((mark) => ({ at, mark, length: Math.abs(mark.value - s.line[mark.index]) || 0 })));
  if (all.length <= max) return [...series];
  // A stable sort: marks of equal length are kept in chart order.
  const kept = new Set(
    all
      .sort((a, b) => b.length - a.length)
      .slice(0, max)
      .map((m) => m.mark),
  );
  return series.map((s) => ({ ...s, marks: s.marks.filter((mark) => kept.has(mark)) }));
}

function spikeTraces(series: readonly SeriesSpikes[]): Data[] {
  if (!series.some((s) => s.marks.length)) return [];
  // Stems: one trace per colour, segments split by nulls.
  const stems = new Map<string, { x: (number | null)[]; y: (number | null)[] }>();
  const tips = { x: [] as number[], y: [] as number[], color: [] as string[], symbol: [] as string[], text: [] as string[] };
  for (const { marks, x, line, color, name } of series) {
    if (!marks.length) continue;
    let stem = stems.get(color);
    if (!stem) stems.set(color, (stem = { x: [], y: [] }));
    for (const { index, value, side } of marks) {
      stem.x.push(x[index], x[index], null);
      stem.y.push(line[index], value, null);
      tips.x.push(x[index]);
      tips.y.push(value);
      tips.color.push(color);
      tips.symbol.push(side === 'max' ? 'triangle-up' : 'triangle-down');
      tips.text.push(name);
    }
  }
  return [
    ...[...stems].map(
      ([color, stem]) =>
        ({
          type: 'scatter',
          mode: 'lines',
          x: stem.x,
          y: stem.y,
          line: { color, width: 1.5 },
          hoverinfo: 'skip',
          showlegend: false,
          meta: SPIKE_MARK,
        }) as Data,
    ),
    {
      type: 'scatter',
      mode: 'markers',
      x: tips.x,
      y: tips.y,
      text: tips.text,
      marker: { color: tips.color, size: 9, symbol: tips.symbol },
      showlegend: false,
      hovertemplate: '%{y:.6g} (envelope)<extra>%{text}</extra>',
      meta: SPIKE_MARK,
    } as Data,
  ];
}

function hasEnvelope(series: ScalarSeries): boolean {
  const { y_min, y_max, x } = series;
  return !!y_min && !!y_max && y_min.length === x.length && y_max.length === x.length && y_min.some((v, i) => v !== y_max[i]);
}

export function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

export const X_AXIS_TITLES: Record<XAxis, string> = { iter: 'Iteration', relative: 'Time from start (s)', wall: 'Wall time' };

/**
 * One chart's figure: for each task (in comparison order) and each variant of the chart, the
 * bucket means as a line in the task's colour (smoothed when asked), and, where the server sent
 * `y_min`/`y_max`, a translucent band between them so spikes stay visible. SVG `scatter` only
 * (no WebGL). The tab shows one shared legend, so charts leave Plotly's out and skip hidden tasks;
 * with `inChartLegend` (one chart full-screen) Plotly draws it and hidden tasks stay there, greyed.
 *
 * Plotly's cost grows with the number of traces far more than with their points (100 lines of 20
 * points take about as long as of 400), so without the in-chart legend the bands of one colour
 * share one trace, drawn beneath every line: 100 tasks make at most 20 band traces instead of 100.
 * Where a bucket's envelope departs far from the line (`spikeMarks`), a stem and a triangle mark
 * the extreme, above every line (one trace per series that has any).
 * `withBands: false` leaves the bands and marks out (the lines only).
 */
export function buildChartFigure(
  chart: ChartDef,
  histogram: ScalarHistogram,
  tasks: readonly TraceTask[],
  options: ScalarGraphOptions,
  zoom: { range: [number, number]; origins?: Record<string, number> } | null,
  inChartLegend = false,
  withBands = true,
): ChartFigure {
  const zoomRange = zoom?.range ?? null;
  // Relative time counts from each task's start: the zoom's starts, else those of the series drawn.
  const origins = options.xAxis === 'relative' ? (zoom?.origins ?? taskOrigins(chart, histogram)) : {};
  const data: Data[] = [];
  const traceTaskIds: string[] = [];
  const hidden = new Set(options.hiddenTasks);
  const grouped = chart.metrics.length > 1 || chart.metrics[0]?.variants.length > 1 || options.groupBy === 'metric';
  let shown = 0;
  let total = 0;
  let seriesCount = 0;
  const bandGroups = new Map<string, BandGroup>();
  const spiky: { spikes: SeriesSpikes; taskId: string; visible: true | 'legendonly' }[] = [];
  for (const { metric, variants } of chart.metrics) {
    variants.forEach((variant, variantIndex) => {
      for (const task of tasks) {
        const series = histogram[metric]?.[variant]?.[task.id];
        if (!series || !Array.isArray(series.x) || !Array.isArray(series.y) || !series.x.length) continue;
        seriesCount++;
        const visible = hidden.has(task.id) ? 'legendonly' : true;
        if (visible !== true && !inChartLegend) continue;
        const x = xValues(series, options.xAxis, origins[task.id]);
        if (visible === true) {
          shown += series.x.length;
          total += Math.max(series.total ?? series.x.length, series.x.length);
        }
        if (withBands && hasEnvelope(series)) {
          const axisKey = `${options.xAxis}:${origins[task.id] ?? ''}`;
          const band = envelopeOf(series, x, axisKey);
          const fillcolor = translucent(task.color, 0.18);
          if (inChartLegend) {
            data.push({
              type: 'scatter',
              mode: 'lines',
              x: band.x,
              y: band.y,
              fill: 'toself',
              fillcolor,
              line: { width: 0, color: task.color },
              hoverinfo: 'skip',
              showlegend: false,
              legendgroup: task.id,
              visible,
            } as Data);
            traceTaskIds.push(task.id);
          } else {
            let group = bandGroups.get(fillcolor);
            if (!group) bandGroups.set(fillcolor, (group = { fillcolor, bands: [], taskIds: new Set(), key: fillcolor }));
            group.bands.push(band);
            group.taskIds.add(task.id);
            group.key += `\u0000${metric}\u0000${variant}\u0000${task.id}\u0000${axisKey}`;
          }
        }
        const name = plotText(legendName(task, grouped ? variant : null));
        const line = options.smoothing > 0 ? smoothed(series, options.smoothing) : series.y;
        if (withBands && hasEnvelope(series)) {
          const marks = seriesSpikes(series);
          if (marks.length) spiky.push({ spikes: { marks, x, line, color: task.color, name }, taskId: task.id, visible });
        }
        // A task past the palette's colours shares its colour with another: its dash tells them apart,
        // or, where the chart's dashes tell its variants apart, a few markers (markers are costly to
        // draw: 80 tasks past the palette made ~1,000 more SVG nodes in each chart).
        const styled = !!task.dash && task.dash !== 'solid';
        const variantDashes = chart.metrics.some((m) => m.variants.length > 1);
        const dash = variantDashes || !styled ? DASHES[variantIndex % DASHES.length] : task.dash;
        const markers = styled && variantDashes;
        data.push({
          type: 'scatter',
          mode: markers ? 'lines+markers' : 'lines',
          name,
          x,
          y: line,
          line: { color: task.color, width: 1.5, dash },
          ...(markers ? { marker: { color: task.color, symbol: task.symbol, size: 7, maxdisplayed: 12 } } : {}),
          legendgroup: task.id,
          visible,
          hovertemplate: `%{y:.6g}<extra>${name}</extra>`,
        } as Data);
        traceTaskIds.push(task.id);
      }
    });
  }
  const kept = strongestMarks(
    spiky.map((entry) => entry.spikes),
    MAX_CHART_MARKS,
  );
  if (inChartLegend) {
    spiky.forEach(({ taskId, visible }, i) => {
      for (const trace of spikeTraces([kept[i]])) {
        data.push({ ...trace, legendgroup: taskId, visible } as Data);
        traceTaskIds.push(taskId);
      }
    });
  } else {
    // Without the in-chart legend, the marks of every task share a few traces (a stem trace per colour
    // and one of triangles): one pair per series made 200 more traces at 100 tasks.
    for (const trace of spikeTraces(kept)) {
      data.push(trace);
      traceTaskIds.push('');
    }
  }
  if (bandGroups.size) {
    const bands = [...bandGroups.values()];
    data.unshift(
      ...bands.map((group) => {
        const { x, y } = joinBands(histogram, group);
        return {
          type: 'scatter',
          mode: 'lines',
          x,
          y,
          fill: 'toself',
          fillcolor: group.fillcolor,
          line: { width: 0 },
          hoverinfo: 'skip',
          showlegend: false,
        } as Data;
      }),
    );
    // A band trace of one task maps to it; a shared one to none (its legend entry does not exist anyway).
    traceTaskIds.unshift(...bands.map((group) => (group.taskIds.size === 1 ? [...group.taskIds][0] : '')));
  }
  const pointsLabel = total > shown ? `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} points` : null;
  const layout: Partial<Layout> = {
    title: { text: plotText(chart.title), font: { size: 14 } },
    hovermode: options.hover === 'x' ? 'x unified' : 'closest',
    showlegend: inChartLegend,
    // Many tasks: a vertical legend at the side, which Plotly scrolls, instead of rows eating the plot.
    legend:
      tasks.length > 6
        ? { orientation: 'v', x: 1.02, y: 1, yanchor: 'top', font: { size: 10 } }
        : { orientation: 'h', y: -0.25, yanchor: 'top' },
    uirevision: `${chart.chartKey}|${options.xAxis}|${options.logY}`,
    // With a datarevision Plotly.react redraws data only when it changes: so it names the zoom (a
    // zoom or its reset recomputes the axes even when the series stay the same, on a server without
    // `x_range`; else a reset autoranges without the points' extent) and every data array drawn.
    datarevision: `${zoomRange ? zoomRange.join(':') : 'all'}|${arrayRevision(data)}`,
    xaxis: {
      title: { text: X_AXIS_TITLES[options.xAxis] },
      type: options.xAxis === 'wall' ? 'date' : 'linear',
      ...(zoomRange ? { range: zoomRange, autorange: false } : { autorange: true }),
    },
    yaxis: { type: options.logY ? 'log' : 'linear', autorange: true },
  };
  return { figure: { data, layout, config: { displaylogo: false } }, traceTaskIds, pointsLabel, seriesCount };
}

/** An id per data array (a new array: new data; the same array: unchanged, as a task toggle reuses them). */
const arrayIds = new WeakMap<object, number>();
let lastArrayId = 0;
function arrayId(values: unknown): number {
  if (!values || typeof values !== 'object') return 0;
  let id = arrayIds.get(values);
  if (id === undefined) arrayIds.set(values, (id = ++lastArrayId));
  return id;
}

/** The identities of a figure's x and y arrays: changes whenever one of them is a new array. */
export function arrayRevision(data: readonly Data[]): string {
  return data.map((trace) => `${arrayId((trace as { x?: unknown }).x)}.${arrayId((trace as { y?: unknown }).y)}`).join(',');
}

/**
 * The x window of a Plotly relayout event: a range after a zoom, null after a reset (double-click),
 * undefined when the event is not about the x axis. Date-axis ranges come as UTC date strings.
 */
export function zoomFromRelayout(event: Record<string, unknown>, xAxis: XAxis): [number, number] | null | undefined {
  if (event['xaxis.autorange'] === true) return null;
  const pair = Array.isArray(event['xaxis.range'])
    ? (event['xaxis.range'] as unknown[])
    : [event['xaxis.range[0]'], event['xaxis.range[1]']];
  if (pair[0] === undefined || pair[1] === undefined) return undefined;
  const toNumber = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && xAxis === 'wall' ? Date.parse(`${v.replace(' ', 'T')}Z`) : Number(v);
  const [a, b] = pair.map(toNumber);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  return xAxis === 'iter' ? [Math.floor(from), Math.ceil(to)] : [from, to];
}
