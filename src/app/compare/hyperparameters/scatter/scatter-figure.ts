import type { Data } from 'plotly.js-dist-min';
import { PlotFigure } from '../../../shared/plot/plot-figure';
import { Axis, LogMode, NA, buildAxis, formatNumber, isNumeric } from '../shared-axes/axis';
import { MetricPick, ParamRef, metricLabel, metricValue, paramLabel, paramValue } from '../shared-axes/hyperparameters-data';
import { ExtraField } from '../shared-axes/hyperparameters-url';
import { HyperparameterTask } from '../shared-axes/hyperparameters-tasks';
import { naturalCompare } from '../../../shared/natural-order';

export interface ScatterSpec {
  y: MetricPick;
  x: ParamRef;
  log: LogMode;
  colorBy: ParamRef | null;
  extras: readonly ExtraField[];
  selected: string | null;
  /** Tasks hidden from the chart (from the legend); they stay in `listed`. */
  hidden?: readonly string[];
  /** A task to bring forward while the pointer is on its name in the legend. */
  highlight?: string | null;
}

export interface ScatterResult {
  figure: PlotFigure;
  axis: Axis;
  /** Tasks on the chart, in order, and those without the Y metric. */
  plotted: HyperparameterTask[];
  missing: HyperparameterTask[];
  /** Tasks with the Y metric, hidden ones included: the legend's list. */
  listed: HyperparameterTask[];
}

/** How far apart, as a share of the X axis' span, tasks with the same X and Y are drawn (about a marker's width). */
const SIDE_BY_SIDE_STEP = 0.015;

/**
 * Points of tasks with equal X and Y would be drawn as one dot: they are set side by side along X,
 * centred on the value, a marker's width apart. Returns each task's offset and how many share its point.
 */
export function sideBySide(xs: readonly number[], ys: readonly number[], span: number): { offsets: number[]; shared: number[] } {
  const byPoint = new Map<string, number[]>();
  xs.forEach((x, i) => {
    const key = `${x}|${ys[i]}`;
    const list = byPoint.get(key);
    if (list) list.push(i);
    else byPoint.set(key, [i]);
  });
  const offsets = xs.map(() => 0);
  const shared = xs.map(() => 1);
  for (const list of byPoint.values()) {
    if (list.length < 2) continue;
    list.forEach((i, k) => {
      offsets[i] = (k - (list.length - 1) / 2) * span * SIDE_BY_SIDE_STEP;
      shared[i] = list.length;
    });
  }
  return { offsets, shared };
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

/** Plotly renders hover text as simple markup: task text must not be read as tags. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const show = (value: number | string | null): string => (value === null ? NA : typeof value === 'number' ? formatNumber(value) : value);

/** The hover text of one task's point: name, metric, parameter and the additional fields. */
export function hoverText(task: HyperparameterTask, spec: ScatterSpec): string {
  const lines = [
    `<b>${escapeMarkup(task.displayName)}</b>`,
    `${escapeMarkup(metricLabel(spec.y))}: ${show(metricValue(task.full, spec.y))}`,
    `${escapeMarkup(paramLabel(spec.x))}: ${escapeMarkup(show(paramValue(task.full, spec.x)))}`,
    ...(spec.colorBy ? [`${escapeMarkup(paramLabel(spec.colorBy))}: ${escapeMarkup(show(paramValue(task.full, spec.colorBy)))}`] : []),
    ...spec.extras.map((e) =>
      e.kind === 'param'
        ? `${escapeMarkup(paramLabel(e.param))}: ${escapeMarkup(show(paramValue(task.full, e.param)))}`
        : `${escapeMarkup(metricLabel(e.metric))}: ${show(metricValue(task.full, e.metric))}`,
    ),
  ];
  return lines.join('<br>');
}

interface Group {
  name: string;
  tasks: HyperparameterTask[];
  color: string | ((t: HyperparameterTask) => string);
  legend: boolean;
}

function groups(tasks: HyperparameterTask[], colorBy: ParamRef | null): { groups: Group[]; numericColor: number[] | null } {
  // Coloured by task: one trace with a colour per point (a trace per task costs Plotly a draw each,
  // ~2 ms a task; the hover text names the task either way).
  if (!colorBy) return { groups: [{ name: 'Tasks', tasks, color: (t) => t.color, legend: false }], numericColor: null };
  const values = tasks.map((t) => paramValue(t.full, colorBy));
  const present = values.filter((v): v is string => v !== null);
  if (present.length > 0 && present.every(isNumeric) && new Set(present).size > 10) {
    return {
      groups: [{ name: paramLabel(colorBy), tasks, color: '', legend: false }],
      numericColor: values.map((v) => (v === null ? NaN : Number(v))),
    };
  }
  const categories = [...new Set(present)].sort(naturalCompare);
  const result: Group[] = categories.map((c, i) => ({
    name: c,
    tasks: tasks.filter((_, j) => values[j] === c),
    color: PALETTE[i % PALETTE.length],
    legend: true,
  }));
  const na = tasks.filter((_, j) => values[j] === null);
  if (na.length) result.push({ name: NA, tasks: na, color: '#9e9e9e', legend: true });
  return { groups: result, numericColor: null };
}

/** The scatter chart: one point per task with the metric, X the parameter (numeric, log or categorical). */
export function scatterFigure(all: readonly HyperparameterTask[], spec: ScatterSpec): ScatterResult {
  const hidden = new Set(spec.hidden ?? []);
  const listed = all.filter((t) => metricValue(t.full, spec.y) !== null);
  const plotted = listed.filter((t) => !hidden.has(t.id));
  const missing = all.filter((t) => metricValue(t.full, spec.y) === null);
  const axis = buildAxis(
    plotted.map((t) => paramValue(t.full, spec.x)),
    spec.log,
  );
  const { offsets, shared } = sideBySide(
    axis.positions,
    plotted.map((t) => metricValue(t.full, spec.y) as number),
    axis.range[1] - axis.range[0],
  );
  const xOf = new Map(plotted.map((t, i) => [t.id, axis.positions[i] + offsets[i]]));
  const spread = Math.max(0, ...offsets.map(Math.abs));
  const sharedOf = new Map(plotted.map((t, i) => [t.id, shared[i]]));
  const { groups: list, numericColor } = groups(plotted, spec.colorBy);
  const focus = (id: string | null | undefined) => (id && plotted.some((t) => t.id === id) ? id : null);
  // The legend's hover brings a task forward as a click on its point does.
  const selected = focus(spec.highlight) ?? focus(spec.selected);
  const note = (t: HyperparameterTask) => {
    const n = sharedOf.get(t.id) ?? 1;
    return n > 1 ? `<br><i>${n} tasks have these values: drawn side by side</i>` : '';
  };
  const data = list.map((g) => {
    const colors = numericColor
      ? g.tasks.map((t) => numericColor[plotted.indexOf(t)])
      : typeof g.color === 'string'
        ? g.color
        : g.tasks.map(g.color);
    return {
      type: 'scatter',
      mode: 'markers',
      name: g.name,
      showlegend: g.legend,
      x: g.tasks.map((t) => xOf.get(t.id)),
      y: g.tasks.map((t) => metricValue(t.full, spec.y)),
      customdata: g.tasks.map((t) => t.id),
      text: g.tasks.map((t) => hoverText(t, spec) + note(t)),
      hovertemplate: '%{text}<extra></extra>',
      marker: {
        color: colors,
        // Tasks past the palette's colours share a colour with another: their own symbol tells them apart.
        ...(spec.colorBy ? {} : { symbol: g.tasks.map((t) => t.symbol ?? 'circle') }),
        size: g.tasks.map((t) => (t.id === selected ? 16 : 10)),
        opacity: g.tasks.map((t) => (selected && t.id !== selected ? 0.35 : 0.95)),
        line: { width: g.tasks.map((t) => (t.id === selected ? 2 : 0.5)), color: '#222' },
        ...(numericColor
          ? { colorscale: 'Viridis', showscale: true, colorbar: { title: { text: paramLabel(spec.colorBy as ParamRef) } } }
          : {}),
      },
    } as unknown as Data;
  });
  const xTitle = `${paramLabel(spec.x)}${axis.kind === 'log' ? ' (log)' : ''}`;
  return {
    axis,
    plotted,
    missing,
    listed,
    figure: {
      data,
      layout: {
        hovermode: 'closest',
        showlegend: !!spec.colorBy && !numericColor,
        legend: { title: { text: spec.colorBy ? paramLabel(spec.colorBy) : '' } },
        xaxis: {
          title: { text: xTitle },
          tickmode: 'array',
          tickvals: axis.tickvals,
          ticktext: axis.ticktext,
          // Widened by the points set side by side, so that those at either end stay inside the plot.
          range: [axis.range[0] - spread, axis.range[1] + spread],
          zeroline: false,
        },
        yaxis: { title: { text: metricLabel(spec.y) } },
        margin: { l: 64, r: 16, t: 16, b: 56 },
      },
      config: { displaylogo: false },
    },
  };
}

/** A point's spread when it stands for a group of tasks (see `groupHyperparameterTasks`). */
export type PointSpread = (id: string) => { std: number; n: number } | undefined;

/**
 * The scatter with one point per group: error bars of ± one standard deviation of the Y metric
 * over the group's tasks (none for a single value), and the spread and n in the hover. `color`:
 * the bars' colour (the theme's text colour; Plotly's dark grey default vanished on dark).
 */
export function withErrorBars(result: ScatterResult, spreadOf: PointSpread, color?: string): ScatterResult {
  const data = result.figure.data.map((trace) => {
    const t = trace as { customdata?: string[]; text?: string[] };
    const spreads = (t.customdata ?? []).map((id) => spreadOf(id));
    const errors = spreads.map((s) => (s && s.n > 1 && Number.isFinite(s.std) ? s.std : NaN));
    return {
      ...trace,
      text: (t.text ?? []).map((text, i) => {
        const s = spreads[i];
        if (!s) return text;
        return `${text}<br>± ${Number.isFinite(errors[i]) ? formatNumber(errors[i]) : NA} (std over n=${s.n})`;
      }),
      error_y: { type: 'data', array: errors, visible: true, thickness: 1.2, width: 5, ...(color ? { color } : {}) },
    } as unknown as Data;
  });
  return { ...result, figure: { ...result.figure, data } };
}
