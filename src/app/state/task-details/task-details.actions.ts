import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { Task } from '../../core/api/models';

export const TaskDetailsPageActions = createActionGroup({
  source: 'Side By Side Page',
  events: {
    'Retry Clicked': emptyProps(),
  },
});

export const TaskDetailsApiActions = createActionGroup({
  source: 'Side By Side API',
  events: {
    'Task Details Loaded': props<{ requestedIds: string[]; tasks: Task[] }>(),
    'Task Details Load Failed': props<{ requestedIds: string[]; message: string }>(),
    /** Running tasks refetched (whole) after a live check found they changed. */
    'Task Details Refreshed': props<{ tasks: Task[] }>(),
  },
});
