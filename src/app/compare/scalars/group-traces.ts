import type { Data } from 'plotly.js-dist-min';
import { ScalarHistogram } from '../../core/api/events-api';
import { plotText } from '../summary/summary-figure';
import { GroupBand, GroupMember, GroupSeries, aggregateGroup } from './group-series';
import { ChartDef, ScalarGraphOptions } from './scalar-graph-options';
import { ChartFigure, TraceTask, buildChartFigure, smooth, taskOrigins, translucent, xValues } from './scalar-traces';

/** A group as a chart draws it: its name, colour and its tasks in comparison order. */
export interface TraceGroup {
  key: string;
  name: string;
  color: string;
  taskIds: readonly string[];
}

export const BAND_LABELS: Record<GroupBand, string> = { std: '± 1 std', minmax: 'min–max', ci: '95% CI' };

/**
 * A group's series per histogram, kept while the histogram object lives: smoothing, hover or a
 * member toggle redraw from them; a new answer, another axis, band or minimum count recomputes.
 */
const aggregates = new WeakMap<ScalarHistogram, Map<string, GroupSeries>>();
function aggregateOf(
  histogram: ScalarHistogram,
  key: string,
  members: () => GroupMember[],
  band: GroupBand,
  minCount: number,
): GroupSeries {
  let byKey = aggregates.get(histogram);
  if (!byKey) aggregates.set(histogram, (byKey = new Map()));
  let series = byKey.get(key);
  if (!series) {
    series = aggregateGroup(members(), band, minCount);
    if (byKey.size >= 256) byKey.clear();
    byKey.set(key, series);
  }
  return series;
}

const gap = (values: readonly number[]) => values.map((v) => (Number.isFinite(v) ? v : null));

/** A filled polygon between `high` and `low` where both are numbers (runs without them are separated by gaps). */
function bandPolygon(
  x: readonly number[],
  low: readonly number[],
  high: readonly number[],
): { x: (number | null)[]; y: (number | null)[] } {
  const outX: (number | null)[] = [];
  const outY: (number | null)[] = [];
  let i = 0;
  while (i < x.length) {
    while (i < x.length && !(Number.isFinite(low[i]) && Number.isFinite(high[i]))) i++;
    const start = i;
    while (i < x.length && Number.isFinite(low[i]) && Number.isFinite(high[i])) i++;
    if (i === start) continue;
    if (outX.length) {
      outX.push(null);
      outY.push(null);
    }
    for (let j = start; j < i; j++) {
      outX.push(x[j]);
      outY.push(high[j]);
    }
    for (let j = i - 1; j >= start; j--) {
      outX.push(x[j]);
      outY.push(low[j]);
    }
  }
  return { x: outX, y: outY };
}

/**
 * One chart with grouping on: for each group and variant, the mean over the group's shown tasks
 * (smoothed when asked) in the group's colour, over a band (`band` option) and a fainter envelope
 * of every member's values, so no member's spike is lost. The hover gives the mean, the band and
 * the count n of tasks with values at that x (`customdata`: n, low, high). With `members`, each
 * task's own line is drawn thinly beneath. Hidden tasks leave their groups; a group with none
 * shown is not drawn.
 */
export function buildGroupedChartFigure(
  chart: ChartDef,
  histogram: ScalarHistogram,
  tasks: readonly TraceTask[],
  groups: readonly TraceGroup[],
  options: ScalarGraphOptions,
  zoom: { range: [number, number]; origins?: Record<string, number> } | null,
): ChartFigure {
  const hidden = new Set(options.hiddenTasks);
  const byId = new Map(tasks.map((task) => [task.id, task]));
  // The member lines come from the per-task figure, thin and without their bands, coloured by group.
  const groupOf = new Map<string, TraceGroup>();
  for (const group of groups) for (const id of group.taskIds) groupOf.set(id, group);
  const base = buildChartFigure(
    chart,
    histogram,
    tasks.map((task) => ({ ...task, color: groupOf.get(task.id)?.color ?? task.color, dash: undefined, symbol: undefined })),
    options,
    zoom,
    false,
    false,
  );
  const origins = options.xAxis === 'relative' ? (zoom?.origins ?? taskOrigins(chart, histogram)) : {};
  const bands: Data[] = [];
  const lines: Data[] = [];
  const variantsShown = chart.metrics.length > 1 || chart.metrics[0]?.variants.length > 1;
  const minCount = Math.max(1, Math.floor(options.minCount));
  for (const { metric, variants } of chart.metrics) {
    for (const variant of variants) {
      for (const group of groups) {
        const ids = group.taskIds.filter((id) => !hidden.has(id) && byId.has(id) && histogram[metric]?.[variant]?.[id]?.x?.length);
        if (!ids.length) continue;
        const key = [metric, variant, options.xAxis, options.band, minCount, ...ids.map((id) => `${id}@${origins[id] ?? ''}`)].join(
          '\u0000',
        );
        const members = () =>
          ids.map((id) => {
            const series = histogram[metric][variant][id];
            return { x: xValues(series, options.xAxis, origins[id]), series };
          });
        const agg = aggregateOf(histogram, key, members, options.band, minCount);
        const envelope = bandPolygon(agg.x, agg.envelopeLow, agg.envelopeHigh);
        const spread = bandPolygon(agg.x, agg.low, agg.high);
        const fill = (y: { x: (number | null)[]; y: (number | null)[] }, alpha: number, name: string): Data =>
          ({
            type: 'scatter',
            mode: 'lines',
            name,
            x: y.x,
            y: y.y,
            fill: 'toself',
            fillcolor: translucent(group.color, alpha),
            line: { width: 0 },
            hoverinfo: 'skip',
            showlegend: false,
          }) as Data;
        const name = plotText(`${group.name} (n=${ids.length})${variantsShown ? ` · ${variant}` : ''}`);
        bands.push(fill(envelope, 0.07, `${name} · every task`), fill(spread, 0.22, `${name} · ${BAND_LABELS[options.band]}`));
        const mean = options.smoothing > 0 ? smooth(agg.mean, options.smoothing) : agg.mean;
        lines.push({
          type: 'scatter',
          mode: 'lines',
          name,
          x: agg.x,
          y: gap(mean),
          customdata: agg.x.map((_, i) => [agg.n[i], agg.low[i], agg.high[i]]),
          line: { color: group.color, width: 2.5 },
          hovertemplate: `%{y:.6g} (${BAND_LABELS[options.band]} %{customdata[1]:.4g} to %{customdata[2]:.4g}, n=%{customdata[0]})<extra>${name}</extra>`,
        } as Data);
      }
    }
  }
  // Bands beneath, then the thin member lines (when asked), then the means on top.
  const memberLines = options.members
    ? base.figure.data.map(
        (trace) => ({ ...trace, line: { ...(trace as { line?: object }).line, width: 0.75 }, opacity: 0.45, hoverinfo: 'skip' }) as Data,
      )
    : [];
  const data = [...bands, ...memberLines, ...lines];
  return {
    figure: { ...base.figure, data },
    traceTaskIds: data.map(() => ''),
    pointsLabel: base.pointsLabel,
    seriesCount: base.seriesCount,
  };
}
