import { Task } from '../../../core/api/models';
import { HyperparameterTask } from '../shared-axes/hyperparameters-tasks';
import { escapeMarkup, hoverText, scatterFigure, ScatterSpec, sideBySide } from './scatter-figure';

interface Trace {
  name: string;
  x: number[];
  y: number[];
  customdata: string[];
  text: string[];
  showlegend: boolean;
  marker: { color: unknown; size: number[] };
}

function hp(id: string, params: Record<string, string>, acc: number | null): HyperparameterTask {
  const hyperparams = { Args: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, { section: 'Args', name, value }])) };
  const last_metrics =
    acc === null ? {} : { h: { v: { metric: 'accuracy', variant: 'val', value: acc, min_value: 0.1, max_value: acc + 0.01 } } };
  return {
    id,
    color: `#00000${id.length}`,
    isBase: false,
    displayName: `task ${id}`,
    task: null,
    full: { id, name: id, status: 'completed', type: 'training', hyperparams, last_metrics } as unknown as Task,
  };
}

describe('scatter figure', () => {
  const tasks = [
    hp('a', { lr: '0.1', opt: 'sgd', bs: '64' }, 0.8),
    hp('b', { lr: '0.001', opt: 'adam', bs: '128' }, 0.9),
    hp('c', { lr: '0.01' }, null),
  ];
  const spec: ScatterSpec = {
    y: { metric: 'accuracy', variant: 'val', type: 'last' },
    x: { section: 'Args', name: 'lr' },
    log: 'auto',
    colorBy: null,
    extras: [],
    selected: null,
  };

  it('plots one point per task with the metric, lists tasks without it as missing', () => {
    const r = scatterFigure(tasks, spec);
    const traces = r.figure.data as unknown as Trace[];
    // One trace, a point (and a colour) per task.
    expect(traces.length).toBe(1);
    expect(traces[0].customdata).toEqual(['a', 'b']);
    expect(traces[0].y).toEqual([0.8, 0.9]);
    expect(traces[0].marker.color).toEqual([tasks[0].color, tasks[1].color]);
    expect(traces[0].x[0]).toBeCloseTo(-1);
    expect(r.axis.kind).toBe('log');
    expect(r.missing.map((t) => t.id)).toEqual(['c']);
  });

  it('uses MIN / MAX when asked and categorical X with correct mapping', () => {
    const r = scatterFigure(tasks, { ...spec, y: { ...spec.y, type: 'min' }, x: { section: 'Args', name: 'opt' } });
    const [trace] = r.figure.data as unknown as Trace[];
    expect(trace.y).toEqual([0.1, 0.1]);
    expect(trace.x.map((x) => r.axis.ticktext[r.axis.tickvals.indexOf(x)])).toEqual(['sgd', 'adam']);
  });

  it('shows the additional fields in the hover text and escapes task text', () => {
    const text = hoverText(tasks[0], {
      ...spec,
      extras: [
        { kind: 'param', param: { section: 'Args', name: 'bs' } },
        { kind: 'metric', metric: { ...spec.y, type: 'max' } },
      ],
    });
    expect(text).toContain('<b>task a</b>');
    expect(text).toContain('Args/bs: 64');
    expect(text).toContain('accuracy/val MAX: 0.81');
    expect(text).toContain('Args/lr: 0.1');
    expect(escapeMarkup('<a href="x">&')).toBe('&lt;a href="x"&gt;&amp;');
  });

  it('colours by a second parameter with a legend entry per value', () => {
    const traces = scatterFigure(tasks, { ...spec, colorBy: { section: 'Args', name: 'opt' } }).figure.data as unknown as Trace[];
    expect(traces.map((t) => t.name)).toEqual(['adam', 'sgd']);
    expect(traces.every((t) => t.showlegend)).toBeTrue();
    expect(traces[0].customdata).toEqual(['b']);
  });

  it("enlarges the highlighted task's point", () => {
    const [trace] = scatterFigure(tasks, { ...spec, selected: 'b' }).figure.data as unknown as Trace[];
    expect(trace.marker.size[1]).toBeGreaterThan(trace.marker.size[0]);
  });

  it('sets tasks with equal X and Y side by side, centred on their value; a task alone stays on it', () => {
    const { offsets, shared } = sideBySide([1, 1, 1, 2, 1], [5, 5, 5, 5, 6], 10);
    expect(shared).toEqual([3, 3, 3, 1, 1]);
    expect(offsets[0]).toBeCloseTo(-0.15, 9);
    expect(offsets[1]).toBeCloseTo(0, 9);
    expect(offsets[2]).toBeCloseTo(0.15, 9);
    expect(offsets[3]).toBe(0);
    expect(offsets[4]).toBe(0);
  });

  it('leaves hidden tasks out of the chart but in the legend list, and brings the highlighted one forward', () => {
    const twins = [hp('a', { lr: '0.1' }, 0.8), hp('b', { lr: '0.1' }, 0.8), hp('c', { lr: '0.01' }, 0.9)];
    const r = scatterFigure(twins, { ...spec, log: 'off', hidden: ['c'], highlight: 'b' });
    const [trace] = r.figure.data as unknown as Trace[];
    expect(r.listed.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(trace.customdata).toEqual(['a', 'b']);
    expect(trace.x[0]).toBeLessThan(0.1);
    expect(trace.x[1]).toBeGreaterThan(0.1);
    expect(trace.x[0] + trace.x[1]).toBeCloseTo(0.2, 9);
    expect(trace.marker.size).toEqual([10, 16]);
    expect(trace.text[0]).toContain('2 tasks have these values');
    // The axis makes room for the points set beside their value at its ends.
    const range = (r.figure.layout as { xaxis: { range: [number, number] } }).xaxis.range;
    expect(range[1] - r.axis.range[1]).toBeCloseTo(0.1 - trace.x[0], 9);
    expect(trace.x[1]).toBeLessThan(range[1]);
    expect(r.axis.range[0] - range[0]).toBeCloseTo(range[1] - r.axis.range[1], 9);
  });
});
