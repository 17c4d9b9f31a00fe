import type { MultiTaskPlots, PlotEvent } from '../../core/api/events-api';
import type { PlotFigure } from '../../shared/plot/plot-figure';
import { canDiffer, differenceFigure } from './plot-difference';
import { mergedBoxes } from './plot-boxes';
import { traceCategories } from './plot-fit';
import { Trace, isOverlayable, layoutTitle, parsePlot, plainText, sanitizeText, traceType } from './plot-parse';
import { naturalCompare } from '../../shared/natural-order';

export interface PlotTask {
  id: string;
  name: string;
  color: string;
  isBase: boolean;
  /** Past the palette's colours: the task's line dash and marker symbol (absent: as the plot has them). */
  dash?: string;
  symbol?: string;
}

export type PlotGrouping = 'metric' | 'variant';

/** One task's chart in a side-by-side card. */
export interface TaskPanel {
  task: PlotTask;
  title: string;
  figure: PlotFigure | null;
  error: string | null;
  missing: boolean;
  /** True when the figure shows the difference from the base task. */
  difference: boolean;
}

export type PlotCard =
  | { kind: 'overlay'; key: string; title: string; figure: PlotFigure; missing: string[]; errors: string[] }
  | {
      kind: 'tasks';
      key: string;
      title: string;
      panels: TaskPanel[];
      /** Tasks that did not report the plot, named in one line instead of a panel each (see `sideBySide`). */
      notReported: PlotTask[];
    };

/**
 * Panels saying "did not report" kept at most in a side-by-side card: up to this many they keep
 * each task's place in the grid (its panel sits where it does in the other cards); past it, a card
 * of 100 tasks of which one reported the plot was a page of such panels, so they are named in one
 * line under the others instead.
 */
export const MAX_MISSING_PANELS = 3;

/** A side-by-side card's panels and the tasks it names as not reporting the plot. */
export function sideBySide(panels: TaskPanel[]): { panels: TaskPanel[]; notReported: PlotTask[] } {
  const missing = panels.filter((p) => p.missing);
  if (missing.length <= MAX_MISSING_PANELS) return { panels, notReported: [] };
  return { panels: panels.filter((p) => !p.missing), notReported: missing.map((p) => p.task) };
}

/** The pieces cards are drawn in, in order: an overlay card is one, a side-by-side card one per task panel. */
export function cardPieces(cards: readonly PlotCard[]): readonly unknown[] {
  return cards.flatMap<unknown>((card) => (card.kind === 'tasks' ? card.panels : [card]));
}

/**
 * The cards as far as `count` pieces (see cardPieces) reach, for drawing them in steps; the last
 * card reached may show only its first panels.
 */
export function firstPieces(cards: readonly PlotCard[], count: number): readonly PlotCard[] {
  const out: PlotCard[] = [];
  let left = count;
  for (const card of cards) {
    const size = card.kind === 'overlay' ? 1 : card.panels.length;
    if (size <= left) {
      out.push(card);
      left -= size;
      continue;
    }
    if (card.kind === 'tasks' && left > 0) out.push({ ...card, panels: card.panels.slice(0, left) });
    return out;
  }
  return cards;
}

/** `metric/variant` → task id → its last reported plot. */
export type PlotIndex = Map<string, { metric: string; variant: string; byTask: Map<string, PlotEvent> }>;

export function plotKey(metric: string, variant: string): string {
  return `${metric}/${variant}`;
}

/** Merges pages of `events.get_multi_task_plots` into an index keeping each task's last iteration. */
export function indexPlots(pages: readonly MultiTaskPlots[]): PlotIndex {
  const index: PlotIndex = new Map();
  for (const page of pages) {
    for (const [metric, variants] of Object.entries(page ?? {})) {
      for (const [variant, tasks] of Object.entries(variants ?? {})) {
        const key = plotKey(metric, variant);
        const entry = index.get(key) ?? { metric, variant, byTask: new Map<string, PlotEvent>() };
        index.set(key, entry);
        for (const [taskId, iters] of Object.entries(tasks ?? {})) {
          for (const [iter, value] of Object.entries(iters ?? {})) {
            const plot = value?.plots?.[value.plots.length - 1];
            if (!plot) continue;
            const known = entry.byTask.get(taskId);
            const it = Number.isFinite(plot.iter) ? plot.iter : Number(iter);
            if (!known || known.iter <= it) entry.byTask.set(taskId, { ...plot, iter: it, task: taskId, metric, variant });
          }
        }
      }
    }
  }
  return index;
}

/** Sorted plot keys of the index (metric, then variant). */
export function plotKeys(index: PlotIndex): string[] {
  return [...index.values()]
    .sort((a, b) => naturalCompare(a.metric, b.metric) || naturalCompare(a.variant, b.variant))
    .map((e) => plotKey(e.metric, e.variant));
}

/**
 * The cards to draw for the selected plot keys: overlaid when every task's plot of a key is made of
 * line/scatter/bar/box/histogram traces, else one panel per task. Group by metric puts the overlaid
 * variants of a metric in one chart; side-by-side plots stay one card per variant.
 */
export function buildCards(
  index: PlotIndex,
  keys: readonly string[],
  tasks: readonly PlotTask[],
  groupBy: PlotGrouping,
  difference: boolean,
): PlotCard[] {
  const cards: PlotCard[] = [];
  const byMetric = new Map<string, PlotCard & { kind: 'overlay' }>();
  for (const key of keys) {
    const entry = index.get(key);
    if (!entry) continue;
    const parsed = tasks.map((task) => {
      const event = entry.byTask.get(task.id);
      return { task, event, parsed: event ? parsePlot(event.plot_str) : null };
    });
    const good = parsed.filter((p) => p.parsed?.ok);
    const overlay = good.length > 0 && good.every((p) => p.parsed!.ok && isOverlayable(p.parsed!.figure));
    if (!overlay) {
      cards.push({ kind: 'tasks', key, title: key, ...sideBySide(taskPanels(parsed, difference)) });
      continue;
    }
    const iterations = new Set(good.map((p) => p.event!.iter));
    const prefix = groupBy === 'metric' ? entry.variant : '';
    const boxes = groupedBoxes(good.map((p) => (p.parsed as { ok: true; figure: PlotFigure }).figure));
    const traces: Trace[] = [];
    const missing: string[] = [];
    const errors: string[] = [];
    for (const p of parsed) {
      if (!p.event) missing.push(p.task.name);
      else if (p.parsed && !p.parsed.ok) errors.push(`${p.task.name}: ${p.parsed.error}`);
      else if (p.parsed?.ok) {
        const figure = boxes?.get(p.parsed.figure) ?? p.parsed.figure;
        traces.push(...taskTraces(figure, p.task, iterations.size > 1 ? p.event.iter : null, prefix));
      }
    }
    const first = good[0].parsed as { ok: true; figure: PlotFigure };
    const existing = groupBy === 'metric' ? byMetric.get(entry.metric) : undefined;
    if (existing) {
      existing.figure.data.push(...(traces as PlotFigure['data']));
      existing.missing.push(...missing.map((m) => `${m} (${sanitizeText(entry.variant)})`));
      existing.errors.push(...errors);
      continue;
    }
    const title = groupBy === 'metric' ? entry.metric : layoutTitle(first.figure) || key;
    const card: PlotCard & { kind: 'overlay' } = {
      kind: 'overlay',
      key: groupBy === 'metric' ? entry.metric : key,
      title: plainText(title),
      figure: { data: traces as PlotFigure['data'], layout: overlayLayout(first.figure, sanitizeText(title)) },
      missing: groupBy === 'metric' ? missing.map((m) => `${m} (${sanitizeText(entry.variant)})`) : missing,
      errors,
    };
    if (groupBy === 'metric') byMetric.set(entry.metric, card);
    cards.push(card);
  }
  for (const card of cards) {
    if (card.kind !== 'overlay') continue;
    const order = naturalCategoryOrder(card.figure.data as Trace[]);
    if (order) {
      const xaxis = (card.figure.layout as Record<string, unknown>)['xaxis'] as Record<string, unknown> | undefined;
      if (!xaxis?.['categoryorder'] && !xaxis?.['categoryarray'])
        (card.figure.layout as Record<string, unknown>)['xaxis'] = { ...xaxis, categoryorder: 'array', categoryarray: order };
    }
    appendMissing(card, tasks);
  }
  return cards;
}

/**
 * The x categories of overlaid plots in natural order ("iter 50-100" before "iter 2050-2100"), when
 * the tasks' plots together would otherwise draw them out of it: Plotly places categories in the
 * order it first meets them, so a long run's late windows came before a short run's early ones.
 * Null (first-met order kept) when a plot writes its own categories in another order (low, medium,
 * high), or when the order is already natural.
 */
export function naturalCategoryOrder(data: readonly Trace[]): string[] | null {
  const met = new Set<string>();
  // Each task's own order: its traces (a trace per box, or one trace of boxes) in turn.
  const byTask = new Map<unknown, Set<string>>();
  for (const trace of data) {
    const own = traceCategories(trace);
    if (!own) continue;
    const task = trace['legendgroup'];
    const list = byTask.get(task) ?? new Set<string>();
    byTask.set(task, list);
    for (const c of own) {
      list.add(c);
      met.add(c);
    }
  }
  if (met.size < 2 || [...byTask.values()].some((list) => !isSorted([...list])) || isSorted([...met])) return null;
  return [...met].sort(naturalCompare);
}

function isSorted(list: readonly string[]): boolean {
  return list.every((c, i) => i === 0 || naturalCompare(list[i - 1], c) <= 0);
}

/**
 * With two tasks or more whose plots are boxes placed by their names, each task's plot as one box
 * trace (see mergedBoxes), so the boxes of one name stand side by side, a box per task; null when
 * any of the plots is not such a box plot.
 */
function groupedBoxes(figures: readonly PlotFigure[]): Map<PlotFigure, PlotFigure> | null {
  if (figures.length < 2) return null;
  const out = new Map<PlotFigure, PlotFigure>();
  for (const figure of figures) {
    const merged = mergedBoxes(figure.data as Trace[]);
    if (!merged) return null;
    out.set(figure, { ...figure, data: [merged] as PlotFigure['data'] });
  }
  return out;
}

/** Legend-only entries for tasks without the plot, so the legend names every task. */
function appendMissing(card: PlotCard & { kind: 'overlay' }, tasks: readonly PlotTask[]): void {
  for (const label of card.missing) {
    const task = tasks.find((t) => label === t.name || label.startsWith(`${t.name} (`));
    card.figure.data.push({
      type: 'scatter',
      x: [null],
      y: [null],
      mode: 'lines',
      name: `${sanitizeText(label)} — missing`,
      showlegend: true,
      visible: 'legendonly',
      hoverinfo: 'skip',
      line: { color: task?.color ?? '#888', dash: 'dot' },
    } as unknown as PlotFigure['data'][number]);
  }
}

/** One task's traces, coloured and named by the task; scattergl becomes SVG scatter. */
export function taskTraces(figure: PlotFigure, task: PlotTask, iteration: number | null, prefix = ''): Trace[] {
  const data = figure.data as Trace[];
  const name = sanitizeText(task.name);
  const label = iteration === null ? name : `${name} @${iteration}`;
  return data.map((trace, i) => {
    const type = traceType(trace) === 'scattergl' ? 'scatter' : traceType(trace);
    const series = [prefix, typeof trace['name'] === 'string' ? (trace['name'] as string) : data.length > 1 ? `trace ${i}` : '']
      .filter(Boolean)
      .join(' · ');
    const styled = !!task.dash && task.dash !== 'solid';
    const marker = { ...(trace['marker'] as object | undefined), color: task.color, ...(styled ? { symbol: task.symbol } : {}) };
    const line = { ...(trace['line'] as object | undefined), color: task.color, ...(styled ? { dash: task.dash } : {}) };
    return {
      ...trace,
      type,
      name: series ? `${label} · ${series}` : label,
      legendgroup: task.id,
      marker,
      ...(type === 'scatter' || type === 'box' ? { line } : {}),
      ...(type === 'histogram' || type === 'bar' ? { opacity: 0.6 } : {}),
    };
  });
}

function overlayLayout(figure: PlotFigure, title: string): PlotFigure['layout'] {
  const layout = (figure.layout ?? {}) as Record<string, unknown>;
  const type = traceType((figure.data[0] ?? {}) as Trace);
  return {
    xaxis: layout['xaxis'],
    yaxis: layout['yaxis'],
    title: { text: title },
    showlegend: true,
    ...(type === 'histogram' || type === 'bar' ? { barmode: type === 'histogram' ? 'overlay' : 'group' } : {}),
    ...(type === 'box' ? { boxmode: 'group' } : {}),
  } as PlotFigure['layout'];
}

function taskPanels(
  parsed: { task: PlotTask; event: PlotEvent | undefined; parsed: ReturnType<typeof parsePlot> | null }[],
  difference: boolean,
): TaskPanel[] {
  const base = parsed.find((p) => p.task.isBase);
  const baseFigure = base?.parsed?.ok ? base.parsed.figure : null;
  return parsed.map(({ task, event, parsed: result }) => {
    const title = task.name + (event ? ` — iteration ${event.iter}` : '');
    if (!event) return { task, title, figure: null, error: null, missing: true, difference: false };
    if (!result || !result.ok)
      return { task, title, figure: null, error: result?.error ?? 'unreadable', missing: false, difference: false };
    const diff = difference && !task.isBase && baseFigure ? differenceFigure(result.figure, baseFigure) : null;
    const figure = diff ?? result.figure;
    const plotTitle = layoutTitle(result.figure);
    const heading = `${sanitizeText(task.name)}${plotTitle ? ` · ${plotTitle}` : ''}${diff ? ' − base' : ''}`;
    return { task, title, figure: withTitle(figure, heading), error: null, missing: false, difference: !!diff };
  });
}

function withTitle(figure: PlotFigure, text: string): PlotFigure {
  return { ...figure, layout: { ...figure.layout, title: { text } } };
}

export { differenceFigure, canDiffer };
