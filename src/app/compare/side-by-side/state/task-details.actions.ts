import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { Task } from '../../../core/api/models';

export const TaskDetailsPageActions = createActionGroup({
  source: 'Side By Side Page',
  events: {
    'Retry Clicked': emptyProps(),
    /** The Details tab shows the long texts of these tasks (not asked for yet). */
    'Texts Wanted': props<{ ids: string[] }>(),
  },
});

export const TaskDetailsApiActions = createActionGroup({
  source: 'Side By Side API',
  events: {
    'Task Details Loaded': props<{ requestedIds: string[]; tasks: Task[] }>(),
    'Task Details Load Failed': props<{ requestedIds: string[]; message: string }>(),
    /** Running tasks refetched (whole) after a live check found they changed. */
    'Task Details Refreshed': props<{ tasks: Task[] }>(),
    /** The long texts of the tasks `ids` (`tasks`: the `TEXT_FIELDS` answer; unknown ids left out). */
    'Task Texts Loaded': props<{ ids: string[]; tasks: Task[] }>(),
    'Task Texts Load Failed': props<{ ids: string[]; message: string }>(),
  },
});
