import type { PlotFigure } from '../../shared/plot/plot-figure';
import { layoutTitle, plainText, sanitizeText, traceType, type Trace } from './plot-parse';

/** Below this width (px) a legend beside the plot would leave it too little room: it goes under it. */
export const NARROW_PLOT_WIDTH = 720;
/**
 * Below this width (px) a chart is drawn compact (three heatmaps side by side in a small embed):
 * its title is left to the heading above it, the margins shrink to what the axis labels need, and
 * colour bars are thin.
 */
export const COMPACT_PLOT_WIDTH = 360;
/** Trace types that draw a colour bar of their own. */
const COLORBAR_TRACES = new Set(['heatmap', 'contour', 'histogram2d', 'histogram2dcontour']);
/** The longest category label drawn in full; longer ones keep their start and end around an ellipsis. */
const MAX_LABEL_CHARS = 18;
/** About the width of a character of a chart title (Plotly draws titles at 1.4 times the font's 12 px). */
const TITLE_CHAR_PX = 9;
/** What a centred title keeps clear on each side: the full-screen button (4 px in, 24 px wide) and a gap. */
const TITLE_SIDE_PX = 40;
/** About the width of a character of a legend entry (12 px font). */
const LEGEND_CHAR_PX = 7.5;

/** `text` cut to `max` characters in the middle (the ends tell similar names apart). */
export function middleEllipsis(text: string, max = MAX_LABEL_CHARS): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

/** A trace's x categories in its own order: a box's or violin's name (without x), or its string x values; null for none. */
export function traceCategories(trace: Trace): string[] | null {
  const type = traceType(trace);
  const x = trace['x'];
  if ((type === 'box' || type === 'violin') && !Array.isArray(x) && trace['x0'] === undefined && typeof trace['name'] === 'string')
    return [trace['name']];
  if (Array.isArray(x) && x.length && x.every((v) => typeof v === 'string')) return [...new Set(x as string[])];
  return null;
}

/** The x categories a figure draws, in the order they are met. */
function xCategories(data: readonly Trace[]): string[] {
  return [...new Set(data.flatMap((trace) => traceCategories(trace) ?? []))];
}

/**
 * The figure as drawn in a frame `width` px wide: long x category names (a box per run, say) are
 * cut in the middle, whole on hover, so rotated names do not eat the plot; a title longer than the
 * frame is cut in the middle too (the card or panel heading above holds it whole); and in a narrow
 * frame the legend goes under the plot, at most a third of the height, scrolling; in a very
 * narrow one the chart is drawn compact (COMPACT_PLOT_WIDTH).
 */
export function fitFigure(figure: PlotFigure, width: number): PlotFigure {
  const data = figure.data as Trace[];
  const layout = { ...(figure.layout ?? {}) } as Record<string, unknown>;
  let changed = false;
  const xaxis = (layout['xaxis'] ?? {}) as Record<string, unknown>;
  const categories = xaxis['ticktext'] === undefined ? xCategories(data) : [];
  if (categories.some((c) => c.length > MAX_LABEL_CHARS)) {
    layout['xaxis'] = { ...xaxis, tickmode: 'array', tickvals: categories, ticktext: categories.map((c) => middleEllipsis(c)) };
    changed = true;
  }
  const title = layoutTitle(figure);
  const titleChars = Math.max(8, Math.floor((width - 2 * TITLE_SIDE_PX) / TITLE_CHAR_PX));
  if (width > 0 && title && plainText(title).length > titleChars) {
    const titleLayout = typeof layout['title'] === 'object' ? (layout['title'] as object) : {};
    layout['title'] = { ...titleLayout, text: sanitizeText(middleEllipsis(plainText(title), titleChars)) };
    changed = true;
  }
  const legendShown = layout['showlegend'] === true || (layout['showlegend'] !== false && data.length > 1);
  let traces = data;
  if (legendShown && width > 0 && width < NARROW_PLOT_WIDTH) {
    // Each legend entry on one line of the frame: a long name is cut in the middle, whole on hover.
    const nameChars = Math.max(12, Math.floor((width - 80) / LEGEND_CHAR_PX));
    traces = data.map((trace) => {
      const name = trace['name'];
      if (typeof name !== 'string' || plainText(name).length <= nameChars || categories.includes(name)) return trace;
      const short = sanitizeText(middleEllipsis(plainText(name), nameChars));
      const hover = traceType(trace) === 'scatter' && trace['hovertemplate'] === undefined;
      return { ...trace, name: short, meta: name, ...(hover ? { hovertemplate: '(%{x}, %{y})<extra>%{meta}</extra>' } : {}) };
    });
    layout['legend'] = {
      ...(layout['legend'] as object | undefined),
      orientation: 'h',
      xref: 'container',
      x: 0,
      xanchor: 'left',
      yref: 'container',
      y: 0,
      yanchor: 'bottom',
      maxheight: 0.3,
    };
    changed = true;
  }
  if (width > 0 && width < COMPACT_PLOT_WIDTH) {
    compact(layout);
    traces = traces.map((trace) =>
      COLORBAR_TRACES.has(traceType(trace)) && trace['showscale'] !== false
        ? { ...trace, colorbar: { ...(trace['colorbar'] as object | undefined), thickness: 8, xpad: 0, ypad: 0, tickfont: { size: 9 } } }
        : trace,
    );
    changed = true;
  }
  return changed ? { ...figure, data: traces as PlotFigure['data'], layout: layout as PlotFigure['layout'] } : figure;
}

/** Compact layout (in place): no title, small fonts, margins that grow only as far as the axis labels and titles need. */
function compact(layout: Record<string, unknown>): void {
  if (layout['title'] !== undefined) layout['title'] = { text: '' };
  layout['margin'] = { l: 4, r: 12, t: 8, b: 4, pad: 0 };
  // Plotly stops growing the margins for labels where the plot would get narrower than 64 px: here the labels come first.
  layout['minreducedwidth'] = 32;
  layout['minreducedheight'] = 40;
  layout['font'] = { ...(layout['font'] as object | undefined), size: 10 };
  const axes = new Set(['xaxis', 'yaxis', ...Object.keys(layout).filter((key) => /^[xy]axis\d*$/.test(key))]);
  for (const key of axes) {
    const axis = (layout[key] ?? {}) as Record<string, unknown>;
    layout[key] = { ...axis, automargin: true, tickfont: { ...(axis['tickfont'] as object | undefined), size: 9 } };
  }
}
