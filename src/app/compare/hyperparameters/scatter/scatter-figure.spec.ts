import { Task } from '../../../core/api/models';
import { HyperparameterTask } from '../shared-axes/hyperparameters-tasks';
import { escapeMarkup, hoverText, scatterFigure, ScatterSpec } from './scatter-figure';

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
});
