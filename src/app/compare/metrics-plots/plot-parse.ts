import type { PlotFigure } from '../../shared/plot/plot-figure';
import { errorMessage } from '../../core/error-message';

/** Plotly's own small HTML-like subset that is kept in plot text; every other '<' is escaped. */
const ALLOWED_TAG = /^<\/?(br|b|i|em|sub|sup)\s*\/?>/i;

/** Escapes '<' in a string from an untrusted plot, keeping bare <br>, <b>, <i>, <em>, <sub>, <sup>. */
export function sanitizeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '<') {
      const tag = ALLOWED_TAG.exec(text.slice(i));
      if (tag) {
        out += tag[0].replace(/\s+/g, '');
        i += tag[0].length - 1;
        continue;
      }
      out += '&lt;';
    } else out += ch;
  }
  return out;
}

/** Sanitised plot text as plain text for the page (Angular escapes it): tags dropped, '&lt;' back to '<'. */
export function plainText(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?(b|i|em|sub|sup)>/gi, '')
    .replace(/&lt;/g, '<');
}

/** Deep copy of a parsed JSON value with every string sanitised; `__proto__`-like keys dropped. */
export function sanitizeValue(value: unknown): unknown {
  if (typeof value === 'string') return sanitizeText(value);
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      out[key] = sanitizeValue(v);
    }
    return out;
  }
  return value;
}

export type ParsedPlot = { ok: true; figure: PlotFigure } | { ok: false; error: string };

/** Parses an untrusted `plot_str` into a sanitised figure, or says why it cannot be drawn. */
export function parsePlot(plotStr: unknown): ParsedPlot {
  if (typeof plotStr !== 'string' || !plotStr.trim()) return { ok: false, error: 'the plot is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(plotStr);
  } catch (err) {
    return { ok: false, error: `the plot is not valid JSON (${errorMessage(err)})` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'the plot is not a Plotly figure' };
  const { data, layout } = raw as { data?: unknown; layout?: unknown };
  if (!Array.isArray(data)) return { ok: false, error: 'the plot has no data list' };
  if (!data.every((t) => t && typeof t === 'object' && !Array.isArray(t))) return { ok: false, error: 'the plot has a malformed trace' };
  const cleanLayout = layout && typeof layout === 'object' && !Array.isArray(layout) ? sanitizeValue(layout) : {};
  // The figure's own config is dropped: ours (download, full screen) applies.
  return { ok: true, figure: { data: sanitizeValue(data) as PlotFigure['data'], layout: cleanLayout as PlotFigure['layout'] } };
}

export type Trace = Record<string, unknown>;

export const OVERLAY_TYPES = new Set(['scatter', 'scattergl', 'bar', 'box', 'histogram']);

export function traceType(trace: Trace): string {
  return typeof trace['type'] === 'string' ? (trace['type'] as string) : 'scatter';
}

/** True when every trace can be drawn on top of another task's traces (lines, scatter, bar, box, histogram). */
export function isOverlayable(figure: PlotFigure): boolean {
  return figure.data.length > 0 && (figure.data as Trace[]).every((t) => OVERLAY_TYPES.has(traceType(t)));
}

/** The layout title as text, whichever form the figure uses. */
export function layoutTitle(figure: PlotFigure): string {
  const title = (figure.layout as { title?: unknown } | undefined)?.title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') return (title as { text: string }).text;
  return '';
}
