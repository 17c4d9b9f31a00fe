import type { MultiTaskPlots } from '../../core/api/events-api';
import { mergedBoxes } from './plot-boxes';
import { PlotTask, buildCards, indexPlots, plotKeys } from './plot-merge';

const A: PlotTask = { id: 'a', name: 'Task A', color: '#f00', isBase: true };
const B: PlotTask = { id: 'b', name: 'Task B', color: '#0f0', isBase: false };

const box = (name: string, y: number[], extra: Record<string, unknown> = {}) => ({ type: 'box', name, y, boxpoints: 'outliers', ...extra });
const boxes = (data: unknown[]) => ({ data, layout: { title: { text: 'Loss per policy' }, showlegend: false } });

function index(figures: Record<string, unknown>) {
  const plots: MultiTaskPlots = { Loss: { policy: {} } };
  for (const [task, figure] of Object.entries(figures)) {
    plots['Loss']['policy'][task] = {
      7: { name: task, plots: [{ metric: 'Loss', variant: 'policy', iter: 7, task, plot_str: JSON.stringify(figure) }] },
    };
  }
  return indexPlots([plots]);
}

type Traces = Record<string, unknown>[];

describe('plot merge: box plots', () => {
  it('overlays tasks as one box trace each, the boxes placed by their names, so each name shows a box per task', () => {
    const plots = index({
      a: boxes([box('flip', [1, 2]), box('crop', [3])]),
      b: boxes([box('flip', [4]), box('crop', [5, 6])]),
    });
    const [card] = buildCards(plots, plotKeys(plots), [A, B], 'variant', false);
    if (card.kind !== 'overlay') return fail('expected overlay');
    const traces = card.figure.data as Traces;
    expect(traces.map((t) => t['name'])).toEqual(['Task A', 'Task B']);
    expect(traces.map((t) => t['x'])).toEqual([
      ['flip', 'flip', 'crop'],
      ['flip', 'crop', 'crop'],
    ]);
    expect(traces.map((t) => t['y'])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(traces.map((t) => t['legendgroup'])).toEqual(['a', 'b']);
    expect(traces.map((t) => (t['marker'] as { color: string }).color)).toEqual(['#f00', '#0f0']);
    expect(traces.every((t) => t['boxpoints'] === 'outliers')).toBeTrue();
    expect((card.figure.layout as { boxmode?: string }).boxmode).toBe('group');
  });

  it('keeps a box per trace for one task, and where the boxes differ in style or place themselves', () => {
    const one = index({ a: boxes([box('flip', [1]), box('crop', [2])]) });
    const [single] = buildCards(one, plotKeys(one), [A], 'variant', false);
    if (single.kind !== 'overlay') return fail('expected overlay');
    expect((single.figure.data as Traces).map((t) => t['name'])).toEqual(['Task A · flip', 'Task A · crop']);

    const mixed = index({
      a: boxes([box('flip', [1]), box('crop', [2], { boxpoints: 'all' })]),
      b: boxes([box('flip', [3]), box('crop', [4])]),
    });
    const [differing] = buildCards(mixed, plotKeys(mixed), [A, B], 'variant', false);
    if (differing.kind !== 'overlay') return fail('expected overlay');
    expect(differing.figure.data.length).toBe(4);

    expect(mergedBoxes([box('flip', [1], { x: ['p', 'q'] }), box('crop', [2], { x: ['p'] })])).toBeNull();
    expect(mergedBoxes([box('flip', [1], { x0: 1 }), box('crop', [2], { x0: 2 })])).toBeNull();
    expect(mergedBoxes([box('flip', [1]), { type: 'scatter', name: 's', y: [1] }])).toBeNull();
  });

  it('places horizontal boxes by their names on the y axis', () => {
    const merged = mergedBoxes([
      { type: 'box', orientation: 'h', name: 'flip', x: [1, 2], offsetgroup: 'g' },
      { type: 'box', orientation: 'h', name: 'crop', x: [3], offsetgroup: 'h' },
    ]);
    expect(merged).toEqual({ type: 'box', orientation: 'h', y: ['flip', 'flip', 'crop'], x: [1, 2, 3] });
  });
});
