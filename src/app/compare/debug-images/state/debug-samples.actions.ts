import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DebugSampleResponse } from '../../../core/api/events-api';
import { SampleIteration } from '../sample-navigation';

/** A column's samples are fetched per task and metric (null: All metrics). */
export interface ColumnKey {
  task: string;
  metric: string | null;
}

/** How many iterations a column holds at most (the API's page limit for `events.debug_images`). */
export const MAX_COLUMN_ITERATIONS = 1000;

export type ViewerStep = 'previous' | 'next' | 'older' | 'newer';

export const DebugSamplesPageActions = createActionGroup({
  source: 'Debug Samples Page',
  events: {
    /** The columns rendered by the horizontal virtual scroll (with its buffer). */
    'Visible Columns Changed': props<{ taskIds: string[] }>(),
    'Refresh Clicked': emptyProps(),
    'Viewer Step Clicked': props<{ step: ViewerStep }>(),
    /** A column holds the newest MAX_COLUMN_ITERATIONS iterations; this asks for the ones before `before`. */
    'Older Iterations Requested': props<ColumnKey & { before: number }>(),
  },
});

export const DebugSamplesApiActions = createActionGroup({
  source: 'Debug Samples API',
  events: {
    'Metrics Loaded': props<{ taskIds: string[]; metricsByTask: Record<string, string[]> }>(),
    'Metrics Load Failed': props<{ taskIds: string[]; message: string }>(),
    'Columns Requested': props<{ keys: ColumnKey[] }>(),
    /** Live updates found new data: loaded columns are fetched again, showing what they hold meanwhile. */
    'Columns Refresh Requested': props<{ keys: ColumnKey[] }>(),
    'Columns Loaded': props<{ columns: (ColumnKey & { iterations: SampleIteration[] })[] }>(),
    'Columns Load Failed': props<{ keys: ColumnKey[]; message: string }>(),
    'Older Iterations Loaded': props<ColumnKey & { before: number; iterations: SampleIteration[] }>(),
    'Sample Requested': emptyProps(),
    'Sample Loaded': props<{ response: DebugSampleResponse }>(),
    'Sample End Reached': props<{ step: ViewerStep }>(),
    'Sample Load Failed': props<{ message: string }>(),
  },
});
