import type { Data } from 'plotly.js-dist-min';
import { SingleValueMetrics } from '../../core/api/events-api';
import { mean, std } from '../../core/stats/stats';
import { PlotFigure } from '../../shared/plot/plot-figure';
import { buildSummaryFigure, plotText, summaryLabel, summaryLabels } from './summary-figure';

/** A group as the Summary chart draws it: a bar per metric, in its colour, over its tasks' values. */
export interface SummaryGroup {
  key: string;
  name: string;
  color: string;
  taskIds: readonly string[];
}

/**
 * The error bars' colour: the page's text colour, so a bar's whisker shows over the bar and over
 * the background in either theme (a fixed grey vanished on the dark background).
 */
export const errorBarColor = (dark: boolean) => (dark ? '#e3e3e8' : '#1b1b1f');

/** A group's bar label: `0.9282 ± 0.0024` (mean to 4 significant digits, std to 2), the mean alone for one value. */
export function barText(mean: number, std: number | null): string {
  const short = (value: number, digits: number) => String(Number(value.toPrecision(digits)));
  return std === null ? short(mean, 4) : `${short(mean, 4)} ± ${short(std, 2)}`;
}

/**
 * The Summary figure with grouping on: the same panels, a bar per group at the mean of its tasks'
 * values (tasks that did not report a metric do not count), with an error bar of ± one standard
 * deviation (none for one value), mean ± std written on the bar and the count n in the hover. Null
 * when no task reported a value.
 */
export function buildGroupedSummaryFigure(
  response: SingleValueMetrics,
  groups: readonly SummaryGroup[],
  theme: { dark: boolean } = { dark: false },
): PlotFigure | null {
  if (!summaryLabels(response).length) return null;
  const byTask = new Map((response.tasks ?? []).map((t) => [t.task, t]));
  const stats = groups.map((group) => {
    const values = new Map<string, number[]>();
    for (const id of group.taskIds) {
      for (const v of byTask.get(id)?.values ?? []) {
        const value = Number(v.value);
        if (!Number.isFinite(value)) continue;
        const label = summaryLabel(v.metric, v.variant);
        values.set(label, [...(values.get(label) ?? []), value]);
      }
    }
    return new Map([...values].map(([label, list]) => [label, { mean: mean(list), std: std(list), n: list.length }]));
  });
  // The per-task figure drawn over one "task" per group holding its means; error bars added to its bars.
  const means: SingleValueMetrics = {
    tasks: groups.map((group, g) => ({
      task: group.key,
      task_name: group.name,
      values: [...stats[g]].map(([label, s]) => ({ metric: 'Summary', variant: label, value: s.mean, timestamp: 0 })),
    })),
  };
  const figure = buildSummaryFigure(
    means,
    groups.map((group) => ({ id: group.key, displayName: `${group.name} (n=${group.taskIds.length})`, color: group.color })),
  );
  if (!figure) return null;
  const labels = summaryLabels(means);
  const data = figure.data.map((trace, i) => {
    const label = labels[Math.floor(i / groups.length)];
    const group = groups[i % groups.length];
    const s = stats[i % groups.length].get(label);
    const error = s && s.n > 1 ? s.std : null;
    return {
      ...trace,
      // The numbers on the bar: groups' means often differ by less than a bar's height shows.
      text: [s ? barText(s.mean, error) : ''],
      textposition: 'inside',
      insidetextanchor: 'end',
      error_y: { type: 'data', array: [error], visible: error !== null, color: errorBarColor(theme.dark), thickness: 1.5, width: 6 },
      customdata: [[s?.n ?? 0, error]],
      // `~`: no trailing zeros (0.912, not 0.912000); one value has no spread to print.
      hovertemplate:
        `${plotText(label)}<br>${plotText(group.name)}<br>mean %{y:.6~g}` +
        (error === null ? '' : ' ± %{customdata[1]:.3~g} (std)') +
        ` over n=%{customdata[0]}<extra></extra>`,
    } as Data;
  });
  // A bar too narrow for its numbers shows none rather than a shrunken few.
  const layout = { ...figure.layout, uniformtext: { mode: 'hide', minsize: 9 } } as PlotFigure['layout'];
  return { ...figure, data, layout };
}
