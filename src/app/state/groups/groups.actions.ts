import { createActionGroup, props } from '@ngrx/store';
import { Task } from '../../core/api/models';

/** The compared tasks' hyperparameters for grouping, loaded while a grouping is chosen. */
export const GroupParamsApiActions = createActionGroup({
  source: 'Group Params API',
  events: {
    'Load Started': props<{ taskIds: string[] }>(),
    Loaded: props<{ taskIds: string[]; value: Task[] }>(),
    'Load Failed': props<{ taskIds: string[]; message: string }>(),
  },
});
