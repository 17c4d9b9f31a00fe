import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { Task } from '../../../core/api/models';

export const HyperparametersPageActions = createActionGroup({
  source: 'Hyperparameters Page',
  events: {
    'Retry Clicked': emptyProps(),
  },
});

/** The compared tasks' parameters and metric summaries (`HYPERPARAMETER_TASK_FIELDS`), one load for Values, parallel coordinates and scatter. */
export const HyperparametersApiActions = createActionGroup({
  source: 'Hyperparameters API',
  events: {
    'Load Started': props<{ taskIds: string[] }>(),
    Loaded: props<{ taskIds: string[]; value: Task[] }>(),
    'Load Failed': props<{ taskIds: string[]; message: string }>(),
  },
});
