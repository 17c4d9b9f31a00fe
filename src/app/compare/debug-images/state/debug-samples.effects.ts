import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { EMPTY, catchError, concat, distinctUntilChanged, filter, map, merge, mergeMap, of, skip, switchMap, withLatestFrom } from 'rxjs';
import { EventsApi } from '../../../core/api/events-api';
import { MAX_COMPARED_TASKS } from '../../compare-url';
import { CompareViewActions } from '../../state/compare.actions';
import { compareFeature, selectComparedTaskIds, selectEmbedded } from '../../state/compare.feature';
import { columnMoved, formatSample, sampleOpened } from '../sample-view-options';
import { DebugSamplesApiActions, DebugSamplesPageActions, MAX_COLUMN_ITERATIONS } from './debug-samples.actions';
import { debugSamplesFeature, selectColumnsToLoad, selectSampleOptions } from './debug-samples.feature';


const sameKeys = (a: { task: string; metric: string | null }[], b: { task: string; metric: string | null }[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/** The debug-sample metrics of each compared task, whenever the set of tasks changes (or on refresh). */
export const loadSampleMetrics = createEffect(
  (actions$ = inject(Actions), store = inject(Store), eventsApi = inject(EventsApi)) => {
    const ids$ = store.select(selectComparedTaskIds).pipe(distinctUntilChanged((a, b) => a.join() === b.join()));
    const refresh$ = actions$.pipe(
      ofType(DebugSamplesPageActions.refreshClicked),
      withLatestFrom(store.select(selectComparedTaskIds)),
      map(([, ids]) => ids),
    );
    const newData$ = newDataRevisions(store).pipe(withLatestFrom(store.select(selectComparedTaskIds)), map(([, ids]) => ids));
    return merge(ids$, refresh$, newData$).pipe(
      filter((ids) => ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
      switchMap((taskIds) =>
        eventsApi.taskMetrics(taskIds, 'training_debug_image').pipe(
          map(({ metrics }) => {
            const metricsByTask: Record<string, string[]> = Object.fromEntries(taskIds.map((id) => [id, []]));
            for (const m of metrics) metricsByTask[m.task] = [...m.metrics].sort((a, b) => a.localeCompare(b));
            return DebugSamplesApiActions.metricsLoaded({ taskIds, metricsByTask });
          }),
          catchError((err: Error) => of(DebugSamplesApiActions.metricsLoadFailed({ taskIds, message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** Each later data revision (live updates found that a compared task changed), not the one the tab opened at. */
function newDataRevisions(store: Store) {
  return store.select(compareFeature.selectDataRevision).pipe(distinctUntilChanged(), skip(1));
}

/** On new data the loaded columns are fetched again; the open viewer, iteration choices and scroll stay. */
export const refreshColumnsOnNewData = createEffect(
  (store = inject(Store)) =>
    newDataRevisions(store).pipe(
      withLatestFrom(store.select(debugSamplesFeature.selectColumns)),
      map(([, columns]) =>
        Object.entries(columns)
          .filter(([, column]) => column.status === 'loaded')
          .map(([key]) => JSON.parse(key) as [string, string | null])
          .map(([task, metric]) => ({ task, metric })),
      ),
      filter((keys) => keys.length > 0),
      map((keys) => DebugSamplesApiActions.columnsRefreshRequested({ keys })),
    ),
  { functional: true },
);

/** Columns that are rendered and not yet fetched are marked as requested (once each). */
export const requestVisibleColumns = createEffect(
  (store = inject(Store)) =>
    store.select(selectColumnsToLoad).pipe(
      // Requested columns leave the selection at once, so the same keys come back only after a refresh.
      distinctUntilChanged(sameKeys),
      filter((keys) => keys.length > 0),
      map((keys) => DebugSamplesApiActions.columnsRequested({ keys })),
    ),
  { functional: true },
);

/** One `events.debug_images` call for the requested columns: every iteration of the column's metric. */
export const loadColumns = createEffect(
  (actions$ = inject(Actions), eventsApi = inject(EventsApi)) =>
    actions$.pipe(
      ofType(DebugSamplesApiActions.columnsRequested, DebugSamplesApiActions.columnsRefreshRequested),
      mergeMap(({ keys }) =>
        eventsApi
          .debugImages({
            metrics: keys.map((k) => (k.metric === null ? { task: k.task } : { task: k.task, metric: k.metric })),
            iters: MAX_COLUMN_ITERATIONS,
            refresh: true,
          })
          .pipe(
            map(({ metrics }) =>
              DebugSamplesApiActions.columnsLoaded({
                columns: keys.map((key, index) => ({ ...key, iterations: metrics[index]?.iterations ?? [] })),
              }),
            ),
            catchError((err: Error) => of(DebugSamplesApiActions.columnsLoadFailed({ keys, message: err.message }))),
          ),
      ),
    ),
  { functional: true },
);

/** Older iterations of a column that holds a full page: the page before its oldest iteration. */
export const loadOlderIterations = createEffect(
  (actions$ = inject(Actions), eventsApi = inject(EventsApi)) =>
    actions$.pipe(
      ofType(DebugSamplesPageActions.olderIterationsRequested),
      mergeMap(({ task, metric, before }) =>
        eventsApi
          .debugImages({
            metrics: [metric === null ? { task, iteration: before - 1 } : { task, metric, iteration: before - 1 }],
            iters: MAX_COLUMN_ITERATIONS,
            refresh: true,
          })
          .pipe(
            map(({ metrics }) => DebugSamplesApiActions.olderIterationsLoaded({ task, metric, before, iterations: metrics[0]?.iterations ?? [] })),
            catchError((err: Error) => of(DebugSamplesApiActions.columnsLoadFailed({ keys: [{ task, metric }], message: err.message }))),
          ),
      ),
    ),
  { functional: true },
);

/** After older iterations arrived for an Older click, the column moves to the newest of them. */
export const moveToOlderIterations = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(DebugSamplesApiActions.olderIterationsLoaded),
      withLatestFrom(store.select(selectSampleOptions)),
      map(([{ task, before, iterations }, options]) => {
        const older = iterations.map((i) => i.iter).filter((iter) => iter < before);
        return older.length ? CompareViewActions.optionsChanged({ options: columnMoved(options, task, Math.max(...older)) }) : null;
      }),
      filter((action) => action !== null),
    ),
  { functional: true },
);

/** The sample named in the URL is fetched, unless it is the one already shown. */
export const loadOpenSample = createEffect(
  (store = inject(Store), eventsApi = inject(EventsApi)) =>
    store.select(selectSampleOptions).pipe(
      map((options) => options.sample),
      distinctUntilChanged((a, b) => formatSample(a) === formatSample(b)),
      withLatestFrom(store.select(debugSamplesFeature.selectViewer)),
      switchMap(([sample, viewer]) => {
        if (!sample) return EMPTY;
        const shown = viewer.sample;
        if (shown && formatSample({ ...shown }) === formatSample(sample)) return EMPTY;
        return concat(
          of(DebugSamplesApiActions.sampleRequested()),
          eventsApi
            .debugImageSample({ task: sample.task, metric: sample.metric, variant: sample.variant, iteration: sample.iter })
            .pipe(
              map((response) => DebugSamplesApiActions.sampleLoaded({ response })),
              catchError((err: Error) => of(DebugSamplesApiActions.sampleLoadFailed({ message: err.message }))),
            ),
        );
      }),
    ),
  { functional: true },
);

/**
 * An embedded sample with `follow=1` moves on to its variant's newest iteration whenever live
 * updates find new data (the sample written back to the URL keeps it there after a reload).
 */
export const followNewestSample = createEffect(
  (store = inject(Store), eventsApi = inject(EventsApi)) =>
    newDataRevisions(store).pipe(
      withLatestFrom(store.select(selectEmbedded), store.select(selectSampleOptions)),
      map(([, embedded, options]) => (embedded && options.follow ? options.sample : null)),
      filter((sample) => sample !== null),
      switchMap((sample) =>
        eventsApi.debugImageSample({ task: sample.task, metric: sample.metric, variant: sample.variant }).pipe(
          filter((response) => !!response.event && response.event.iter !== sample.iter),
          map((response) => DebugSamplesApiActions.sampleLoaded({ response })),
          // The sample on screen stays; the next change tries again.
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

/** Previous/next sample and older/newer iteration of the same sample, from the viewer's cursor. */
export const stepViewer = createEffect(
  (actions$ = inject(Actions), store = inject(Store), eventsApi = inject(EventsApi)) =>
    actions$.pipe(
      ofType(DebugSamplesPageActions.viewerStepClicked),
      withLatestFrom(store.select(debugSamplesFeature.selectViewer)),
      filter(([, viewer]) => !!viewer.sample && !!viewer.scrollId),
      switchMap(([{ step }, viewer]) =>
        eventsApi
          .nextDebugImageSample({
            task: viewer.sample!.task,
            scroll_id: viewer.scrollId!,
            navigate_earlier: step === 'previous' || step === 'older',
            next_iteration: step === 'older' || step === 'newer',
          })
          .pipe(
            map((response) =>
              response.event ? DebugSamplesApiActions.sampleLoaded({ response }) : DebugSamplesApiActions.sampleEndReached({ step }),
            ),
            catchError((err: Error) => of(DebugSamplesApiActions.sampleLoadFailed({ message: err.message }))),
          ),
      ),
    ),
  { functional: true },
);

/** The sample shown in the viewer is written to the URL (after a step, or when the server chose a nearby one). */
export const writeShownSampleToUrl = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(DebugSamplesApiActions.sampleLoaded),
      withLatestFrom(store.select(selectSampleOptions)),
      map(([{ response }, options]) => ({ event: response.event, open: options.sample })),
      filter(({ event, open }) => !!event && !!open && formatSample(event) !== formatSample(open)),
      map(({ event }) => CompareViewActions.optionsChanged({ options: sampleOpened(event) })),
    ),
  { functional: true },
);
