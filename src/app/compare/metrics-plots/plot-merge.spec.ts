import type { MultiTaskPlots } from '../../core/api/events-api';
import {
  MAX_MISSING_PANELS,
  PlotTask,
  buildCards,
  differenceFigure,
  firstPieces,
  indexPlots,
  naturalCategoryOrder,
  plotKeys,
} from './plot-merge';
import { parsePlot, sanitizeText } from './plot-parse';
import { formatSelection, parseSelection, searchKeys } from './plots-options';

const A: PlotTask = { id: 'a', name: 'Task A', color: '#f00', isBase: true };
const B: PlotTask = { id: 'b', name: 'Task B', color: '#0f0', isBase: false };
const C: PlotTask = { id: 'c', name: 'Task C', color: '#00f', isBase: false };

type Row = [metric: string, variant: string, task: string, iter: number, figure: unknown];

function page(rows: Row[]): MultiTaskPlots {
  const out: MultiTaskPlots = {};
  for (const [metric, variant, task, iter, figure] of rows) {
    const plot_str = typeof figure === 'string' ? figure : JSON.stringify(figure);
    ((out[metric] ??= {})[variant] ??= {})[task] = { [iter]: { name: task, plots: [{ metric, variant, iter, task, plot_str }] } };
  }
  return out;
}

const roc = (name: string) => ({
  data: [{ type: 'scattergl', mode: 'lines', name, x: [0, 1], y: [0, 1] }],
  layout: { title: { text: 'ROC' } },
});
const heat = (z: number[][]) => ({ data: [{ type: 'heatmap', z }], layout: { title: 'CM' } });

describe('plot merge', () => {
  it('overlays line plots of all tasks, coloured and named by task, scattergl as SVG scatter', () => {
    const index = indexPlots([
      page([
        ['ROC', 'test', 'a', 5, roc('cat')],
        ['ROC', 'test', 'b', 5, roc('cat')],
      ]),
    ]);
    const [card] = buildCards(index, plotKeys(index), [A, B], 'variant', false);
    expect(card.kind).toBe('overlay');
    if (card.kind !== 'overlay') return;
    const traces = card.figure.data as Record<string, unknown>[];
    expect(traces.map((t) => t['name'])).toEqual(['Task A · cat', 'Task B · cat']);
    expect(traces.map((t) => (t['line'] as { color: string }).color)).toEqual(['#f00', '#0f0']);
    expect(traces.every((t) => t['type'] === 'scatter')).toBeTrue();
  });

  it('adds the iteration to names when tasks differ, and lists a task lacking the plot as missing', () => {
    const index = indexPlots([
      page([
        ['ROC', 'test', 'a', 5, roc('cat')],
        ['ROC', 'test', 'b', 9, roc('cat')],
      ]),
    ]);
    const [card] = buildCards(index, plotKeys(index), [A, B, C], 'variant', false);
    if (card.kind !== 'overlay') return fail('expected overlay');
    const names = (card.figure.data as Record<string, unknown>[]).map((t) => t['name']);
    expect(names).toEqual(['Task A @5 · cat', 'Task B @9 · cat', 'Task C — missing']);
    expect(card.missing).toEqual(['Task C']);
  });

  it('keeps the last iteration per task across pages', () => {
    const index = indexPlots([page([['ROC', 'test', 'a', 5, roc('old')]]), page([['ROC', 'test', 'a', 7, roc('new')]])]);
    expect(index.get('ROC/test')!.byTask.get('a')!.iter).toBe(7);
  });

  it('shows heatmaps side by side, one panel per task titled with its name', () => {
    const index = indexPlots([
      page([
        ['CM', 'test', 'a', 1, heat([[1, 2]])],
        ['CM', 'test', 'b', 1, heat([[3, 4]])],
      ]),
    ]);
    const [card] = buildCards(index, plotKeys(index), [A, B, C], 'variant', false);
    if (card.kind !== 'tasks') return fail('expected per-task card');
    expect(card.panels.map((p) => p.title)).toEqual(['Task A — iteration 1', 'Task B — iteration 1', 'Task C']);
    expect(card.panels[2].missing).toBeTrue();
    expect((card.panels[1].figure!.layout as { title: { text: string } }).title.text).toBe('Task B · CM');
  });

  it(`keeps a panel for each task without the plot up to ${MAX_MISSING_PANELS}, past that names them in one line`, () => {
    const index = indexPlots([page([['CM', 'test', 'b', 1, heat([[1, 2]])]])]);
    const others = Array.from({ length: MAX_MISSING_PANELS + 1 }, (_, i) => ({ id: `t${i}`, name: `T${i}`, color: '#999', isBase: false }));
    const few = buildCards(index, plotKeys(index), [A, B, ...others.slice(0, MAX_MISSING_PANELS - 1)], 'variant', false)[0];
    if (few.kind !== 'tasks') return fail('expected per-task card');
    expect(few.panels.map((p) => p.task.id)).toEqual(['a', 'b', ...others.slice(0, MAX_MISSING_PANELS - 1).map((t) => t.id)]);
    expect(few.notReported).toEqual([]);
    const many = buildCards(index, plotKeys(index), [A, B, ...others], 'variant', false)[0];
    if (many.kind !== 'tasks') return fail('expected per-task card');
    expect(many.panels.map((p) => p.task.id)).toEqual(['b']);
    expect(many.notReported.map((t) => t.id)).toEqual(['a', ...others.map((t) => t.id)]);
  });

  it('cuts the cards at a number of pieces: an overlay is one, a side-by-side card one per panel', () => {
    const index = indexPlots([
      page([
        ['CM', 'test', 'a', 1, heat([[1]])],
        ['CM', 'test', 'b', 1, heat([[2]])],
        ['ROC', 'test', 'a', 1, roc('r')],
        ['CM', 'val', 'a', 1, heat([[3]])],
      ]),
    ]);
    const cards = buildCards(index, plotKeys(index), [A, B, C], 'variant', false);
    expect(cards.map((c) => `${c.kind} ${c.key}`)).toEqual(['tasks CM/test', 'tasks CM/val', 'overlay ROC/test']);
    const shape = (count: number) =>
      firstPieces(cards, count).map((c) => (c.kind === 'tasks' ? c.panels.map((p) => p.task.id).join('') : 'overlay'));
    expect(shape(0)).toEqual([]);
    expect(shape(2)).toEqual(['ab']);
    expect(shape(4)).toEqual(['abc', 'a']);
    expect(shape(6)).toEqual(['abc', 'abc']);
    expect(firstPieces(cards, 7)).toBe(cards);
    expect(firstPieces(cards, 100)).toBe(cards);
    // A cut card is a copy: the card given keeps its panels.
    expect((cards[0] as { panels: unknown[] }).panels.length).toBe(3);
  });

  it('groups overlaid variants of a metric in one chart when grouped by metric', () => {
    const index = indexPlots([
      page([
        ['W', 'fc', 'a', 1, roc('w')],
        ['W', 'conv', 'a', 1, roc('w')],
        ['W', 'conv', 'b', 1, roc('w')],
      ]),
    ]);
    const byVariant = buildCards(index, plotKeys(index), [A, B], 'variant', false);
    expect(byVariant.length).toBe(2);
    const [card] = buildCards(index, plotKeys(index), [A, B], 'metric', false);
    if (card.kind !== 'overlay') return fail('expected overlay');
    const names = (card.figure.data as Record<string, unknown>[]).map((t) => t['name']);
    expect(names).toEqual(['Task A · conv · w', 'Task B · conv · w', 'Task A · fc · w', 'Task B (fc) — missing']);
  });

  it('turns a broken plot_str into an error for that task only', () => {
    const index = indexPlots([
      page([
        ['ROC', 'test', 'a', 1, roc('x')],
        ['ROC', 'test', 'b', 1, '{not json'],
        ['CM', 't', 'a', 1, '[]'],
      ]),
    ]);
    const cards = buildCards(index, plotKeys(index), [A, B], 'variant', false);
    const cm = cards.find((c) => c.key === 'CM/t')!;
    const rocCard = cards.find((c) => c.key === 'ROC/test')!;
    if (rocCard.kind !== 'overlay' || cm.kind !== 'tasks') return fail('unexpected kinds');
    expect(rocCard.figure.data.length).toBe(1);
    expect(rocCard.errors[0]).toContain('Task B: the plot is not valid JSON');
    expect(cm.panels[0].error).toBe('the plot is not a Plotly figure');
  });

  it('shows the heatmap difference from base when shapes match, and the plain plot when not', () => {
    const index = indexPlots([
      page([
        [
          'CM',
          't',
          'a',
          1,
          heat([
            [1, 2],
            [3, 4],
          ]),
        ],
        [
          'CM',
          't',
          'b',
          1,
          heat([
            [2, 2],
            [3, 0],
          ]),
        ],
        ['CM', 't', 'c', 1, heat([[1]])],
      ]),
    ]);
    const [card] = buildCards(index, plotKeys(index), [A, B, C], 'variant', true);
    if (card.kind !== 'tasks') return fail('expected per-task card');
    expect(card.panels.map((p) => p.difference)).toEqual([false, true, false]);
    expect((card.panels[1].figure!.data[0] as { z: number[][] }).z).toEqual([
      [1, 0],
      [0, -4],
    ]);
    expect((card.panels[2].figure!.data[0] as { z: number[][] }).z).toEqual([[1]]);
  });

  it('differences numeric table cells and keeps labels', () => {
    const table = (v: unknown[][]) => ({ data: [{ type: 'table', header: { values: ['c', 'p'] }, cells: { values: v } }] });
    const fig = (v: unknown[][]) => {
      const r = parsePlot(JSON.stringify(table(v)));
      if (!r.ok) throw new Error(r.error);
      return r.figure;
    };
    const diff = differenceFigure(fig([['cat'], ['0.5']]), fig([['cat'], ['0.25']]));
    expect((diff!.data[0] as { cells: { values: unknown[][] } }).cells.values).toEqual([['cat'], ['+0.25']]);
  });

  it("escapes HTML in plot text except Plotly's small subset", () => {
    expect(sanitizeText('a<br>b <img src=x onerror=alert(1)> <b>c</b>')).toBe('a<br>b &lt;img src=x onerror=alert(1)> <b>c</b>');
    const parsed = parsePlot(JSON.stringify({ data: [{ name: '<script>x</script>' }], layout: { title: '<a href="javascript:1">t</a>' } }));
    if (!parsed.ok) return fail('should parse');
    expect((parsed.figure.data[0] as { name: string }).name).toBe('&lt;script>x&lt;/script>');
    expect((parsed.figure.layout as { title: string }).title).toBe('&lt;a href="javascript:1">t&lt;/a>');
  });

  it('keeps the selection in a URL value, search matching every word', () => {
    expect(parseSelection(null)).toBeNull();
    expect(parseSelection('')).toEqual([]);
    expect(parseSelection('ROC/test|CM/t')).toEqual(['ROC/test', 'CM/t']);
    expect(formatSelection(['a', 'b'], ['a', 'b'])).toBeNull();
    expect(formatSelection(['b', 'x'], ['a', 'b'])).toBe('b');
    // Nothing selected stays a value of its own: an empty one would drop the option and show every plot.
    expect(formatSelection([], ['a', 'b'])).not.toBe('');
    expect(parseSelection(formatSelection([], ['a', 'b']))).toEqual([]);
    expect(searchKeys(['ROC/test', 'Weights/fc'], 'roc TE')).toEqual(['ROC/test']);
  });
});

describe('plot merge: category order', () => {
  const box = (task: string, names: string[]) => ({ type: 'box', legendgroup: task, x: names.flatMap((n) => [n, n]), y: [1, 2, 3, 4] });
  it('puts the categories of overlaid plots in natural order when each task writes them in it', () => {
    // A long run's late windows met first, a short run's early ones after.
    const order = naturalCategoryOrder([box('a', ['iter 1950-2000', 'iter 2050-2100']), box('b', ['iter 50-100', 'iter 150-200'])]);
    expect(order).toEqual(['iter 50-100', 'iter 150-200', 'iter 1950-2000', 'iter 2050-2100']);
  });
  it('keeps the order met when a task writes its own (low, medium, high), or when it is natural already', () => {
    expect(naturalCategoryOrder([box('a', ['low', 'medium', 'high']), box('b', ['low', 'medium', 'high'])])).toBeNull();
    expect(naturalCategoryOrder([box('a', ['iter 50-100', 'iter 150-200']), box('b', ['iter 150-200', 'iter 250-300'])])).toBeNull();
    // A trace per box: a task's order is the order of its traces.
    const perBox = (task: string, name: string) => ({ type: 'box', legendgroup: task, name, y: [1, 2] });
    expect(naturalCategoryOrder([perBox('a', 'low'), perBox('a', 'high')])).toBeNull();
    expect(naturalCategoryOrder([perBox('a', 'iter 900-1000'), perBox('b', 'iter 1-100')])).toEqual(['iter 1-100', 'iter 900-1000']);
  });
});

describe('plot merge: task text', () => {
  it('escapes task names in trace names and titles given to Plotly, and shows the card title as plain text', () => {
    const evil: PlotTask = { id: 'a', name: '<img src=x onerror=alert(1)>', color: '#f00', isBase: true };
    const fig = { data: [{ type: 'scatter', name: 's', x: [1], y: [1] }], layout: { title: '<i>x</i> &lt;y' } };
    const index = indexPlots([
      page([
        ['M', 'v', 'a', 1, fig],
        ['H', 'v', 'a', 1, { data: [{ type: 'heatmap', z: [[1]] }] }],
      ]),
    ]);
    const cards = buildCards(index, plotKeys(index), [evil], 'variant', false);
    const overlay = cards.find((c) => c.kind === 'overlay')!;
    const tasks = cards.find((c) => c.kind === 'tasks')!;
    if (overlay.kind !== 'overlay' || tasks.kind !== 'tasks') return fail('unexpected kinds');
    expect((overlay.figure.data[0] as { name: string }).name).toBe('&lt;img src=x onerror=alert(1)> · s');
    expect(overlay.title).toBe('x <y');
    expect((tasks.panels[0].figure!.layout as { title: { text: string } }).title.text).toBe('&lt;img src=x onerror=alert(1)>');
  });
});
