import type * as PlotlyModule from 'plotly.js-dist-min';

export type Plotly = typeof PlotlyModule;

let plotly: Promise<Plotly> | null = null;

/** Plotly is large: it is loaded once, on first use, by the tabs that chart — never in the initial bundle. */
export function loadPlotly(): Promise<Plotly> {
  plotly ??= import('plotly.js-dist-min').then((module) => ((module as { default?: Plotly }).default ?? module) as Plotly);
  return plotly;
}
