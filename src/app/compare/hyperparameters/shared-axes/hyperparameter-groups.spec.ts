import { Task } from '../../../core/api/models';
import { scatterFigure, withErrorBars } from '../scatter/scatter-figure';
import { groupChartId, groupHyperparameterTasks } from './hyperparameter-groups';
import { metricId, metricValue, paramValue } from './hyperparameters-data';
import { HyperparameterTask } from './hyperparameters-tasks';

function task(id: string, params: Record<string, string>, acc: number | null, loss: [number, number, number]): HyperparameterTask {
  const full: Task = {
    id,
    name: id,
    status: 'completed',
    type: 'training',
    hyperparams: { Args: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, { section: 'Args', name, value }])) },
    last_metrics: {
      h1: acc === null ? {} : { h2: { metric: 'accuracy', variant: 'val', value: acc, min_value: acc - 0.1, max_value: acc + 0.1 } },
      h3: { h4: { metric: 'loss', variant: 'train', value: loss[0], min_value: loss[1], max_value: loss[2] } },
    },
  };
  return { id, isBase: id === 'a', color: `#${id}${id}${id}`, displayName: id, task: null, full };
}

const tasks = [
  task('a', { lr: '0.1', optimizer: 'sgd', seed: '1', note: 'x' }, 0.8, [0.5, 0.4, 2]),
  task('b', { lr: '0.1', optimizer: 'sgd', seed: '2', note: 'y' }, 0.9, [0.3, 0.2, 2.2]),
  task('c', { lr: '0.01', optimizer: 'adam', seed: '1', note: 'x' }, 0.7, [0.6, 0.5, 1]),
  task('d', { lr: '0.02', optimizer: 'adam', seed: '2', note: 'x' }, null, [0.8, 0.7, 1]),
];
const groups = [
  { key: '["sgd"]', name: 'optimizer=sgd', taskIds: ['a', 'b'], isBase: true, color: '#aaa' },
  { key: '["adam"]', name: 'optimizer=adam', taskIds: ['c', 'd'], isBase: false, color: '#ccc' },
];

describe('groupHyperparameterTasks', () => {
  const grouped = groupHyperparameterTasks(tasks, groups);
  const [sgd, adam] = grouped;

  it('makes one task per group, in the groups order, named with its size and coloured as its first task', () => {
    expect(grouped.map((g) => g.displayName)).toEqual(['optimizer=sgd (n=2)', 'optimizer=adam (n=2)']);
    expect(grouped.map((g) => g.color)).toEqual(['#aaa', '#ccc']);
    expect(sgd.isBase).toBeTrue();
    expect(sgd.id).toBe(groupChartId('["sgd"]'));
    expect(sgd.id).not.toBe(adam.id);
    expect(sgd.id).toMatch(/^group-[0-9a-f]{8}$/);
    expect(sgd.members.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('keeps common values, averages differing numbers, drops differing seeds and lists differing text', () => {
    const value = (t: HyperparameterTask, name: string) => paramValue(t.full, { section: 'Args', name });
    expect(value(sgd, 'optimizer')).toBe('sgd');
    expect(value(sgd, 'lr')).toBe('0.1');
    expect(Number(value(adam, 'lr'))).toBeCloseTo(0.015, 12);
    expect(value(sgd, 'seed')).toBeNull();
    expect(value(sgd, 'note')).toBe('x | y');
    expect(value(adam, 'note')).toBe('x');
  });

  it('averages LAST, MIN and MAX over the tasks that reported them, with their spread and count', () => {
    const acc = { metric: 'accuracy', variant: 'val', type: 'last' as const };
    expect(metricValue(sgd.full, acc)).toBeCloseTo(0.85, 12);
    expect(sgd.spread.get(metricId(acc))?.n).toBe(2);
    expect(sgd.spread.get(metricId(acc))?.std).toBeCloseTo(Math.sqrt(0.005), 12);
    // Only c reported accuracy in adam: its mean is c's value, with no spread.
    expect(metricValue(adam.full, acc)).toBeCloseTo(0.7, 12);
    expect(adam.spread.get(metricId(acc))?.n).toBe(1);
    expect(adam.spread.get(metricId(acc))?.std).toBeNaN();
    const lossMin = { metric: 'loss', variant: 'train', type: 'min' as const };
    expect(metricValue(sgd.full, lossMin)).toBeCloseTo(0.3, 12);
    expect(metricValue(adam.full, { ...lossMin, type: 'max' })).toBeCloseTo(1, 12);
  });

  it('leaves out a group none of whose tasks is loaded', () => {
    expect(groupHyperparameterTasks(tasks, [...groups, { key: 'x', name: 'x', taskIds: ['zz'], isBase: false, color: '' }]).length).toBe(2);
  });

  it('draws the scatter with a point per group and error bars of one standard deviation', () => {
    const y = { metric: 'accuracy', variant: 'val', type: 'last' as const };
    const spec = { y, x: { section: 'Args', name: 'lr' }, log: 'off' as const, colorBy: null, extras: [], selected: null };
    const byId = new Map(grouped.map((g) => [g.id, g]));
    const result = withErrorBars(scatterFigure(grouped, spec), (id) => byId.get(id)?.spread.get(metricId(y)));
    const trace = result.figure.data[0] as unknown as { y: number[]; error_y: { array: number[] }; text: string[] };
    expect(trace.y.length).toBe(2);
    expect(trace.y[0]).toBeCloseTo(0.85, 12);
    expect(trace.error_y.array[0]).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(trace.error_y.array[1]).toBeNaN();
    expect(trace.text[0]).toContain('n=2');
    expect(trace.text[1]).toContain('n=1');
  });

  it('draws the error bars in the colour given (the theme’s text colour)', () => {
    const y = { metric: 'accuracy', variant: 'val', type: 'last' as const };
    const spec = { y, x: { section: 'Args', name: 'lr' }, log: 'off' as const, colorBy: null, extras: [], selected: null };
    const byId = new Map(grouped.map((g) => [g.id, g]));
    const result = withErrorBars(scatterFigure(grouped, spec), (id) => byId.get(id)?.spread.get(metricId(y)), '#e3e3e8');
    expect((result.figure.data[0] as unknown as { error_y: { color: string } }).error_y.color).toBe('#e3e3e8');
  });
});
