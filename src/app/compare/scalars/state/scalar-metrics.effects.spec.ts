import { Actions } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Observable, Subject, of } from 'rxjs';
import { EventsApi, MetricVariants, ScalarHistogram, SingleValueMetrics } from '../../../core/api/events-api';
import { compareFeature, selectCompareView, selectEmbedded, selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { RemoteData } from '../../../state/compare/remote-data';
import { summaryFeature } from '../../summary/state/summary.feature';
import { ScalarsPageActions } from './scalars.actions';
import { loadScalarMetrics } from './scalars.effects';

const METRICS: MetricVariants[] = [
  { metric: 'Summary', variants: ['score'] },
  { metric: 'loss', variants: ['train'] },
];
const SINGLES: SingleValueMetrics = {
  tasks: [{ task: 't1', task_name: 'one', values: [{ metric: 'Summary', variant: 'score', value: 0.9, timestamp: 1 }] }],
};

/** The effect on a store with fixed selector values and a Summary state the test moves on. */
function setUp(view = 'scalars/graph', embedded = false) {
  const summary = new BehaviorSubject<RemoteData<SingleValueMetrics>>({ taskIds: null, value: null, loading: false, error: null });
  const values = new Map<unknown, Observable<unknown>>([
    [selectExistingTaskIds, of(['t1', 't2'])],
    [selectCompareView, of(view)],
    [selectEmbedded, of(embedded)],
    [compareFeature.selectDataRevision, of(0)],
    [summaryFeature.selectComparedSummaryState, summary],
  ]);
  const store = { select: (selector: unknown) => values.get(selector) ?? of(undefined) } as unknown as Store;
  const histograms: Subject<{ metrics: ScalarHistogram }>[] = [];
  const probed: MetricVariants[][] = [];
  const eventsApi = {
    getMultiTaskMetrics: () => of({ metrics: METRICS }),
    scalarHistogram: (body: { metrics: MetricVariants[] }) => {
      probed.push(body.metrics);
      const answer = new Subject<{ metrics: ScalarHistogram }>();
      histograms.push(answer);
      return answer;
    },
  } as unknown as EventsApi;
  const listed: MetricVariants[][] = [];
  const actions = new Subject<Action>();
  (
    loadScalarMetrics as unknown as (
      store: Store,
      api: EventsApi,
      actions$: Actions,
    ) => Observable<{ type: string; metrics?: MetricVariants[] }>
  )(store, eventsApi, new Actions(actions)).subscribe((action) => listed.push(action.metrics ?? []));
  const chartDrawn = () => actions.next(ScalarsPageActions.chartDrawn({ chartKey: 'mv:loss:train' }));
  const summaryLoaded = (value: SingleValueMetrics) => summary.next({ taskIds: ['t2', 't1'], value, loading: false, error: null });
  return { summary, summaryLoaded, chartDrawn, listed, probed, histograms };
}

describe('loadScalarMetrics', () => {
  it('waits for the Summary and lists the series without those holding only single values', () => {
    const { summary, summaryLoaded, chartDrawn, listed, probed, histograms } = setUp();
    expect(listed).toEqual([]);
    summary.next({ taskIds: ['t1', 't2'], value: null, loading: true, error: null });
    expect(listed).toEqual([]);
    summaryLoaded(SINGLES);
    expect(listed).toEqual([[{ metric: 'loss', variants: ['train'] }]]);
    // The series also reported as a single value is asked for over iterations once the first chart is drawn.
    expect(probed).toEqual([]);
    chartDrawn();
    expect(probed).toEqual([[{ metric: 'Summary', variants: ['score'] }]]);
    histograms[0].next({ metrics: { Summary: { score: { t1: { name: 'one', x: [], y: [] } } } } });
    histograms[0].complete();
    expect(listed.length).toBe(1);
  });

  it('lists a single-value series again when it also has points over iterations', () => {
    const { summaryLoaded, chartDrawn, listed, histograms } = setUp();
    summaryLoaded(SINGLES);
    chartDrawn();
    histograms[0].next({ metrics: { Summary: { score: { t1: { name: 'one', x: [3], y: [0.4] } } } } });
    histograms[0].complete();
    expect(listed).toEqual([[{ metric: 'loss', variants: ['train'] }], METRICS]);
  });

  it('lists every series at once where no Summary is drawn (an embedded chart) or the tasks have no single values', () => {
    expect(setUp('scalars/graph', true).listed).toEqual([METRICS]);
    const { summaryLoaded, listed, probed } = setUp();
    summaryLoaded({ tasks: [] });
    expect(listed).toEqual([METRICS]);
    expect(probed).toEqual([]);
  });

  it('asks nothing outside the graph view', () => {
    expect(setUp('scalars/values').listed).toEqual([]);
  });
});
