import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { Project, TaskSummary } from '../../core/api/models';
import { TableQuery } from '../table-query';

export const TasksPageActions = createActionGroup({
  source: 'Tasks Page',
  events: {
    Opened: emptyProps(),
    'Query Changed': props<{ patch: Partial<TableQuery> }>(),
    'Selection Changed': props<{ selectedIds: string[] }>(),
    'Compare Clicked': emptyProps(),
    'Retry Clicked': emptyProps(),
  },
});

export const TasksApiActions = createActionGroup({
  source: 'Tasks API',
  events: {
    /** A page of tasks; `hasMore`: a task follows it; `total` only when the server counted them. */
    'Tasks Loaded': props<{ tasks: TaskSummary[]; hasMore: boolean; total?: number }>(),
    'Tasks Load Failed': props<{ message: string }>(),
    'Filter Options Loaded': props<{ projects: Project[]; tags: string[] }>(),
    'Filter Options Load Failed': props<{ message: string }>(),
  },
});
