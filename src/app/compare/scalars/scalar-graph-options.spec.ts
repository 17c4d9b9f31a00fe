import { PLAIN_CLEARML } from '../../core/server/server-capabilities';
import { EAGER_CHARTS, parseScalarGraphOptions, selectChartsInView, selectWantedChartRequests } from './scalar-graph-options';
import { formatZooms, parseZooms } from './scalars-options';
import { fetchChartSeries } from './state/chart-series-fetch';
import { EventsApi } from '../../core/api/events-api';
import { of } from 'rxjs';
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

describe('selectWantedChartRequests', () => {
  const charts = [{ chartKey: 'mv:loss', title: 'loss', metrics: [{ metric: 'loss', variants: ['train'] }] }];
  const options = parseScalarGraphOptions({});
  const zoom = { 'mv:loss': { key: 'iter' as const, range: [10, 20] as [number, number] } };
  const full = { histogramEnvelope: true, histogramXRange: true, debugImagesIteration: true };

  it('asks for min/max bands and the zoom window only where the server advertises them', () => {
    expect(selectWantedChartRequests.projector(charts, options, zoom, full)).toEqual([
      { chartKey: 'mv:loss', metrics: charts[0].metrics, key: 'iter', range: [10, 20], envelope: true },
    ]);
    // clearml-server: the zoom shows the points already drawn, no band is asked for.
    expect(selectWantedChartRequests.projector(charts, options, zoom, PLAIN_CLEARML)).toEqual([
      { chartKey: 'mv:loss', metrics: charts[0].metrics, key: 'iter', range: null },
    ]);
    expect(selectWantedChartRequests.projector(charts, options, zoom, null)).toEqual([]);
  });

  it('sends the envelope flag and x_range in the histogram request only when the chart asks for them', () => {
    const scalarHistogram = jasmine.createSpy('scalarHistogram').and.returnValue(of({ metrics: {} }));
    const api = { scalarHistogram } as unknown as EventsApi;
    fetchChartSeries(api, { chartKey: 'k', metrics: [], key: 'iter', range: null }, ['t']).subscribe();
    fetchChartSeries(api, { chartKey: 'k', metrics: [], key: 'iter', range: [1, 2], envelope: true }, ['t']).subscribe();
    expect(scalarHistogram.calls.argsFor(0)[0]).toEqual({ metrics: [], key: 'iter', samples: jasmine.any(Number), tasks: ['t'] });
    expect(scalarHistogram.calls.argsFor(1)[0]).toEqual({
      metrics: [],
      key: 'iter',
      samples: jasmine.any(Number),
      envelope: true,
      tasks: ['t'],
      x_range: [1, 2],
    });
  });
});

describe('zoom in the URL', () => {
  it('reads each chart zoom with its x axis, keys holding colons, and drops broken entries', () => {
    expect(parseZooms('iter:mv:loss:train:10:50,relative:m:acc:0.5:2.5,wall:mv:a:b:9:1,bogus:mv:a:b:1:2,iter:mv:x:y:1:z')).toEqual({
      'mv:loss:train': { xAxis: 'iter', range: [10, 50] },
      'm:acc': { xAxis: 'relative', range: [0.5, 2.5] },
    });
    expect(parseZooms(null)).toEqual({});
  });

  it('writes what it reads, nothing for no zoom', () => {
    const zooms = {
      'mv:loss:train': { xAxis: 'iter' as const, range: [10, 50] as [number, number] },
      'm:acc': { xAxis: 'wall' as const, range: [1, 2] as [number, number] },
    };
    expect(parseZooms(formatZooms(zooms))).toEqual(zooms);
    expect(formatZooms({})).toBeNull();
  });
});
