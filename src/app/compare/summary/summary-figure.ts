import type { Data } from 'plotly.js-dist-min';
import { SingleValueMetrics } from '../../core/api/events-api';
import { PlotFigure } from '../../shared/plot/plot-figure';
import { naturalCompare } from '../../shared/natural-order';

/** A compared task as the Summary chart draws it: one bar per cluster, in this colour and name. */
export interface SummaryTask {
  id: string;
  displayName: string;
  color: string;
  /** Past the palette's colours: the task's dash, drawn on its bars as a fill pattern. */
  dash?: string;
}

/** The bar fill pattern (Plotly's shapes) of a task's dash: tasks sharing a colour get different ones. */
const BAR_PATTERNS: Record<string, string> = { dash: '/', dot: '.', dashdot: 'x', longdash: '-' };

/** The cluster label of a single value: the metric, plus the variant when it says more. */
export function summaryLabel(metric: string, variant: string): string {
  if (metric === 'Summary' && variant) return variant;
  return !variant || variant === metric ? metric : `${metric} / ${variant}`;
}

/** Every single-value label reported by any task, sorted; a task that did not report one gets no bar there. */
export function summaryLabels(response: SingleValueMetrics): string[] {
  const labels = new Set<string>();
  for (const task of response.tasks ?? []) for (const v of task.values ?? []) labels.add(summaryLabel(v.metric, v.variant));
  return [...labels].sort(naturalCompare);
}

/** Most metric panels side by side in one row of the Summary chart; more wrap to further rows. */
export const SUMMARY_COLUMNS = 6;

/** Rows of panels the Summary chart needs for this many metrics. */
export function summaryRows(metricCount: number): number {
  return Math.max(1, Math.ceil(metricCount / SUMMARY_COLUMNS));
}

/**
 * The Summary figure: every single-value scalar as clustered bars, a cluster per metric and a bar
 * per task (in comparison order and the task's colour). Each metric is its own small panel with
 * its own y scale, so a 0.93 accuracy next to a 36 M parameter count is still readable; panels
 * wrap after SUMMARY_COLUMNS. One legend entry per task toggles its bars in every panel. Returns
 * null when no task reported a single value.
 */
export function buildSummaryFigure(response: SingleValueMetrics, tasks: readonly SummaryTask[]): PlotFigure | null {
  const labels = summaryLabels(response);
  if (!labels.length) return null;
  const byTask = new Map((response.tasks ?? []).map((t) => [t.task, t]));
  const valuesByTask = tasks.map(
    (task) => new Map((byTask.get(task.id)?.values ?? []).map((v) => [summaryLabel(v.metric, v.variant), Number(v.value)])),
  );
  const rows = summaryRows(labels.length);
  const columns = Math.min(labels.length, SUMMARY_COLUMNS);
  const data: Data[] = [];
  const layout: Record<string, unknown> = {
    title: { text: 'Summary' },
    barmode: 'group',
    // A panel holds one group of bars; past the palette's tasks they are thin, so the group takes
    // nearly the whole panel rather than Plotly's 80 %.
    bargap: tasks.length > 20 ? 0.04 : 0.2,
    showlegend: tasks.length <= 20,
    legend: { orientation: 'h', y: -0.25 / rows },
    hovermode: 'closest',
    grid: { rows, columns, pattern: 'independent', xgap: 0.25, ygap: 0.45 },
  };
  labels.forEach((label, m) => {
    const suffix = m === 0 ? '' : String(m + 1);
    tasks.forEach((task, t) => {
      const value = valuesByTask[t].get(label);
      data.push({
        type: 'bar',
        name: plotText(task.displayName),
        legendgroup: task.id,
        showlegend: m === 0,
        x: [label],
        y: [value ?? null],
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        marker: { color: task.color, ...(task.dash && BAR_PATTERNS[task.dash] ? { pattern: { shape: BAR_PATTERNS[task.dash] } } : {}) },
        hovertemplate: `${plotText(label)}<br>${plotText(task.displayName)}: %{y}<extra></extra>`,
      } as Data);
    });
    // One category per chart: a grid line at it would run through the middle of its bar group.
    layout[`xaxis${suffix}`] = { type: 'category', automargin: true, showgrid: false };
    layout[`yaxis${suffix}`] = { rangemode: 'tozero', automargin: true, nticks: 5 };
  });
  return { data, layout };
}

/**
 * Plotly reads names, titles and hover templates as pseudo-HTML and `%{...}` templates: text from
 * a task goes through this so it is shown as written, never interpreted.
 */
export function plotText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/%\{/g, '%\u200b{');
}
