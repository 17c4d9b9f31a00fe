import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { DebugSampleEvent } from '../../../core/api/events-api';
import { selectOptions } from '../../../url/view-options';
import { ComparedTask, selectComparedTasks } from '../../../state/compare/compare.feature';
import { ColumnPosition, SampleIteration, columnPosition, iterationRange, variantIterations } from '../sample-navigation';
import { SAMPLE_OPTIONS, SampleViewOptions, columnTarget, parseSampleOptions } from '../sample-view-options';
import { ColumnKey, DebugSamplesApiActions, DebugSamplesPageActions } from './debug-samples.actions';
import { mergeNewestPage } from './sample-paging';

export interface ColumnSamples {
  status: 'loading' | 'loaded' | 'error';
  /** Newest first. */
  iterations: SampleIteration[];
  error: string | null;
  /** False when the task may have older iterations than those held (a full page came back). */
  complete: boolean;
  loadingOlder: boolean;
  /** The server's scroll state, where older pages continue from (null: none yet). */
  scrollId: string | null;
  /** Iterations per page (within the server's event budget for the column's metrics). */
  iters: number;
}

export interface ViewerState {
  status: 'idle' | 'loading' | 'loaded' | 'error';
  sample: DebugSampleEvent | null;
  scrollId: string | null;
  minIteration: number | null;
  maxIteration: number | null;
  /** Why the last request showed nothing new (an end, a missing sample, an error). */
  message: string | null;
}

export interface DebugSamplesState {
  metricsByTask: Record<string, string[]>;
  /** The task ids whose metric lists were asked for last, once answered. */
  metricsFor: string[] | null;
  metricsError: string | null;
  columns: Record<string, ColumnSamples>;
  visibleTaskIds: string[];
  viewer: ViewerState;
}

const idleViewer: ViewerState = { status: 'idle', sample: null, scrollId: null, minIteration: null, maxIteration: null, message: null };

export const initialDebugSamplesState: DebugSamplesState = {
  metricsByTask: {},
  metricsFor: null,
  metricsError: null,
  columns: {},
  visibleTaskIds: [],
  viewer: idleViewer,
};

export function columnKey({ task, metric }: ColumnKey): string {
  return JSON.stringify([task, metric]);
}

const emptyColumn: ColumnSamples = {
  status: 'loaded',
  iterations: [],
  error: null,
  complete: true,
  loadingOlder: false,
  scrollId: null,
  iters: 1,
};

function updateColumn(state: DebugSamplesState, key: ColumnKey, change: (column: ColumnSamples) => ColumnSamples): DebugSamplesState {
  const column = state.columns[columnKey(key)];
  return column ? { ...state, columns: { ...state.columns, [columnKey(key)]: change(column) } } : state;
}

const STEP_END: Record<string, string> = {
  previous: 'This is the first sample.',
  next: 'This is the last sample.',
  older: 'This is the oldest iteration of this sample.',
  newer: 'This is the newest iteration of this sample.',
};

export const debugSamplesFeature = createFeature({
  name: 'debugSamples',
  reducer: createReducer(
    initialDebugSamplesState,
    on(DebugSamplesPageActions.visibleColumnsChanged, (state, { taskIds }): DebugSamplesState => ({ ...state, visibleTaskIds: taskIds })),
    on(DebugSamplesPageActions.refreshClicked, (state): DebugSamplesState => ({
      ...state,
      columns: {},
      metricsFor: null,
      metricsError: null,
    })),
    on(DebugSamplesApiActions.metricsLoaded, (state, { taskIds, metricsByTask }): DebugSamplesState => ({
      ...state,
      metricsByTask: { ...state.metricsByTask, ...metricsByTask },
      metricsFor: taskIds,
      metricsError: null,
    })),
    on(DebugSamplesApiActions.metricsLoadFailed, (state, { taskIds, message }): DebugSamplesState => ({
      ...state,
      metricsFor: taskIds,
      metricsError: message,
    })),
    on(DebugSamplesApiActions.columnsRequested, (state, { keys }): DebugSamplesState => {
      const columns = { ...state.columns };
      for (const key of keys) columns[columnKey(key)] = { ...emptyColumn, status: 'loading' };
      return { ...state, columns };
    }),
    on(DebugSamplesApiActions.columnsLoaded, (state, { columns: loaded, refresh }): DebugSamplesState => {
      const columns = { ...state.columns };
      for (const c of loaded) {
        const held = columns[columnKey(c)];
        const wholeColumn = c.iterations.length < c.iters;
        // A refresh keeps the older pages held (and the scroll they continue from).
        const merged = refresh && held?.status === 'loaded' && !wholeColumn ? mergeNewestPage(held.iterations, c.iterations) : null;
        columns[columnKey(c)] = merged?.keepsOlder
          ? { ...emptyColumn, iterations: merged.iterations, complete: held!.complete, scrollId: held!.scrollId, iters: c.iters }
          : { ...emptyColumn, iterations: c.iterations, complete: wholeColumn, scrollId: c.scrollId, iters: c.iters };
      }
      return { ...state, columns };
    }),
    on(DebugSamplesApiActions.columnsLoadFailed, (state, { keys, message }): DebugSamplesState => {
      const columns = { ...state.columns };
      for (const key of keys) columns[columnKey(key)] = { ...emptyColumn, status: 'error', error: message };
      return { ...state, columns };
    }),
    on(DebugSamplesPageActions.olderIterationsRequested, (state, key): DebugSamplesState =>
      updateColumn(state, key, (c) => ({ ...c, loadingOlder: true })),
    ),
    on(DebugSamplesApiActions.olderIterationsLoaded, (state, { iterations, task, metric, scrollId, iters }): DebugSamplesState =>
      updateColumn(state, { task, metric }, (c) => {
        const oldest = c.iterations.at(-1)?.iter ?? Infinity;
        const older = iterations.filter((i) => i.iter < oldest);
        return {
          ...c,
          iterations: [...c.iterations, ...older],
          loadingOlder: false,
          complete: older.length === 0 || iterations.length < iters,
          scrollId: scrollId ?? c.scrollId,
        };
      }),
    ),
    on(DebugSamplesApiActions.sampleRequested, (state): DebugSamplesState => ({
      ...state,
      viewer: { ...state.viewer, status: 'loading' as const, message: null },
    })),
    on(DebugSamplesApiActions.sampleLoaded, (state, { response }): DebugSamplesState => ({
      ...state,
      viewer: {
        status: 'loaded' as const,
        sample: response.event ?? state.viewer.sample,
        scrollId: response.scroll_id,
        minIteration: response.min_iteration,
        maxIteration: response.max_iteration,
        message: response.event ? null : 'This sample was not found.',
      },
    })),
    on(DebugSamplesApiActions.sampleEndReached, (state, { step }): DebugSamplesState => ({
      ...state,
      viewer: { ...state.viewer, status: 'loaded' as const, message: STEP_END[step] },
    })),
    on(DebugSamplesApiActions.sampleLoadFailed, (state, { message }): DebugSamplesState => ({
      ...state,
      viewer: { ...state.viewer, status: 'error' as const, message },
    })),
  ),
});

export const selectSampleOptions = createSelector(selectOptions(SAMPLE_OPTIONS), (raw): SampleViewOptions => parseSampleOptions(raw));

/** Everything one column shows. */
export interface SampleColumnView {
  task: ComparedTask;
  metrics: string[];
  metric: string | null;
  samples: ColumnSamples | null;
  position: ColumnPosition;
}

export const selectSampleColumns = createSelector(
  selectComparedTasks,
  selectSampleOptions,
  debugSamplesFeature.selectColumns,
  debugSamplesFeature.selectMetricsByTask,
  (tasks, options, columns, metricsByTask): SampleColumnView[] =>
    tasks.map((task) => {
      const target = columnTarget(options, task.id);
      const samples = columns[columnKey({ task: task.id, metric: target.metric })] ?? null;
      return {
        task,
        metrics: metricsByTask[task.id] ?? [],
        metric: target.metric,
        samples,
        position: columnPosition(samples?.iterations ?? [], target.iter),
      };
    }),
);

/** Rendered columns whose samples were never asked for. */
export const selectColumnsToLoad = createSelector(
  selectSampleColumns,
  debugSamplesFeature.selectVisibleTaskIds,
  debugSamplesFeature.selectMetricsFor,
  (columns, visible, metricsFor): ColumnKey[] =>
    columns
      // The task's metric list sets the page size (the server's budget is split over its metrics).
      .filter((c) => !c.samples && visible.includes(c.task.id) && !!metricsFor?.includes(c.task.id))
      .map((c) => ({ task: c.task.id, metric: c.metric })),
);

/**
 * Columns whose target iteration (a jump) is older than the oldest they hold while older pages
 * remain: the next older page is asked for, until the target is held or the pages end.
 */
export const selectColumnsPagingToTarget = createSelector(selectSampleColumns, (columns) =>
  columns
    .filter((c) => {
      const samples = c.samples;
      const oldest = samples?.iterations.at(-1)?.iter;
      return (
        samples?.status === 'loaded' &&
        !samples.complete &&
        !samples.loadingOlder &&
        c.position.target !== null &&
        oldest !== undefined &&
        c.position.target < oldest
      );
    })
    .map((c) => ({ task: c.task.id, metric: c.metric, before: c.samples!.iterations.at(-1)!.iter, toward: c.position.target! })),
);

/** The iterations of every loaded column, for the jump slider. */
export const selectIterationRange = createSelector(selectSampleColumns, (columns) =>
  iterationRange(columns.map((c) => c.samples?.iterations ?? [])),
);

/** Iterations (oldest first) of the sample open in the viewer, when its column has them. */
export const selectViewerIterations = createSelector(
  debugSamplesFeature.selectViewer,
  debugSamplesFeature.selectColumns,
  (viewer, columns): number[] => {
    const sample = viewer.sample;
    if (!sample) return [];
    for (const metric of [sample.metric, null]) {
      const column = columns[columnKey({ task: sample.task, metric })];
      if (column?.status === 'loaded') {
        const iters = variantIterations(column.iterations, sample.metric, sample.variant);
        if (iters.includes(sample.iter)) return iters;
      }
    }
    return [];
  },
);
