import type { Data } from 'plotly.js-dist-min';
import { PlotFigure } from '../../../shared/plot/plot-figure';
import { Axis, buildAxis } from '../shared-axes/axis';
import { MetricPick, ParamRef, metricId, metricLabel, metricValue, paramId, paramLabel, paramValue } from '../shared-axes/hp-data';
import { HpTask } from '../shared-axes/hp-tasks';

/** A brush on one axis: one or more [low, high] ranges in plotted positions. */
export type Brush = [number, number][];

export interface Dimension {
  id: string;
  label: string;
  axis: Axis;
}

const FADED = 'rgba(160,160,170,0.35)';

/** The chart's axes, in order: parameters first, then the metric picks (as ClearML reads left to right). */
export function buildDimensions(tasks: readonly HpTask[], params: readonly ParamRef[], metrics: readonly MetricPick[]): Dimension[] {
  return [
    ...params.map((p) => ({ id: `p:${paramId(p)}`, label: paramLabel(p), axis: buildAxis(tasks.map((t) => paramValue(t.full, p))) })),
    ...metrics.map((m) => ({ id: `m:${metricId(m)}`, label: metricLabel(m), axis: buildAxis(tasks.map((t) => metricValue(t.full, m)), 'off') })),
  ];
}

/** Whether a plotted value lies inside every brush range set on its axis. */
function inBrush(value: number, brush: Brush | undefined): boolean {
  return !brush || brush.length === 0 || brush.some(([lo, hi]) => value >= Math.min(lo, hi) && value <= Math.max(lo, hi));
}

/** Ids of the tasks whose lines pass all brushes. */
export function tasksPassing(tasks: readonly HpTask[], dims: readonly Dimension[], brushes: Readonly<Record<string, Brush>>): string[] {
  return tasks.filter((_, i) => dims.every((d) => inBrush(d.axis.positions[i], brushes[d.id]))).map((t) => t.id);
}

/**
 * Colours per line: Plotly's parcoords colours lines only through a colour scale, so each task
 * gets its index as the line's value and the scale maps that index to the task's colour.
 * A highlighted task keeps its colour while the others turn grey.
 */
export function lineColors(tasks: readonly HpTask[], highlight: string | null): { color: number[]; colorscale: [number, string][]; cmin: number; cmax: number } {
  const colors = tasks.map((t) => (highlight && t.id !== highlight ? FADED : t.color));
  const n = tasks.length;
  const colorscale: [number, string][] = n <= 1 ? [[0, colors[0] ?? FADED], [1, colors[0] ?? FADED]] : colors.map((c, i) => [i / (n - 1), c]);
  return { color: tasks.map((_, i) => i), colorscale, cmin: 0, cmax: Math.max(n - 1, 1) };
}

/** Plotly's constraintrange for a brush (a single range is a flat pair). */
function constraintRange(brush: Brush | undefined): [number, number] | [number, number][] | undefined {
  if (!brush || brush.length === 0) return undefined;
  return brush.length === 1 ? brush[0] : brush;
}

export function parcoordsFigure(tasks: readonly HpTask[], dims: readonly Dimension[], brushes: Readonly<Record<string, Brush>>, highlight: string | null): PlotFigure {
  // A highlighted line is drawn last so that it sits on top of the grey ones.
  const order = tasks.map((_, i) => i);
  const hi = highlight ? tasks.findIndex((t) => t.id === highlight) : -1;
  if (hi >= 0) order.push(...order.splice(hi, 1));
  const ordered = order.map((i) => tasks[i]);
  const trace = {
    type: 'parcoords',
    line: lineColors(ordered, highlight),
    labelangle: -12,
    dimensions: dims.map((d) => ({
      label: d.label,
      values: order.map((i) => d.axis.positions[i]),
      tickvals: d.axis.tickvals,
      ticktext: d.axis.ticktext,
      range: d.axis.range,
      ...(constraintRange(brushes[d.id]) ? { constraintrange: constraintRange(brushes[d.id]) } : {}),
    })),
  } as unknown as Data;
  return {
    data: [trace],
    layout: { margin: { l: 70, r: 70, t: 70, b: 30 }, showlegend: false },
    config: { displayModeBar: false },
  };
}

/**
 * Reads the brushes back from the drawn chart's dimensions (Plotly keeps `constraintrange` on
 * them after the user drags on an axis), keyed by our dimension ids.
 */
export function readBrushes(dims: readonly Dimension[], drawn: readonly { constraintrange?: unknown }[] | undefined): Record<string, Brush> {
  const brushes: Record<string, Brush> = {};
  dims.forEach((d, i) => {
    const range = drawn?.[i]?.constraintrange;
    if (!Array.isArray(range) || range.length === 0) return;
    const ranges = (Array.isArray(range[0]) ? range : [range]) as unknown[];
    const valid = ranges.filter((r): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number'));
    if (valid.length) brushes[d.id] = valid;
  });
  return brushes;
}
