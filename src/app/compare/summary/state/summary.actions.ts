import { createActionGroup, props } from '@ngrx/store';
import { SingleValueMetrics } from '../../../core/api/events-api';

/** The compared tasks' single-value scalars (`events.get_task_single_value_metrics`), drawn by the Summary chart. */
export const SummaryApiActions = createActionGroup({
  source: 'Summary API',
  events: {
    'Load Started': props<{ taskIds: string[] }>(),
    Loaded: props<{ taskIds: string[]; value: SingleValueMetrics }>(),
    'Load Failed': props<{ taskIds: string[]; message: string }>(),
  },
});
