import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  EMPTY,
  Observable,
  catchError,
  combineLatest,
  concat,
  distinctUntilChanged,
  filter,
  from,
  ignoreElements,
  map,
  mergeMap,
  of,
  race,
  switchMap,
  take,
  timer,
  withLatestFrom,
} from 'rxjs';
import { EventsApi, ScalarHistogram } from '../../../core/api/events-api';
import { TasksApi } from '../../../core/api/tasks-api';
import { MAX_COMPARED_TASKS } from '../../../url/compare-url';
import {
  compareFeature,
  selectCompareView,
  selectComparedTaskIds,
  selectEmbedded,
  selectExistingTaskIds,
} from '../../../state/compare/compare.feature';
import { comparedIdsToLoad, sameTaskSet } from '../../../state/compare/remote-data';
import { showsSummary, summaryFeature } from '../../summary/state/summary.feature';
import { keysWithPoints, singleValueKeys, singleValueSuspects, withoutSingleValues } from '../single-value-series';
import { selectStaleChartRequests } from '../scalar-graph-options';
import { fetchChartSeries } from './chart-series-fetch';
import { ChartRequest, SCALAR_TASK_FIELDS, ScalarsApiActions, ScalarsPageActions, scalarTaskFieldsFor } from './scalars.actions';

/**
 * The compared tasks' fields the Scalars view shows (`last_metrics` for the values table, the
 * parameters for the graph's legends), whenever the tasks, their data or the view change.
 */
export const loadScalarTasks = createEffect(
  (store = inject(Store), tasksApi = inject(TasksApi)) => {
    return combineLatest([
      store.select(selectComparedTaskIds),
      store.select(selectCompareView),
      store.select(compareFeature.selectDataRevision),
    ]).pipe(
      filter(([ids, view]) => view.split('/')[0] === 'scalars' && ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
      map(([taskIds, view, revision]) => ({ taskIds, fields: scalarTaskFieldsFor(view), revision })),
      distinctUntilChanged((a, b) => a.taskIds.join() === b.taskIds.join() && a.fields === b.fields && a.revision === b.revision),
      switchMap(({ taskIds, fields }) =>
        tasksApi.getByIds(taskIds, SCALAR_TASK_FIELDS[fields]).pipe(
          map(({ tasks }) => ScalarsApiActions.tasksLoaded({ taskIds, fields, tasks })),
          catchError((err: Error) => of(ScalarsApiActions.tasksLoadFailed({ taskIds, fields, message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** How long the other charts wait for the first chart's draw at most. */
const FIRST_DRAW_WAIT_MS = 1000;

/**
 * The single-value keys of these tasks, from the Summary the same view loads (once its answer for
 * these tasks is in; none where the view draws no Summary, as an embedded chart, or it failed).
 */
function singleValueKeysFor(store: Store, taskIds: string[]): Observable<Set<string>> {
  return combineLatest([store.select(selectCompareView), store.select(selectEmbedded)]).pipe(
    take(1),
    switchMap(([view, embedded]) =>
      !showsSummary(view, embedded)
        ? of(new Set<string>())
        : store.select(summaryFeature.selectComparedSummaryState).pipe(
            filter((summary) => sameTaskSet(summary.taskIds, taskIds) && !summary.loading),
            take(1),
            map((summary) => singleValueKeys(summary.value)),
          ),
    ),
  );
}

/**
 * The scalar metric/variant list of the compared tasks while the graph shows (one chart per entry or per metric),
 * without the series that hold only single values (the Summary chart draws them; see
 * single-value-series.ts). A series also reported as a single value is asked for once over
 * iterations, and listed again if it has points there.
 */
export const loadScalarMetrics = createEffect(
  (store = inject(Store), eventsApi = inject(EventsApi), actions$ = inject(Actions)) => {
    return comparedIdsToLoad(store, (view) => view === 'scalars/graph').pipe(
      switchMap((taskIds) =>
        eventsApi.getMultiTaskMetrics(taskIds, 'training_stats_scalar').pipe(
          switchMap(({ metrics }) => singleValueKeysFor(store, taskIds).pipe(map((singles) => ({ metrics, singles })))),
          switchMap(({ metrics, singles }) => {
            const listed = ScalarsApiActions.metricsLoaded({ taskIds, metrics: withoutSingleValues(metrics, singles) });
            const suspects = singleValueSuspects(metrics, singles);
            if (!suspects.length) return of(listed);
            const probe: ChartRequest = { chartKey: 'single-values', metrics: suspects, key: 'iter', range: null };
            // Asked once the first chart is drawn (or a while later), which goes alone (see loadChartSeries).
            const firstChartDrawn = race(actions$.pipe(ofType(ScalarsPageActions.chartDrawn), take(1)), timer(FIRST_DRAW_WAIT_MS));
            return concat(
              of(listed),
              firstChartDrawn.pipe(
                take(1),
                switchMap(() => fetchChartSeries(eventsApi, probe, taskIds)),
                map(keysWithPoints),
                filter((drawable) => drawable.size > 0),
                map((drawable) => ScalarsApiActions.metricsLoaded({ taskIds, metrics: withoutSingleValues(metrics, singles, drawable) })),
                catchError(() => EMPTY),
              ),
            );
          }),
          catchError((err: Error) => of(ScalarsApiActions.metricsLoadFailed({ taskIds, message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** Completes once the chart of a series answer is drawn; at once when it has no point to draw. */
function firstDrawn(actions$: Actions, answer: Action): Observable<unknown> {
  if (answer.type !== ScalarsApiActions.seriesLoaded.type) return EMPTY;
  const loaded = answer as ReturnType<typeof ScalarsApiActions.seriesLoaded>;
  if (!hasPoints(loaded.histogram)) return EMPTY;
  const { chartKey } = loaded.request;
  return race(
    actions$.pipe(
      ofType(ScalarsPageActions.chartDrawn),
      filter((drawn) => drawn.chartKey === chartKey),
      take(1),
    ),
    timer(FIRST_DRAW_WAIT_MS),
  );
}

function hasPoints(histogram: ScalarHistogram): boolean {
  return Object.values(histogram).some((variants) =>
    Object.values(variants).some((tasks) => Object.values(tasks).some((series) => (series?.x?.length ?? 0) > 0)),
  );
}

/**
 * Series for each chart in the viewport whose data are missing or stale (other tasks, x axis or
 * zoom window): one histogram call per chart, marked as requested first so it is asked once.
 * The first chart's call goes alone, and the others (four at a time) once that chart is drawn (or
 * has nothing to draw, or FIRST_DRAW_WAIT_MS have passed): answers that arrive together were each
 * read, parsed and rendered on the main thread before the first chart's draw got its turn, and the
 * server computing them slowed that draw on a 2-core machine. The viewport is complete about as
 * soon either way.
 */
export const loadChartSeries = createEffect(
  (actions$ = inject(Actions), store = inject(Store), eventsApi = inject(EventsApi)) => {
    return store.select(selectStaleChartRequests).pipe(
      filter(({ requests }) => requests.length > 0),
      withLatestFrom(store.select(selectExistingTaskIds), store.select(compareFeature.selectDataRevision)),
      filter(([, taskIds]) => taskIds !== null && taskIds.length > 0),
      mergeMap(([{ requests }, existing, revision]) => {
        const taskIds = existing ?? [];
        const fetchOne = (request: ChartRequest) =>
          fetchChartSeries(eventsApi, request, taskIds).pipe(
            map((histogram) => ScalarsApiActions.seriesLoaded({ request, taskIds, histogram, revision })),
            catchError((err: Error) => of(ScalarsApiActions.seriesLoadFailed({ request, taskIds, message: err.message }))),
          );
        return concat(
          of(ScalarsApiActions.seriesRequested({ requests, taskIds, revision })),
          fetchOne(requests[0]).pipe(mergeMap((answer) => concat(of(answer), firstDrawn(actions$, answer).pipe(ignoreElements())))),
          from(requests.slice(1)).pipe(mergeMap(fetchOne, 4)),
        );
      }),
    );
  },
  { functional: true },
);
