import { createActionGroup, props } from '@ngrx/store';
import { MultiTaskPlots } from '../../../core/api/events-api';

/** The compared tasks' plots (`events.get_multi_task_plots`, every page of the scroll). */
export const PlotsApiActions = createActionGroup({
  source: 'Plots API',
  events: {
    'Load Started': props<{ taskIds: string[] }>(),
    Loaded: props<{ taskIds: string[]; value: MultiTaskPlots[] }>(),
    'Load Failed': props<{ taskIds: string[]; message: string }>(),
  },
});
