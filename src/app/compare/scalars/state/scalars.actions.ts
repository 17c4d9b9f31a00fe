import { createActionGroup, props } from '@ngrx/store';
import { HistogramKey, MetricVariants, ScalarHistogram } from '../../../core/api/events-api';
import { Task } from '../../../core/api/models';

/** Scalar series are asked for with at most this many points, about a chart's width in pixels (each bucket keeps its min and max, so spikes stay). */
export const SERIES_SAMPLES = 500;
/**
 * Which task fields a Scalars view asks for: the graph's legends need the parameters, the values
 * table `last_metrics` (with 100 tasks x 200 series, 6 MB the graph need not fetch and parse).
 */
export type ScalarTaskFields = 'graph' | 'values';
export const SCALAR_TASK_FIELDS: Record<ScalarTaskFields, string[]> = {
  graph: ['id', 'name', 'hyperparams'],
  values: ['id', 'name', 'last_metrics'],
};

/** The fields a compare view (`scalars/graph`, `scalars/values`...) needs. */
export function scalarTaskFieldsFor(view: string): ScalarTaskFields {
  return view === 'scalars/graph' ? 'graph' : 'values';
}

/**
 * What one chart asks the server for: its metrics, the x key and (when zoomed) the x window.
 * With `origins` (relative time) the window is in seconds from each task's start (epoch ms there).
 */
export interface ChartRequest {
  chartKey: string;
  metrics: MetricVariants[];
  key: HistogramKey;
  /** Only where the server takes `x_range` (otherwise a zoom shows the points already drawn). */
  range: [number, number] | null;
  origins?: Record<string, number>;
  /** Ask for each bucket's min/max (`envelope: true`), where the server offers it. */
  envelope?: boolean;
}

/** A chart's zoom: the x window in the units of `key`, or (relative time) seconds from `origins`. */
export interface ChartZoom {
  key: HistogramKey;
  range: [number, number];
  origins?: Record<string, number>;
}

export const ScalarsPageActions = createActionGroup({
  source: 'Scalars Page',
  events: {
    /** Charts scrolled into (or out of) the viewport: only visible charts are fetched. */
    'Chart Visibility Changed': props<{ chartKey: string; visible: boolean }>(),
    /** A zoom into an x window (null: double-click, back to the whole run). */
    'Chart Zoomed': props<{ chartKey: string; key: HistogramKey; range: [number, number] | null; origins?: Record<string, number> }>(),
    /** A chart was drawn (each time): the page's other charts ask for their series once the first is. */
    'Chart Drawn': props<{ chartKey: string }>(),
  },
});

export const ScalarsApiActions = createActionGroup({
  source: 'Scalars API',
  events: {
    'Tasks Loaded': props<{ taskIds: string[]; fields: ScalarTaskFields; tasks: Task[] }>(),
    'Tasks Load Failed': props<{ taskIds: string[]; fields: ScalarTaskFields; message: string }>(),
    'Metrics Loaded': props<{ taskIds: string[]; metrics: MetricVariants[] }>(),
    'Metrics Load Failed': props<{ taskIds: string[]; message: string }>(),
    /**
     * Charts whose series are being fetched, all marked in one action (one per chart would let the
     * charts not marked yet look stale again and be asked twice). `revision`: the live-update data
     * revision they were asked at (a newer one makes them stale).
     */
    'Series Requested': props<{ requests: ChartRequest[]; taskIds: string[]; revision: number }>(),
    'Series Loaded': props<{ request: ChartRequest; taskIds: string[]; histogram: ScalarHistogram; revision?: number }>(),
    'Series Load Failed': props<{ request: ChartRequest; taskIds: string[]; message: string }>(),
  },
});
