import { ChartRequest, ScalarsApiActions, ScalarsPageActions } from './scalars.actions';
import { initialScalarsState, scalarsFeature, selectScalarTasks, staleRequests } from './scalars.feature';

const request: ChartRequest = { chartKey: 'mv:loss:train', metrics: [{ metric: 'loss', variants: ['train'] }], key: 'iter', range: null };
const reduce = scalarsFeature.reducer;

describe('scalars reducer', () => {
  it('keeps a series only when it answers the latest request for its chart', () => {
    const zoomed = { ...request, range: [10, 20] as [number, number] };
    let state = reduce(initialScalarsState, ScalarsApiActions.seriesRequested({ requests: [request], taskIds: ['a'], revision: 0 }));
    state = reduce(state, ScalarsApiActions.seriesRequested({ requests: [zoomed], taskIds: ['a'], revision: 0 }));
    state = reduce(state, ScalarsApiActions.seriesLoaded({ request, taskIds: ['a'], histogram: { stale: {} } }));
    expect(state.series[request.chartKey].status).toBe('loading');
    state = reduce(state, ScalarsApiActions.seriesLoaded({ request: zoomed, taskIds: ['a'], histogram: { loss: {} } }));
    expect(state.series[request.chartKey]).toEqual(jasmine.objectContaining({ status: 'loaded', histogram: { loss: {} } }));
    state = reduce(state, ScalarsApiActions.seriesLoadFailed({ request: zoomed, taskIds: ['a'], message: 'down' }));
    expect(state.series[request.chartKey].error).toBe('down');
  });

  it('tracks visible charts and zoom windows', () => {
    let state = reduce(initialScalarsState, ScalarsPageActions.chartVisibilityChanged({ chartKey: 'c', visible: true }));
    state = reduce(state, ScalarsPageActions.chartZoomed({ chartKey: 'c', key: 'iter', range: [1, 2] }));
    expect(state.visibleCharts).toEqual(['c']);
    expect(state.zoom['c']).toEqual({ key: 'iter', range: [1, 2] });
    state = reduce(state, ScalarsPageActions.chartZoomed({ chartKey: 'c', key: 'iter', range: null }));
    state = reduce(state, ScalarsPageActions.chartVisibilityChanged({ chartKey: 'c', visible: false }));
    expect(state.zoom).toEqual({});
    expect(state.visibleCharts).toEqual([]);
  });
});

describe('staleRequests', () => {
  it('asks only for visible charts whose answer is missing, for other tasks, or for another window', () => {
    const loaded = { status: 'loaded' as const, request, taskIds: ['a'], histogram: {}, error: null };
    expect(staleRequests([request], [], {}, ['a'])).toEqual([]);
    expect(staleRequests([request], [request.chartKey], {}, ['a'])).toEqual([request]);
    expect(staleRequests([request], [request.chartKey], { [request.chartKey]: loaded }, ['a'])).toEqual([]);
    expect(staleRequests([request], [request.chartKey], { [request.chartKey]: loaded }, ['a', 'b'])).toEqual([request]);
    const zoomed = { ...request, range: [0, 5] as [number, number] };
    expect(staleRequests([zoomed], [request.chartKey], { [request.chartKey]: loaded }, ['a'])).toEqual([zoomed]);
  });
});

describe('series requested together', () => {
  it('marks every chart of one request batch at once, so none of them looks stale again', () => {
    const charts = ['a', 'b', 'c'].map((key) => ({ ...request, chartKey: key }));
    const state = reduce(initialScalarsState, ScalarsApiActions.seriesRequested({ requests: charts, taskIds: ['t'], revision: 0 }));
    expect(Object.keys(state.series).sort()).toEqual(['a', 'b', 'c']);
    expect(staleRequests(charts, ['a', 'b', 'c'], state.series, ['t'])).toEqual([]);
  });
});

describe('live updates of scalar series', () => {
  it('asks again for a loaded chart once the data revision moves past the one it was fetched at', () => {
    let state = reduce(initialScalarsState, ScalarsApiActions.seriesRequested({ requests: [request], taskIds: ['a'], revision: 1 }));
    state = reduce(state, ScalarsApiActions.seriesLoaded({ request, taskIds: ['a'], histogram: { loss: {} }, revision: 1 }));
    expect(staleRequests([request], [request.chartKey], state.series, ['a'], 1)).toEqual([]);
    expect(staleRequests([request], [request.chartKey], state.series, ['a'], 2)).toEqual([request]);
  });

  it('keeps the shown points while the refetch is on its way, and ignores an answer to an older revision', () => {
    let state = reduce(initialScalarsState, ScalarsApiActions.seriesRequested({ requests: [request], taskIds: ['a'], revision: 1 }));
    state = reduce(state, ScalarsApiActions.seriesLoaded({ request, taskIds: ['a'], histogram: { old: {} }, revision: 1 }));
    state = reduce(state, ScalarsApiActions.seriesRequested({ requests: [request], taskIds: ['a'], revision: 2 }));
    expect(state.series[request.chartKey].histogram).toEqual({ old: {} });
    state = reduce(state, ScalarsApiActions.seriesLoaded({ request, taskIds: ['a'], histogram: { late: {} }, revision: 1 }));
    expect(state.series[request.chartKey].histogram).toEqual({ old: {} });
    state = reduce(state, ScalarsApiActions.seriesLoaded({ request, taskIds: ['a'], histogram: { fresh: {} }, revision: 2 }));
    expect(state.series[request.chartKey]).toEqual(jasmine.objectContaining({ status: 'loaded', histogram: { fresh: {} }, revision: 2 }));
  });
});

describe('selectScalarTasks', () => {
  it('is null until the tasks for the compared ids arrive, then in comparison order', () => {
    const a = { id: 'a', name: 'A', status: 'completed' as const, type: 'training' };
    const b = { ...a, id: 'b', name: 'B' };
    expect(selectScalarTasks.projector(['a', 'b'], ['a', 'b'], [a, b], null, null, 'scalars/values')).toBeNull();
    expect(selectScalarTasks.projector(['b', 'a'], ['b', 'a'], [a, b], ['b', 'a'], 'values', 'scalars/values')!.map((t) => t.id)).toEqual([
      'b',
      'a',
    ]);
    expect(selectScalarTasks.projector(['a'], ['a'], [a], ['a'], 'values', 'scalars/max-values')).not.toBeNull();
  });

  it("is null while the tasks hold another view's fields (the graph fetches no last_metrics)", () => {
    const a = { id: 'a', name: 'A', status: 'completed' as const, type: 'training' };
    expect(selectScalarTasks.projector(['a'], ['a'], [a], ['a'], 'graph', 'scalars/values')).toBeNull();
    expect(selectScalarTasks.projector(['a'], ['a'], [a], ['a'], 'values', 'scalars/graph')).toBeNull();
    expect(selectScalarTasks.projector(['a'], ['a'], [a], ['a'], 'graph', 'scalars/graph')).not.toBeNull();
  });
});
