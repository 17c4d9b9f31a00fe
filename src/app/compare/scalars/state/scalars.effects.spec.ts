import { Store } from '@ngrx/store';
import { Actions } from '@ngrx/effects';
import { Observable, Subject, of } from 'rxjs';
import { EventsApi, ScalarHistogram } from '../../../core/api/events-api';
import { compareFeature, selectComparedTaskIds } from '../../state/compare.feature';
import { selectStaleChartRequests } from '../graph-options';
import { ChartRequest } from './scalars.actions';
import { loadChartSeries } from './scalars.effects';

const chart = (key: string): ChartRequest => ({ chartKey: key, metrics: [{ metric: key, variants: ['v'] }], key: 'iter', range: null });

/** A store whose selectors answer fixed values, and an API whose answers the test sends. */
function setUp(requests: ChartRequest[]) {
  const values = new Map<unknown, unknown>([
    [selectStaleChartRequests, { requests }],
    [selectComparedTaskIds, ['t1', 't2']],
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
  const answer = (key: string) => {
    answers.get(key)!.next({ metrics: { [key]: { v: {} } } });
    answers.get(key)!.complete();
  };
  const fail = (key: string) => answers.get(key)!.error(new Error(`${key} failed`));
  const emitted: { type: string; request?: ChartRequest }[] = [];
  const effect = (loadChartSeries as unknown as (a: Actions, s: Store, e: EventsApi) => Observable<{ type: string; request?: ChartRequest }>)(
    of() as unknown as Actions, store, eventsApi,
  );
  effect.subscribe((action) => emitted.push(action));
  return { asked, answer, fail, emitted };
}

describe('loadChartSeries', () => {
  it("asks for the first chart's series alone, then for the others four at a time", () => {
    const { asked, answer, emitted } = setUp(['a', 'b', 'c', 'd', 'e', 'f'].map(chart));
    expect(emitted.map((a) => a.type)).toEqual(['[Scalars API] Series Requested']);
    expect(asked).toEqual(['a']);
    answer('a');
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(emitted.map((a) => a.request?.chartKey ?? null)).toEqual([null, 'a']);
    answer('c');
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    for (const key of ['b', 'd', 'e', 'f']) answer(key);
    expect(emitted.slice(1).map((a) => a.request!.chartKey)).toEqual(['a', 'c', 'b', 'd', 'e', 'f']);
  });

  it('goes on with the other charts when the first one fails', () => {
    const { asked, fail, emitted } = setUp(['a', 'b'].map(chart));
    fail('a');
    expect(emitted[1]).toEqual(jasmine.objectContaining({ type: '[Scalars API] Series Load Failed', message: 'a failed' }));
    expect(asked).toEqual(['a', 'b']);
  });
});
