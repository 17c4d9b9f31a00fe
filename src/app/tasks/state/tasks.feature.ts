import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Project, TaskSummary } from '../../core/api/models';
import { selectQueryParams, selectUrlSegments } from '../../url/router-state';
import { MAX_COMPARED_TASKS } from '../../url/compare-url';
import { parseTableQuery } from '../table-query';
import { TasksApiActions, TasksPageActions } from './tasks.actions';

export interface TasksState {
  tasks: TaskSummary[];
  /** A task follows this page. */
  hasMore: boolean;
  /** The number of matching tasks, when the server counted them (clearml-server does not). */
  total: number | null;
  loading: boolean;
  error: string | null;
  projects: Project[];
  tags: string[];
  selectedIds: string[];
}

export const initialTasksState: TasksState = {
  tasks: [],
  hasMore: false,
  total: null,
  loading: false,
  error: null,
  projects: [],
  tags: [],
  selectedIds: [],
};

export const tasksFeature = createFeature({
  name: 'tasksPage',
  reducer: createReducer(
    initialTasksState,
    on(TasksPageActions.opened, TasksPageActions.queryChanged, TasksPageActions.retryClicked, (state): TasksState => ({
      ...state,
      loading: true,
      error: null,
    })),
    on(TasksApiActions.tasksLoaded, (state, { tasks, hasMore, total }): TasksState => ({
      ...state,
      tasks,
      hasMore,
      total: total ?? null,
      loading: false,
      error: null,
    })),
    on(TasksApiActions.tasksLoadFailed, (state, { message }): TasksState => ({ ...state, loading: false, error: message })),
    on(TasksApiActions.filterOptionsLoaded, (state, { projects, tags }): TasksState => ({ ...state, projects, tags })),
    on(TasksPageActions.selectionChanged, (state, { selectedIds }): TasksState => ({ ...state, selectedIds })),
  ),
  extraSelectors: ({ selectSelectedIds }) => ({
    selectCompareBlockedReason: createSelector(selectSelectedIds, (ids) =>
      ids.length > MAX_COMPARED_TASKS
        ? `Up to ${MAX_COMPARED_TASKS} tasks can be compared at once; ${ids.length} are selected.`
        : ids.length < 2
          ? 'Select at least two tasks to compare.'
          : null,
    ),
  }),
});

export const selectOnTasksPage = createSelector(selectUrlSegments, (segments) => segments[0] === 'tasks');
export const selectTableQuery = createSelector(selectQueryParams, (params) => parseTableQuery(params));
