import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DebugSampleResponse } from '../../../core/api/events-api';
import { SampleIteration } from '../sample-navigation';
import { ViewOptionPatch } from '../sample-view-options';

/** A column's samples are fetched per task and metric (null: All metrics). */
export interface ColumnKey {
  task: string;
  metric: string | null;
}

/** One page of a column's iterations as `events.debug_images` answered it. */
export interface ColumnPage extends ColumnKey {
  iterations: SampleIteration[];
  /** The server's scroll state for paging on (null where the page was asked without one). */
  scrollId: string | null;
  /** Iterations the page was asked for: fewer came back, and there are no more. */
  iters: number;
}

export type ViewerStep = 'previous' | 'next' | 'older' | 'newer';

export const DebugSamplesPageActions = createActionGroup({
  source: 'Debug Samples Page',
  events: {
    /** The columns rendered by the horizontal virtual scroll (with its buffer). */
    'Visible Columns Changed': props<{ taskIds: string[] }>(),
    'Refresh Clicked': emptyProps(),
    /** A choice in the tab (metric, iteration, sync, jump, the sample opened or closed) changes these options. */
    'Options Chosen': props<{ options: ViewOptionPatch }>(),
    'Viewer Step Clicked': props<{ step: ViewerStep }>(),
    /**
     * A column holds its newest pages; this asks for the page before `before` (its oldest iteration).
     * `toward`: asked for a jump to that iteration (the column stays at its target).
     */
    'Older Iterations Requested': props<ColumnKey & { before: number; toward?: number }>(),
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
    /** First pages (`refresh`: again, after live updates found new data). */
    'Columns Loaded': props<{ columns: ColumnPage[]; refresh?: boolean }>(),
    'Columns Load Failed': props<{ keys: ColumnKey[]; message: string }>(),
    'Older Iterations Loaded': props<ColumnPage & { before: number; toward?: number }>(),
    'Sample Requested': emptyProps(),
    'Sample Loaded': props<{ response: DebugSampleResponse }>(),
    'Sample End Reached': props<{ step: ViewerStep }>(),
    'Sample Load Failed': props<{ message: string }>(),
  },
});
