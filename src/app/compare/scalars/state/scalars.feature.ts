import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { HistogramKey, MetricVariants, ScalarHistogram } from '../../../core/api/events-api';
import { Task } from '../../../core/api/models';
import { selectComparedTaskIds, selectCompareView, selectShownTaskIds } from '../../../state/compare/compare.feature';
import { ChartRequest, ChartZoom, ScalarTaskFields, ScalarsApiActions, ScalarsPageActions, scalarTaskFieldsFor } from './scalars.actions';

export interface ChartSeries {
  status: 'loading' | 'loaded' | 'error';
  /** The request this entry answers (a newer request replaces it). */
  request: ChartRequest;
  taskIds: string[];
  histogram: ScalarHistogram;
  error: string | null;
  /** The live-update data revision it was asked at; an older one is fetched again (new points appended). */
  revision?: number;
}

export interface ScalarsState {
  tasks: Task[];
  /** The ids whose tasks were last asked for, once answered. */
  tasksFor: string[] | null;
  /** Which view's fields those tasks hold. */
  tasksFields: ScalarTaskFields | null;
  tasksError: string | null;
  metrics: MetricVariants[];
  metricsFor: string[] | null;
  metricsError: string | null;
  visibleCharts: string[];
  /** Whether any chart has reported its visibility yet (before that, the first charts count as in view). */
  visibilityReported: boolean;
  /** Zoom windows by chart, in the units of the x key they were made in. */
  zoom: Record<string, ChartZoom>;
  series: Record<string, ChartSeries>;
}

export const initialScalarsState: ScalarsState = {
  tasks: [],
  tasksFor: null,
  tasksFields: null,
  tasksError: null,
  metrics: [],
  metricsFor: null,
  metricsError: null,
  visibleCharts: [],
  visibilityReported: false,
  zoom: {},
  series: {},
};

export const scalarsFeature = createFeature({
  name: 'scalars',
  reducer: createReducer(
    initialScalarsState,
    on(ScalarsApiActions.tasksLoaded, (state, { taskIds, fields, tasks }): ScalarsState => ({
      ...state,
      tasks,
      tasksFor: taskIds,
      tasksFields: fields,
      tasksError: null,
    })),
    on(ScalarsApiActions.tasksLoadFailed, (state, { taskIds, fields, message }): ScalarsState => ({
      ...state,
      tasksFor: taskIds,
      tasksFields: fields,
      tasksError: message,
    })),
    on(ScalarsApiActions.metricsLoaded, (state, { taskIds, metrics }): ScalarsState => ({
      ...state,
      metrics,
      metricsFor: taskIds,
      metricsError: null,
    })),
    on(ScalarsApiActions.metricsLoadFailed, (state, { taskIds, message }): ScalarsState => ({
      ...state,
      metricsFor: taskIds,
      metricsError: message,
    })),
    on(ScalarsPageActions.chartVisibilityChanged, (state, { chartKey, visible }): ScalarsState => {
      const others = state.visibleCharts.filter((key) => key !== chartKey);
      return { ...state, visibleCharts: visible ? [...others, chartKey] : others, visibilityReported: true };
    }),
    on(ScalarsPageActions.chartZoomed, (state, { chartKey, key, range, origins }): ScalarsState => {
      const zoom = { ...state.zoom };
      if (range) zoom[chartKey] = origins ? { key, range, origins } : { key, range };
      else delete zoom[chartKey];
      return { ...state, zoom };
    }),
    on(ScalarsApiActions.seriesRequested, (state, { requests, taskIds, revision }): ScalarsState => {
      const series = { ...state.series };
      for (const request of requests) {
        series[request.chartKey] = {
          status: 'loading',
          request,
          taskIds,
          histogram: state.series[request.chartKey]?.histogram ?? {},
          error: null,
          revision,
        };
      }
      return { ...state, series };
    }),
    on(ScalarsApiActions.seriesLoaded, (state, { request, taskIds, histogram, revision }): ScalarsState => {
      const entry = state.series[request.chartKey];
      return sameRequest(entry?.request, request) && (revision === undefined || revision === entry?.revision)
        ? {
            ...state,
            series: {
              ...state.series,
              [request.chartKey]: { status: 'loaded' as const, request, taskIds, histogram, error: null, revision: entry?.revision },
            },
          }
        : state;
    }),
    on(ScalarsApiActions.seriesLoadFailed, (state, { request, taskIds, message }): ScalarsState =>
      sameRequest(state.series[request.chartKey]?.request, request)
        ? {
            ...state,
            series: { ...state.series, [request.chartKey]: { status: 'error', request, taskIds, histogram: {}, error: message } },
          }
        : state,
    ),
  ),
});

export function sameRequest(a: ChartRequest | undefined, b: ChartRequest): boolean {
  return !!a && JSON.stringify(a) === JSON.stringify(b);
}

/** The loaded tasks in comparison order, as the tabs show them (only once they match the compared ids and hold the view's fields). */
export const selectScalarTasks = createSelector(
  selectComparedTaskIds,
  selectShownTaskIds,
  scalarsFeature.selectTasks,
  scalarsFeature.selectTasksFor,
  scalarsFeature.selectTasksFields,
  selectCompareView,
  (ids, shownIds, tasks, tasksFor, fields, view): Task[] | null => {
    if (!tasksFor || tasksFor.join() !== ids.join() || fields !== scalarTaskFieldsFor(view)) return null;
    const byId = new Map(tasks.map((t) => [t.id, t]));
    return shownIds.map((id) => byId.get(id) ?? { id, name: id, status: 'unknown', type: '' });
  },
);

/**
 * What each visible chart needs from the server, given the wanted requests (computed by the tab
 * from the metric list and the view options): requests whose answer is missing or stale.
 */
export function staleRequests(
  wanted: readonly ChartRequest[],
  visible: readonly string[],
  series: Record<string, ChartSeries>,
  taskIds: readonly string[],
  revision = 0,
): ChartRequest[] {
  const shown = new Set(visible);
  return wanted.filter((request) => {
    if (!shown.has(request.chartKey)) return false;
    const entry = series[request.chartKey];
    return !entry || !sameRequest(entry.request, request) || entry.taskIds.join() !== taskIds.join() || (entry.revision ?? 0) < revision;
  });
}

export type { HistogramKey };
