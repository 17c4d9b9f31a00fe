import { Store } from '@ngrx/store';
import { Actions } from '@ngrx/effects';
import { Observable, Subject, of } from 'rxjs';
import { EventsApi, ScalarHistogram } from '../../../core/api/events-api';
import { compareFeature, selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { selectStaleChartRequests } from '../scalar-graph-options';
import { ChartRequest, ScalarsPageActions } from './scalars.actions';
import { loadChartSeries } from './scalars.effects';

const chart = (key: string): ChartRequest => ({ chartKey: key, metrics: [{ metric: key, variants: ['v'] }], key: 'iter', range: null });

/** A store whose selectors answer fixed values, and an API whose answers the test sends. */
function setUp(requests: ChartRequest[]) {
  const values = new Map<unknown, unknown>([
    [selectStaleChartRequests, { requests }],
    [selectExistingTaskIds, ['t1', 't2']],
    [compareFeature.selectDataRevision, 0],
  ]);
  const store = { select: (selector: unknown) => of(values.get(selector)) } as unknown as Store;
  const answers = new Map<string, Subject<{ metrics: ScalarHistogram }>>();
  const asked: string[] = [];
  const eventsApi = {
    scalarHistogram: (body: { metrics: { metric: string }[] }): Observable<{ metrics: ScalarHistogram }> => {
      const key = body.metrics[0].metric;
      asked.push(key);
      const answer = new Subject<{ metrics: ScalarHistogram }>();
      answers.set(key, answer);
      return answer;
    },
  } as unknown as EventsApi;
  /** Answers a chart's call, with one point (or none). */
  const answer = (key: string, points = 1) => {
    answers.get(key)!.next({ metrics: { [key]: { v: { t1: { name: 't1', x: Array(points).fill(1), y: Array(points).fill(1) } } } } });
    answers.get(key)!.complete();
  };
  const fail = (key: string) => answers.get(key)!.error(new Error(`${key} failed`));
  const emitted: { type: string; request?: ChartRequest }[] = [];
  const actions = new Subject<{ type: string }>();
  const effect = (
    loadChartSeries as unknown as (
      actions$: Actions,
      store: Store,
      eventsApi: EventsApi,
    ) => Observable<{ type: string; request?: ChartRequest }>
  )(new Actions(actions), store, eventsApi);
  effect.subscribe((action) => emitted.push(action));
  const drawn = (chartKey: string) => actions.next(ScalarsPageActions.chartDrawn({ chartKey }));
  return { asked, answer, fail, emitted, drawn };
}

describe('loadChartSeries', () => {
  it("asks for the first chart's series alone, then, once it is drawn, for the others four at a time", () => {
    const { asked, answer, emitted, drawn } = setUp(['a', 'b', 'c', 'd', 'e', 'f'].map(chart));
    expect(emitted.map((a) => a.type)).toEqual(['[Scalars API] Series Requested']);
    expect(asked).toEqual(['a']);
    answer('a');
    expect(emitted.map((a) => a.request?.chartKey ?? null)).toEqual([null, 'a']);
    drawn('b'); // another chart's draw does not count
    expect(asked).toEqual(['a']);
    drawn('a');
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e']);
    answer('c');
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    for (const key of ['b', 'd', 'e', 'f']) answer(key);
    expect(emitted.slice(1).map((a) => a.request!.chartKey)).toEqual(['a', 'c', 'b', 'd', 'e', 'f']);
  });

  it('does not wait for a draw when the first chart has no point, or failed', () => {
    const empty = setUp(['a', 'b'].map(chart));
    empty.answer('a', 0);
    expect(empty.asked).toEqual(['a', 'b']);

    const failed = setUp(['a', 'b'].map(chart));
    failed.fail('a');
    expect(failed.emitted[1]).toEqual(jasmine.objectContaining({ type: '[Scalars API] Series Load Failed', message: 'a failed' }));
    expect(failed.asked).toEqual(['a', 'b']);
  });

  it('asks for the others after a second when the first chart is never drawn', () => {
    jasmine.clock().install();
    try {
      const { asked, answer } = setUp(['a', 'b'].map(chart));
      answer('a');
      jasmine.clock().tick(999);
      expect(asked).toEqual(['a']);
      jasmine.clock().tick(1);
      expect(asked).toEqual(['a', 'b']);
    } finally {
      jasmine.clock().uninstall();
    }
  });
});
