import { Task } from '../../../core/api/models';
import { defaultMetric, groupParams, listMetrics, listParams, metricValue, paramValue } from './hyperparameters-data';
import {
  NONE,
  formatExtra,
  formatList,
  formatMetric,
  formatParam,
  parseExtra,
  parseList,
  parseMetric,
  parseParam,
} from './hyperparameters-url';

function task(id: string, params: Record<string, string>, metrics: Record<string, [number, number, number]> = {}): Task {
  const hyperparams: Task['hyperparams'] = {};
  for (const [key, value] of Object.entries(params)) {
    const [section, name] = key.split('/');
    hyperparams[section] = { ...hyperparams[section], [name]: { section, name, value } };
  }
  const last_metrics: Task['last_metrics'] = {};
  Object.entries(metrics).forEach(([key, [value, min_value, max_value]], i) => {
    const [metric, variant] = key.split('/');
    last_metrics[`h${i}`] = { [`v${i}`]: { metric, variant, value, min_value, max_value } };
  });
  return { id, name: id, hyperparams, last_metrics } as Task;
}

describe('hyperparameter data', () => {
  const a = task(
    'a',
    { 'Args/lr': '0.1', 'Args/epochs': '30', 'General/seed': '1' },
    { 'accuracy/val': [0.8, 0.1, 0.85], 'loss/train': [0.3, 0.2, 2] },
  );
  const b = task('b', { 'Args/lr': '0.01', 'Args/epochs': '30' }, { 'accuracy/val': [0.7, 0.2, 0.72] });

  it('reads LAST / MIN / MAX by metric and variant name, not by hash key', () => {
    expect(metricValue(a, { metric: 'accuracy', variant: 'val', type: 'last' })).toBe(0.8);
    expect(metricValue(a, { metric: 'accuracy', variant: 'val', type: 'min' })).toBe(0.1);
    expect(metricValue(a, { metric: 'accuracy', variant: 'val', type: 'max' })).toBe(0.85);
    expect(metricValue(b, { metric: 'loss', variant: 'train', type: 'last' })).toBeNull();
  });

  it('lists parameters by section and flags the ones that differ (a missing value differs)', () => {
    expect(listParams([a, b]).map((p) => `${p.section}/${p.name}:${p.differs}`)).toEqual([
      'Args/epochs:false',
      'Args/lr:true',
      'General/seed:true',
    ]);
    expect(paramValue(b, { section: 'General', name: 'seed' })).toBeNull();
  });

  it('lists numbered parameters by their numbers (layer_2 before layer_10), as the axes and lists show them', () => {
    const numbered = (names: string[]): Task => ({
      id: names.join(),
      name: 'n',
      status: 'completed',
      type: 'training',
      hyperparams: { Args: Object.fromEntries(names.map((name) => [name, { section: 'Args', name, value: '1' }])) },
    });
    expect(listParams([numbered(['layer_10', 'layer_2', 'layer_1'])]).map((p) => p.name)).toEqual(['layer_1', 'layer_2', 'layer_10']);
  });

  it('groups, searches and hides identical parameters, keeping selected ones visible', () => {
    const params = listParams([a, b]);
    expect(groupParams(params, '', true, new Set()).map((g) => g.params.map((p) => p.name))).toEqual([['lr'], ['seed']]);
    expect(groupParams(params, 'EPO', false, new Set()).map((g) => g.section)).toEqual(['Args']);
    expect(groupParams(params, '', true, new Set(['Args\u0000epochs']))[0].params.map((p) => p.name)).toEqual(['epochs', 'lr']);
  });

  it('lists metrics and defaults to accuracy/val LAST', () => {
    const metrics = listMetrics([a, b]);
    expect(metrics).toEqual([
      { metric: 'accuracy', variant: 'val' },
      { metric: 'loss', variant: 'train' },
    ]);
    expect(defaultMetric(metrics)).toEqual({ metric: 'accuracy', variant: 'val', type: 'last' });
    expect(defaultMetric([{ metric: 'loss', variant: 'train' }])?.metric).toBe('loss');
    expect(defaultMetric([])).toBeNull();
  });
});

describe('hyperparameter URL options', () => {
  it('round-trips metric picks and parameters holding separators', () => {
    const picks = [
      { metric: ':monitor:gpu', variant: 'a,b/c', type: 'max' as const },
      { metric: 'accuracy', variant: 'val', type: 'last' as const },
    ];
    expect(parseList(formatList(picks, formatMetric), parseMetric)).toEqual(picks);
    const params = [
      { section: 'Args', name: 'lr' },
      { section: 'a:b', name: 'x,y' },
    ];
    expect(parseList(formatList(params, formatParam), parseParam)).toEqual(params);
  });

  it('tells the default (absent) from an explicitly empty list, and drops garbage', () => {
    expect(parseList(null, parseParam)).toBeNull();
    expect(parseList(NONE, parseParam)).toEqual([]);
    expect(formatList([], formatParam)).toBe(NONE);
    expect(parseList('nonsense,Args:lr,%E0:x', parseParam)).toEqual([{ section: 'Args', name: 'lr' }]);
    expect(parseMetric('accuracy:val:median')).toBeNull();
  });

  it('round-trips additional scatter fields of both kinds', () => {
    const extras = [
      { kind: 'param' as const, param: { section: 'Args', name: 'optimizer' } },
      { kind: 'metric' as const, metric: { metric: 'loss', variant: 'val', type: 'min' as const } },
    ];
    expect(extras.map(formatExtra).map(parseExtra)).toEqual(extras);
    expect(parseExtra('x:whatever')).toBeNull();
  });
});
