import type { Data } from 'plotly.js-dist-min';
import { SingleValueMetrics } from '../../core/api/events-api';
import { PlotFigure } from '../../shared/plot/plot-figure';

/** A compared task as the Summary chart draws it: one bar per cluster, in this colour and name. */
export interface SummaryTask {
  id: string;
  displayName: string;
  color: string;
}

/** The cluster label of a single value: the metric, plus the variant when it says more. */
export function summaryLabel(metric: string, variant: string): string {
  if (metric === 'Summary' && variant) return variant;
  return !variant || variant === metric ? metric : `${metric} / ${variant}`;
}

/** Every single-value label reported by any task, sorted; a task that did not report one gets no bar there. */
export function summaryLabels(response: SingleValueMetrics): string[] {
  const labels = new Set<string>();
  for (const task of response.tasks ?? []) for (const v of task.values ?? []) labels.add(summaryLabel(v.metric, v.variant));
  return [...labels].sort((a, b) => a.localeCompare(b));
}

/**
 * The Summary figure: every single-value scalar in one clustered bar chart, a cluster per metric
 * (x), a bar per task (one trace per task, in comparison order and the task's colour). Returns
 * null when no task reported a single value.
 */
export function buildSummaryFigure(response: SingleValueMetrics, tasks: readonly SummaryTask[]): PlotFigure | null {
  const labels = summaryLabels(response);
  if (!labels.length) return null;
  const byTask = new Map((response.tasks ?? []).map((t) => [t.task, t]));
  const data: Data[] = [];
  for (const task of tasks) {
    const reported = byTask.get(task.id);
    const values = new Map((reported?.values ?? []).map((v) => [summaryLabel(v.metric, v.variant), v.value]));
    data.push({
      type: 'bar',
      name: plotText(task.displayName),
      x: labels,
      y: labels.map((label) => (values.has(label) ? Number(values.get(label)) : null)),
      marker: { color: task.color },
      hovertemplate: `%{x}<br>${plotText(task.displayName)}: %{y}<extra></extra>`,
    } as Data);
  }
  return {
    data,
    layout: {
      title: { text: 'Summary' },
      barmode: 'group',
      showlegend: tasks.length <= 20,
      legend: { orientation: 'h', y: -0.2 },
      hovermode: 'closest',
      xaxis: { type: 'category' },
    },
  };
}

/**
 * Plotly reads names, titles and hover templates as pseudo-HTML and `%{...}` templates: text from
 * a task goes through this so it is shown as written, never interpreted.
 */
export function plotText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/%\{/g, '%\u200b{');
}
