import type { Config, Data, Layout } from 'plotly.js-dist-min';

/** What a chart shows: Plotly's own figure shape. Building one from API data is a pure function elsewhere. */
export interface PlotFigure {
  data: Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
}

export interface PlotTheme {
  dark: boolean;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * The figure's layout with the page's theme applied under it (the figure's own settings win), so
 * every chart follows light and dark mode without each caller repeating colours.
 */
export function themedLayout(layout: Partial<Layout> | undefined, theme: PlotTheme): Partial<Layout> {
  const text = theme.dark ? '#e3e3e8' : '#1b1b1f';
  const grid = theme.dark ? '#3a3b40' : '#e4e4ea';
  const axis = { gridcolor: grid, zerolinecolor: grid, linecolor: grid, color: text, automargin: true };
  const base: Partial<Layout> = {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: FONT, size: 12, color: text },
    // Room for the axis titles up front: with `automargin`, labels that do not fit make Plotly draw
    // the whole chart a second time (half a second for a 100-task chart here).
    margin: { l: hasTitle(layout?.yaxis) ? 68 : 56, r: 16, t: 36, b: hasTitle(layout?.xaxis) ? 52 : 40 },
    hoverlabel: { font: { family: FONT } },
    legend: { font: { color: text } },
    xaxis: axis,
    yaxis: axis,
  };
  const merged: Partial<Layout> = { ...base, ...layout };
  for (const key of Object.keys(layout ?? {})) {
    if (/^[xy]axis\d*$/.test(key)) {
      (merged as Record<string, unknown>)[key] = { ...axis, ...(layout as Record<string, object>)[key] };
    }
  }
  merged.font = { ...base.font, ...layout?.font };
  return merged;
}

function hasTitle(axis: Partial<Layout['xaxis']> | undefined): boolean {
  const title = axis?.title as string | { text?: string } | undefined;
  return !!(typeof title === 'string' ? title : title?.text);
}

export const DEFAULT_PLOT_CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: false,
  modeBarButtonsToRemove: ['sendDataToCloud', 'lasso2d', 'select2d'],
};
