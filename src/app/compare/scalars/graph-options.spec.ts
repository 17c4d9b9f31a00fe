import { EAGER_CHARTS, selectChartsInView } from './graph-options';
import { ChartRequest } from './state/scalars.actions';

const request = (chartKey: string): ChartRequest => ({ chartKey, metrics: [], key: 'iter', range: null });

describe('selectChartsInView', () => {
  const wanted = ['a', 'b', 'c', 'd', 'e', 'f'].map(request);
  const inView = (visible: string[], reported: boolean, embedded = false, chart: string | null = null, view = 'scalars/graph') =>
    selectChartsInView.projector(wanted, visible, reported, embedded, chart, view);

  it('counts the first charts as in view until a chart reports, so their data are asked for at once', () => {
    expect(inView([], false)).toEqual(['a', 'b', 'c', 'd'].slice(0, EAGER_CHARTS));
    expect(inView(['e'], true)).toEqual(['e']);
    expect(inView([], true)).toEqual([]);
  });

  it('counts none on the values table, which draws no chart', () => {
    expect(inView([], false, false, null, 'scalars/values')).toEqual([]);
    expect(inView(['e'], true, false, null, 'scalars/max-values')).toEqual([]);
  });

  it('on an embed counts only its chart', () => {
    expect(inView([], false, true, 'f')).toEqual(['f']);
    expect(inView([], false, true, null)).toEqual([]);
  });
});
