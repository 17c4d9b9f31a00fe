import { Store } from '@ngrx/store';
import { BehaviorSubject, Observable, of } from 'rxjs';
import { EventsApi, SingleValueMetrics } from '../../../core/api/events-api';
import { compareFeature, selectCompareView, selectEmbedded, selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { SummaryApiActions } from './summary.actions';
import { loadSummary } from './summary.effects';
import { SUMMARY_VIEW, showsSummary, summaryFeature } from './summary.feature';

const A = 'a'.repeat(32);

describe('summary state', () => {
  it('is drawn by Scalars graph and Plots, not by their embeds or other views; its own embed draws it', () => {
    expect(showsSummary('scalars/graph', false)).toBeTrue();
    expect(showsSummary('metrics-plots', false)).toBeTrue();
    expect(showsSummary('scalars/graph', true)).toBeFalse();
    expect(showsSummary('metrics-plots', true)).toBeFalse();
    expect(showsSummary(SUMMARY_VIEW, true)).toBeTrue();
    expect(showsSummary(SUMMARY_VIEW, false)).toBeFalse();
    expect(showsSummary('scalars/values', false)).toBeFalse();
    expect(showsSummary('hyper-params/graph', false)).toBeFalse();
  });

  it('fetches the values once for Scalars and Plots, and again when live updates find new data', () => {
    const view = new BehaviorSubject('scalars/graph');
    const revision = new BehaviorSubject(0);
    const store = {
      select: (selector: unknown): Observable<unknown> =>
        selector === selectExistingTaskIds
          ? of([A])
          : selector === selectCompareView
            ? view
            : selector === selectEmbedded
              ? of(false)
              : selector === compareFeature.selectDataRevision
                ? revision
                : of(null),
    } as unknown as Store;
    const response = (value: number): SingleValueMetrics => ({
      tasks: [{ task: A, task_name: 'A', values: [{ metric: 'm', variant: 'v', value, timestamp: 0 }] }],
    });
    const singleValueMetrics = jasmine.createSpy('singleValueMetrics').and.returnValues(of(response(1)), of(response(2)));
    let state = summaryFeature.reducer(undefined, { type: 'init' });
    const sub = loadSummary(store, { singleValueMetrics } as unknown as EventsApi).subscribe(
      (a) => (state = summaryFeature.reducer(state, a)),
    );
    view.next('metrics-plots');
    expect(singleValueMetrics).toHaveBeenCalledOnceWith([A]);
    expect(state.value).toEqual(response(1));
    revision.next(1);
    expect(singleValueMetrics).toHaveBeenCalledTimes(2);
    expect(state.value).toEqual(response(2));
    sub.unsubscribe();
  });

  it('keeps the last values while a refresh is under way', () => {
    const value: SingleValueMetrics = { tasks: [] };
    let state = summaryFeature.reducer(undefined, SummaryApiActions.loadStarted({ taskIds: [A] }));
    state = summaryFeature.reducer(state, SummaryApiActions.loaded({ taskIds: [A], value }));
    state = summaryFeature.reducer(state, SummaryApiActions.loadStarted({ taskIds: [A] }));
    expect(state.value).toBe(value);
  });
});
