import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  EMPTY,
  catchError,
  concat,
  defaultIfEmpty,
  distinctUntilChanged,
  expand,
  filter,
  from,
  map,
  merge,
  mergeMap,
  of,
  skip,
  switchMap,
  take,
  withLatestFrom,
} from 'rxjs';
import { DebugSampleResponse, EventsApi } from '../../../core/api/events-api';
import { MAX_COMPARED_TASKS } from '../../../url/compare-url';
import { CompareViewActions } from '../../../state/compare/compare.actions';
import { compareFeature, selectEmbedded, selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { optionsPatch } from '../../../url/view-options';
import { SAMPLE_OPTIONS, SampleViewOptions, columnMoved, formatSample, sampleOpened } from '../sample-view-options';
import { selectCapabilities } from '../../../core/server/server-info.feature';
import { SampleIteration } from '../sample-navigation';
import { ColumnKey, ColumnPage, DebugSamplesApiActions, DebugSamplesPageActions } from './debug-samples.actions';
import {
  columnKey,
  debugSamplesFeature,
  selectColumnsPagingToTarget,
  selectColumnsToLoad,
  selectSampleOptions,
} from './debug-samples.feature';
import { MAX_CATCH_UP_PAGES, pageIterations } from './sample-paging';
import { naturalCompare } from '../../../shared/natural-order';

const sameKeys = (a: { task: string; metric: string | null }[], b: { task: string; metric: string | null }[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/** The debug-sample metrics of each compared task, whenever the set of tasks changes (or on refresh). */
export const loadSampleMetrics = createEffect(
  (actions$ = inject(Actions), store = inject(Store), eventsApi = inject(EventsApi)) => {
    // Only the tasks the task list found: one unknown id would make clearml-server refuse the whole call.
    const existing$ = store.select(selectExistingTaskIds);
    const ids$ = existing$.pipe(
      map((ids) => ids ?? []),
      distinctUntilChanged((a, b) => a.join() === b.join()),
    );
    const refresh$ = actions$.pipe(
      ofType(DebugSamplesPageActions.refreshClicked),
      withLatestFrom(existing$),
      map(([, ids]) => ids ?? []),
    );
    const newData$ = newDataRevisions(store).pipe(
      withLatestFrom(existing$),
      map(([, ids]) => ids ?? []),
    );
    return merge(ids$, refresh$, newData$).pipe(
      filter((ids) => ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
      switchMap((taskIds) =>
        eventsApi.taskMetrics(taskIds, 'training_debug_image').pipe(
          map(({ metrics }) => {
            const metricsByTask: Record<string, string[]> = Object.fromEntries(taskIds.map((id) => [id, []]));
            for (const m of metrics) metricsByTask[m.task] = [...m.metrics].sort(naturalCompare);
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
  (store = inject(Store)) => {
    return newDataRevisions(store).pipe(
      withLatestFrom(store.select(debugSamplesFeature.selectColumns)),
      map(([, columns]) =>
        Object.entries(columns)
          .filter(([, column]) => column.status === 'loaded')
          .map(([key]) => JSON.parse(key) as [string, string | null])
          .map(([task, metric]) => ({ task, metric })),
      ),
      filter((keys) => keys.length > 0),
      map((keys) => DebugSamplesApiActions.columnsRefreshRequested({ keys })),
    );
  },
  { functional: true },
);

/** Columns that are rendered and not yet fetched are marked as requested (once each). */
export const requestVisibleColumns = createEffect(
  (store = inject(Store)) => {
    return store.select(selectColumnsToLoad).pipe(
      // Requested columns leave the selection at once, so the same keys come back only after a refresh.
      distinctUntilChanged(sameKeys),
      filter((keys) => keys.length > 0),
      map((keys) => DebugSamplesApiActions.columnsRequested({ keys })),
    );
  },
  { functional: true },
);

/** The `events.debug_images` metrics item of a column (no metric: all of the task's). */
function metricsItem({ task, metric }: ColumnKey): { task: string; metric?: string } {
  return metric === null ? { task } : { task, metric };
}

/** Columns asked at once at most (each is one call, as clearml-server keeps one scroll per task). */
const COLUMNS_IN_FLIGHT = 4;

/**
 * The newest page of each requested column, one `events.debug_images` call each: the iterations
 * per page are chosen within clearml-server's event budget for the column's metrics, and the
 * answer's `scroll_id` is where older pages continue from.
 */
export const loadColumns = createEffect(
  (actions$ = inject(Actions), store = inject(Store), eventsApi = inject(EventsApi)) => {
    return actions$.pipe(
      ofType(DebugSamplesApiActions.columnsRequested, DebugSamplesApiActions.columnsRefreshRequested),
      withLatestFrom(store.select(debugSamplesFeature.selectMetricsByTask)),
      mergeMap(([action, metricsByTask]) => {
        const refresh = action.type === DebugSamplesApiActions.columnsRefreshRequested.type;
        return from(action.keys).pipe(
          mergeMap((key) => {
            const iters = pageIterations(key.metric === null ? (metricsByTask[key.task]?.length ?? 1) : 1);
            return eventsApi.debugImages({ metrics: [metricsItem(key)], iters, refresh: true }).pipe(
              map(({ metrics, scroll_id }) =>
                DebugSamplesApiActions.columnsLoaded({
                  columns: [{ ...key, iterations: metrics?.[0]?.iterations ?? [], scrollId: scroll_id ?? null, iters }],
                  ...(refresh ? { refresh } : {}),
                }),
              ),
              catchError((err: Error) => of(DebugSamplesApiActions.columnsLoadFailed({ keys: [key], message: err.message }))),
            );
          }, COLUMNS_IN_FLIGHT),
        );
      }),
    );
  },
  { functional: true },
);

/**
 * The page before a column's oldest iteration. Where the server offers `iteration` in a metrics
 * item, the page is asked from there; otherwise the column's scroll goes on (`navigate_earlier`),
 * as ClearML's web app pages, and pages that hold nothing older (a scroll the server forgot
 * starts again from the newest) are passed until one does or they end.
 */
export const loadOlderIterations = createEffect(
  (actions$ = inject(Actions), store = inject(Store), eventsApi = inject(EventsApi)) => {
    return actions$.pipe(
      ofType(DebugSamplesPageActions.olderIterationsRequested),
      withLatestFrom(store.select(debugSamplesFeature.selectColumns), store.select(selectCapabilities)),
      mergeMap(([{ task, metric, before, toward }, columns, capabilities]) => {
        const column = columns[columnKey({ task, metric })];
        const iters = column?.iters ?? pageIterations(1);
        const item = metricsItem({ task, metric });
        const done = (iterations: SampleIteration[], scrollId: string | null) =>
          DebugSamplesApiActions.olderIterationsLoaded({
            task,
            metric,
            before,
            iterations,
            scrollId,
            iters,
            ...(toward !== undefined ? { toward } : {}),
          });
        const failed = (err: Error) => of(DebugSamplesApiActions.columnsLoadFailed({ keys: [{ task, metric }], message: err.message }));
        if (capabilities?.debugImagesIteration) {
          return eventsApi.debugImages({ metrics: [{ ...item, iteration: before - 1 }], iters, refresh: true }).pipe(
            map(({ metrics }) => done(metrics?.[0]?.iterations ?? [], column?.scrollId ?? null)),
            catchError(failed),
          );
        }
        const page = (scrollId: string | null) =>
          eventsApi
            .debugImages({ metrics: [item], iters, navigate_earlier: true, ...(scrollId ? { scroll_id: scrollId } : {}) })
            .pipe(map(({ metrics, scroll_id }) => ({ iterations: metrics?.[0]?.iterations ?? [], scrollId: scroll_id ?? scrollId })));
        const holdsOlder = (iterations: SampleIteration[]) => iterations.length === 0 || iterations.some((i) => i.iter < before);
        return page(column?.scrollId ?? null).pipe(
          expand((answer, index) => (holdsOlder(answer.iterations) || index + 1 >= MAX_CATCH_UP_PAGES ? EMPTY : page(answer.scrollId))),
          filter((answer) => holdsOlder(answer.iterations)),
          take(1),
          defaultIfEmpty({ iterations: [] as SampleIteration[], scrollId: column?.scrollId ?? null }),
          map(({ iterations, scrollId }) => done(iterations, scrollId)),
          catchError(failed),
        );
      }),
    );
  },
  { functional: true },
);

/** A column whose target (a jump) is older than what it holds pages back toward it. */
export const pageTowardTarget = createEffect(
  (store = inject(Store)) => {
    return store.select(selectColumnsPagingToTarget).pipe(
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      mergeMap((columns) => from(columns.map((c) => DebugSamplesPageActions.olderIterationsRequested(c)))),
    );
  },
  { functional: true },
);

/** The sample named in the URL is fetched, unless it is the one already shown. */
export const loadOpenSample = createEffect(
  (store = inject(Store), eventsApi = inject(EventsApi)) => {
    return store.select(selectSampleOptions).pipe(
      map((options) => options.sample),
      distinctUntilChanged((a, b) => formatSample(a) === formatSample(b)),
      withLatestFrom(store.select(debugSamplesFeature.selectViewer)),
      switchMap(([sample, viewer]) => {
        if (!sample) return EMPTY;
        const shown = viewer.sample;
        if (shown && formatSample({ ...shown }) === formatSample(sample)) return EMPTY;
        return concat(
          of(DebugSamplesApiActions.sampleRequested()),
          eventsApi.debugImageSample({ task: sample.task, metric: sample.metric, variant: sample.variant, iteration: sample.iter }).pipe(
            map((response) => DebugSamplesApiActions.sampleLoaded({ response })),
            catchError((err: Error) => of(DebugSamplesApiActions.sampleLoadFailed({ message: err.message }))),
          ),
        );
      }),
    );
  },
  { functional: true },
);

/**
 * An embedded sample with `follow=1` moves on to its variant's newest iteration whenever live
 * updates find new data (the sample written back to the URL keeps it there after a reload).
 */
export const followNewestSample = createEffect(
  (store = inject(Store), eventsApi = inject(EventsApi)) => {
    return newDataRevisions(store).pipe(
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
    );
  },
  { functional: true },
);

/** Previous/next sample and older/newer iteration of the same sample, from the viewer's cursor. */
export const stepViewer = createEffect(
  (actions$ = inject(Actions), store = inject(Store), eventsApi = inject(EventsApi)) => {
    return actions$.pipe(
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
    );
  },
  { functional: true },
);

/** After older iterations arrived for an Older click, the column moves to the newest of them. */
function moveToOlder({ task, before, iterations, toward }: ColumnPage & { before: number; toward?: number }, options: SampleViewOptions) {
  const older = iterations.map((i) => i.iter).filter((iter) => iter < before);
  return toward === undefined && older.length ? columnMoved(options, task, Math.max(...older)) : null;
}

/** The sample the viewer shows, when it is not the open one (after a step, or when the server chose a nearby one). */
function showSample({ response }: { response: DebugSampleResponse }, options: SampleViewOptions) {
  const event = response.event;
  return event && options.sample && formatSample(event) !== formatSample(options.sample) ? sampleOpened(event) : null;
}

/**
 * The one place Debug samples' options reach the URL: a choice in the tab, a column moved to the
 * older iterations an Older click brought, and the sample the viewer moved to. Each change is one
 * navigation, written through `SAMPLE_OPTIONS`.
 */
export const writeSampleOptions = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) => {
    const options$ = store.select(selectSampleOptions);
    const chosen$ = actions$.pipe(
      ofType(DebugSamplesPageActions.optionsChosen),
      map(({ options }) => options),
    );
    const movedOlder$ = actions$.pipe(
      ofType(DebugSamplesApiActions.olderIterationsLoaded),
      withLatestFrom(options$),
      map(([action, options]) => moveToOlder(action, options)),
    );
    const shown$ = actions$.pipe(
      ofType(DebugSamplesApiActions.sampleLoaded),
      withLatestFrom(options$),
      map(([action, options]) => showSample(action, options)),
    );
    return merge(chosen$, movedOlder$, shown$).pipe(
      filter((patch) => patch !== null),
      map((patch) => CompareViewActions.optionsChanged({ options: optionsPatch(SAMPLE_OPTIONS, patch) })),
    );
  },
  { functional: true },
);
