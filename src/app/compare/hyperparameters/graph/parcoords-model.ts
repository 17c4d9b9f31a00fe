import { svgDashArray } from '../../../shared/task-colors';
import { Axis, buildAxis } from '../shared-axes/axis';
import {
  MetricPick,
  ParamRef,
  metricId,
  metricLabel,
  metricValue,
  paramId,
  paramLabel,
  paramValue,
} from '../shared-axes/hyperparameters-data';
import { HyperparameterTask } from '../shared-axes/hyperparameters-tasks';

/** A brush on one axis: one or more [low, high] ranges in plotted positions. */
export type Brush = [number, number][];

export interface Dimension {
  id: string;
  label: string;
  axis: Axis;
}

/** The chart's axes, in order: parameters first, then the metric picks (as ClearML reads left to right). */
export function buildDimensions(
  tasks: readonly HyperparameterTask[],
  params: readonly ParamRef[],
  metrics: readonly MetricPick[],
): Dimension[] {
  return [
    ...params.map((p) => ({ id: `p:${paramId(p)}`, label: paramLabel(p), axis: buildAxis(tasks.map((t) => paramValue(t.full, p))) })),
    ...metrics.map((m) => ({
      id: `m:${metricId(m)}`,
      label: metricLabel(m),
      axis: buildAxis(
        tasks.map((t) => metricValue(t.full, m)),
        'off',
      ),
    })),
  ];
}

/** The axes in the user's order: those named in `order` first, in that order, then the others as built. */
export function orderDimensions(dims: readonly Dimension[], order: readonly string[]): Dimension[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  const named = dims.filter((d) => rank.has(d.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return [...named, ...dims.filter((d) => !rank.has(d.id))];
}

/** The ids after moving the one at `from` to position `to` (clamped to the list). */
export function moveAxis(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [moved] = next.splice(from, 1);
  if (moved === undefined) return [...ids];
  next.splice(Math.max(0, Math.min(next.length, to)), 0, moved);
  return next;
}

/** The axis position nearest to `x` among `n` axes (where an axis dragged there lands). */
export function slotAt(x: number, n: number, frame: Frame): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (Math.abs(axisX(i, n, frame) - x) < Math.abs(axisX(best, n, frame) - x)) best = i;
  return best;
}

/** Whether a plotted value lies inside every brush range set on its axis. */
function inBrush(value: number, brush: Brush | undefined): boolean {
  return !brush || brush.length === 0 || brush.some(([lo, hi]) => value >= Math.min(lo, hi) && value <= Math.max(lo, hi));
}

/** Ids of the tasks whose lines pass all brushes. */
export function tasksPassing(
  tasks: readonly HyperparameterTask[],
  dims: readonly Dimension[],
  brushes: Readonly<Record<string, Brush>>,
): string[] {
  return tasks.filter((_, i) => dims.every((d) => inBrush(d.axis.positions[i], brushes[d.id]))).map((t) => t.id);
}

/** Where the chart draws: its size in pixels and the margins around the axes (labels above, ticks left). */
export interface Frame {
  width: number;
  height: number;
}

export const MARGIN = { left: 70, right: 120, top: 90, bottom: 24 } as const;

export interface Tick {
  /** Where the tick mark is: the value's place on the axis. */
  y: number;
  /** Where its label is written: moved off a neighbour's label when values are close (null: left out, no room). */
  labelY: number | null;
  /** The label as written: cut in the middle when longer than MAX_TICK_CHARS. */
  text: string;
  /** The whole label when `text` is cut (its tooltip), else null. */
  full: string | null;
}

/** Axes are kept far enough apart for this many characters of a tick label (more axes scroll sideways). */
export const MIN_TICK_CHARS = 6;
/** The width of a tick label in px (the chart measures its font; this estimate is for tests and before). */
export type Measure = (text: string) => number;
export const estimateTickWidth: Measure = (text) => text.length * 6;
/** Room a tick label leaves: its 6 px from its own axis and a gap before the axis on its left. */
export const TICK_PAD = 10;

/** `text` as written in `room` px: whole, or cut in the middle to what fits. */
export function fitTickText(text: string, room: number, measure: Measure = estimateTickWidth): string {
  if (measure(text) <= room) return text;
  for (let max = text.length - 1; max > 1; max--) {
    const cut = cutTickText(text, max);
    if (measure(cut) <= room) return cut;
  }
  return '…';
}

/** `text` cut to `max` characters in the middle, with an ellipsis. */
export function cutTickText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 2) return '…';
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** Tick labels (10 px text) keep at least this far apart vertically. */
export const TICK_LABEL_GAP = 12;

/**
 * Label places for ticks at `ys` (in any order) between `top` and `bottom`: each as near its tick
 * as it can be while every two labels stay `gap` apart. Labels that cannot all fit are thinned out,
 * keeping the ends of the axis.
 */
export function placeTickLabels(ys: readonly number[], top: number, bottom: number, gap = TICK_LABEL_GAP): (number | null)[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const room = Math.max(0, bottom - top);
  const fits = Math.max(1, Math.floor(room / gap) + 1);
  // Too many to fit: an evenly spread subset, the first and last among them.
  const picks =
    order.length <= fits
      ? order.map((_, k) => k)
      : [...new Set(Array.from({ length: fits }, (_, j) => Math.round((j * (order.length - 1)) / Math.max(1, fits - 1))))];
  const kept = picks.map((k) => order[k]);
  const placed = kept.map((o) => o.y);
  // Push down from the top, then up from the bottom: neighbours end up `gap` apart, all inside.
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + gap);
  if (placed.length) placed[placed.length - 1] = Math.min(placed[placed.length - 1], bottom);
  for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k], placed[k + 1] - gap);
  const result: (number | null)[] = ys.map(() => null);
  kept.forEach((o, k) => (result[o.i] = Math.round(placed[k] * 10) / 10));
  return result;
}

export interface DrawnAxis {
  id: string;
  label: string;
  /** The label as written above the axis: cut with an ellipsis when it would not fit (TITLE_CHARS). */
  title: string;
  x: number;
  ticks: Tick[];
  /** One path for every tick mark of the axis (fewer elements than a line per tick). */
  tickMarks: string;
  /** Brush ranges as pixel spans (top y and height). */
  ranges: { y: number; height: number }[];
}

/** How a line is drawn: in its colour, greyed by a highlight of another task, or greyed by a filter. */
export type LineState = 'normal' | 'highlight' | 'faded' | 'filtered';

export interface DrawnLine {
  id: string;
  name: string;
  color: string;
  /** SVG dash array of a task past the palette's colours (null: solid). */
  dashArray: string | null;
  state: LineState;
  /** SVG path data through the task's value on every axis, left to right. */
  d: string;
}

export const FADED = 'rgba(160,160,170,0.35)';

/** The vertical extent of the axes in pixels. */
export function plotSpan(frame: Frame): { top: number; bottom: number } {
  const top = MARGIN.top;
  return { top, bottom: Math.max(top + 20, frame.height - MARGIN.bottom) };
}

/** x of axis `i` of `n`, spread evenly between the margins. */
export function axisX(i: number, n: number, frame: Frame): number {
  const inner = Math.max(frame.width - MARGIN.left - MARGIN.right, 20);
  return n <= 1 ? MARGIN.left + inner / 2 : MARGIN.left + (inner * i) / (n - 1);
}

/** y of a plotted position on an axis (the range's low end at the bottom). */
export function yOf(axis: Axis, position: number, frame: Frame): number {
  const { top, bottom } = plotSpan(frame);
  const [lo, hi] = axis.range;
  const t = hi === lo ? 0.5 : (position - lo) / (hi - lo);
  return bottom - t * (bottom - top);
}

/** The plotted position at pixel `y` on an axis, clamped to the axis. */
export function positionAt(axis: Axis, y: number, frame: Frame): number {
  const { top, bottom } = plotSpan(frame);
  const t = Math.min(1, Math.max(0, (bottom - y) / (bottom - top)));
  const [lo, hi] = axis.range;
  return lo + t * (hi - lo);
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Neighbouring axes stay at least this far apart, so that their titles (11 px, slanted 30°) stay a
 * line apart; a chart with more axes than its width holds scrolls sideways.
 */
export const MIN_AXIS_SPACING = 28;

/** The characters of a title that fit above the chart (and beside the last axis) at 30°, at about 6.2 px each. */
export const TITLE_CHARS = Math.floor(
  Math.min((MARGIN.top - 24) / Math.sin(Math.PI / 6), (MARGIN.right - 8) / Math.cos(Math.PI / 6)) / 6.2,
);

/**
 * How far apart neighbouring axes must stay: the titles' MIN_AXIS_SPACING, or more for MIN_TICK_CHARS
 * characters of the tick labels written left of an axis (fewer when its labels are shorter), so
 * that they never run into the axis before. Labels longer than the spacing drawn are cut (drawAxes).
 */
export function axisSpacing(dims: readonly Dimension[], measure: Measure = estimateTickWidth): number {
  let width = 0;
  for (const [i, d] of dims.entries()) {
    if (i === 0) continue; // the first axis' labels have the left margin
    for (const text of d.axis.ticktext) width = Math.max(width, measure(cutTickText(text, MIN_TICK_CHARS)));
  }
  return Math.max(MIN_AXIS_SPACING, Math.ceil(width) + TICK_PAD);
}

/** The width the chart is drawn at: what it is given, or more when its axes would come too close. */
export function chartWidth(axes: number, available: number, spacing = MIN_AXIS_SPACING): number {
  return Math.max(available, MARGIN.left + MARGIN.right + Math.max(0, axes - 1) * spacing);
}

/** `label` cut to `maxChars` characters, the last one an ellipsis. */
export function shortTitle(label: string, maxChars: number): string {
  return label.length <= maxChars ? label : `${label.slice(0, maxChars - 1).trimEnd()}…`;
}

/** Axes with their ticks and brush spans placed in the frame. */
export function drawAxes(
  dims: readonly Dimension[],
  brushes: Readonly<Record<string, Brush>>,
  frame: Frame,
  measure: Measure = estimateTickWidth,
): DrawnAxis[] {
  const spacing = dims.length > 1 ? axisX(1, dims.length, frame) - axisX(0, dims.length, frame) : Infinity;
  return dims.map((d, i) => {
    // The first axis' labels have the left margin; the others the space to the axis before.
    const room = (i === 0 ? MARGIN.left : spacing) - TICK_PAD;
    const ys = d.axis.tickvals.map((v) => round(yOf(d.axis, v, frame)));
    const span = plotSpan(frame);
    const labels = placeTickLabels(ys, span.top, span.bottom);
    const ticks = ys.map((y, t) => {
      const whole = d.axis.ticktext[t] ?? '';
      const text = fitTickText(whole, room, measure);
      return { y, labelY: labels[t], text, full: text === whole ? null : whole };
    });
    return {
      id: d.id,
      label: d.label,
      title: shortTitle(d.label, TITLE_CHARS),
      x: round(axisX(i, dims.length, frame)),
      ticks,
      tickMarks: ticks.map((t) => `M-4 ${t.y}H0`).join(''),
      ranges: (brushes[d.id] ?? []).map(([a, b]) => {
        const y1 = yOf(d.axis, Math.max(a, b), frame);
        const y2 = yOf(d.axis, Math.min(a, b), frame);
        return { y: round(y1), height: round(Math.max(y2 - y1, 1)) };
      }),
    };
  });
}

/**
 * One path per task through its value on every axis. Lines outside a filter are drawn first (grey),
 * then the others, and a highlighted task last, on top, in its colour while the rest turn grey.
 * `shift`: an axis being dragged sideways, whose points follow it.
 */
export function drawLines(
  tasks: readonly HyperparameterTask[],
  dims: readonly Dimension[],
  brushes: Readonly<Record<string, Brush>>,
  highlight: string | null,
  frame: Frame,
  shift: { index: number; dx: number } | null = null,
): DrawnLine[] {
  const passing = new Set(tasksPassing(tasks, dims, brushes));
  const xs = dims.map((_, j) => round(axisX(j, dims.length, frame) + (shift?.index === j ? shift.dx : 0)));
  const lines = tasks.map((t, i): DrawnLine => {
    const state: LineState = highlight === t.id ? 'highlight' : !passing.has(t.id) ? 'filtered' : highlight ? 'faded' : 'normal';
    const d = dims.map((dim, j) => `${j ? 'L' : 'M'}${xs[j]} ${round(yOf(dim.axis, dim.axis.positions[i], frame))}`).join('');
    const dashArray = t.dash ? svgDashArray(t.dash, state === 'highlight' ? 3 : 1.5) : null;
    return { id: t.id, name: t.displayName, color: state === 'normal' || state === 'highlight' ? t.color : FADED, dashArray, state, d };
  });
  const rank: Record<LineState, number> = { filtered: 0, faded: 1, normal: 1, highlight: 2 };
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => rank[a.line.state] - rank[b.line.state] || a.i - b.i)
    .map((x) => x.line);
}

/** A brush with one more range; ranges that overlap it merge into one. */
export function addRange(brush: Brush | undefined, range: [number, number]): Brush {
  let [lo, hi] = [Math.min(...range), Math.max(...range)];
  const kept: Brush = [];
  for (const [a, b] of brush ?? []) {
    const [ra, rb] = [Math.min(a, b), Math.max(a, b)];
    if (rb < lo || ra > hi) kept.push([ra, rb]);
    else [lo, hi] = [Math.min(lo, ra), Math.max(hi, rb)];
  }
  return [...kept, [lo, hi] as [number, number]].sort((a, b) => a[0] - b[0]);
}

/** A click on an axis: removes the range under it, or every range of the axis when it hits none. */
export function removeAt(brush: Brush | undefined, position: number): Brush {
  const ranges = brush ?? [];
  const hit = ranges.findIndex(([a, b]) => position >= Math.min(a, b) && position <= Math.max(a, b));
  return hit < 0 ? [] : ranges.filter((_, i) => i !== hit);
}
