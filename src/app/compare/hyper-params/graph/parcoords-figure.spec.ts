import { Task } from '../../../core/api/models';
import { NA, labelAt } from '../shared-axes/axis';
import { HpTask } from '../shared-axes/hp-tasks';
import { buildDimensions, lineColors, parcoordsFigure, readBrushes, tasksPassing } from './parcoords-figure';

interface Dim { label: string; values: number[]; tickvals: number[]; ticktext: string[]; constraintrange?: unknown }

function hp(id: string, color: string, params: Record<string, string>, acc: number | null): HpTask {
  const hyperparams = { Args: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, { section: 'Args', name, value }])) };
  const last_metrics = acc === null ? {} : { h: { v: { metric: 'accuracy', variant: 'val', value: acc, min_value: 0, max_value: acc } } };
  return { id, color, isBase: false, displayName: id, task: null, full: { id, name: id, status: 'completed', type: 'training', hyperparams, last_metrics } as unknown as Task };
}

describe('parallel coordinates figure', () => {
  const tasks = [
    hp('t1', '#111111', { lr: '0.1', optimizer: 'sgd' }, 0.8),
    hp('t2', '#222222', { lr: '0.001', optimizer: 'adamw' }, 0.9),
    hp('t3', '#333333', { lr: '0.0001' }, null),
  ];
  const acc = { metric: 'accuracy', variant: 'val', type: 'last' as const };
  const params = [{ section: 'Args', name: 'lr' }, { section: 'Args', name: 'optimizer' }];

  it('has one dimension per parameter and metric pick, each line at its task\'s own value', () => {
    const dims = buildDimensions(tasks, params, [acc]);
    const trace = parcoordsFigure(tasks, dims, {}, null).data[0] as unknown as { dimensions: Dim[] };
    expect(trace.dimensions.map((d) => d.label)).toEqual(['Args/lr', 'Args/optimizer', 'accuracy/val LAST']);
    const [lr, opt, metric] = trace.dimensions;
    const at = (d: Dim, i: number) => d.ticktext[d.tickvals.indexOf(d.values[i])];
    expect([0, 1, 2].map((i) => at(lr, i))).toEqual(['0.1', '0.001', '1e-4']);
    expect([0, 1, 2].map((i) => at(opt, i))).toEqual(['sgd', 'adamw', NA]);
    expect(at(metric, 2)).toBe(NA);
    expect(dims[0].axis.kind).toBe('log');
  });

  it('colours each line with its task colour through an index colour scale', () => {
    const line = lineColors(tasks, null);
    expect(line.color).toEqual([0, 1, 2]);
    expect(line.colorscale).toEqual([[0, '#111111'], [0.5, '#222222'], [1, '#333333']]);
    expect(line.cmin).toBe(0);
    expect(line.cmax).toBe(2);
    expect(lineColors(tasks.slice(0, 1), null).colorscale).toEqual([[0, '#111111'], [1, '#111111']]);
  });

  it('greys the other lines when a task is highlighted and draws that task last', () => {
    const dims = buildDimensions(tasks, params, [acc]);
    const trace = parcoordsFigure(tasks, dims, {}, 't1').data[0] as unknown as { line: { colorscale: [number, string][] }; dimensions: Dim[] };
    expect(trace.line.colorscale[2][1]).toBe('#111111');
    expect(trace.line.colorscale[0][1]).not.toBe('#222222');
    expect(labelAt(dims[1].axis, trace.dimensions[1].values[2])).toBe('sgd');
  });

  it('filters tasks by brushes, keeps brushes on a redraw and reads them back from the chart', () => {
    const dims = buildDimensions(tasks, params, [acc]);
    const brushes = { [dims[2].id]: [[0.85, 1] as [number, number]] };
    expect(tasksPassing(tasks, dims, brushes)).toEqual(['t2']);
    expect(tasksPassing(tasks, dims, {})).toEqual(['t1', 't2', 't3']);
    const trace = parcoordsFigure(tasks, dims, brushes, null).data[0] as unknown as { dimensions: Dim[] };
    expect(trace.dimensions[2].constraintrange).toEqual([0.85, 1]);
    expect(trace.dimensions[0].constraintrange).toBeUndefined();
    expect(readBrushes(dims, [{}, { constraintrange: [[0, 0.5], [1.5, 2]] }, { constraintrange: [0.85, 1] }])).toEqual({
      [dims[1].id]: [[0, 0.5], [1.5, 2]],
      [dims[2].id]: [[0.85, 1]],
    });
  });
});
