import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Task } from '../../../core/api/models';
import { selectComparedTaskIds } from '../../state/compare.feature';
import { TaskDetailsApiActions, TaskDetailsPageActions } from './task-details.actions';

/** Whole task objects of the compared tasks, shared by the Details and Hyperparameters → Values views. */
export interface TaskDetailsState {
  tasksById: Record<string, Task>;
  /** The ids of the last answered request. */
  loadedIds: string[] | null;
  loading: boolean;
  error: string | null;
}

export const initialTaskDetailsState: TaskDetailsState = { tasksById: {}, loadedIds: null, loading: false, error: null };

export const taskDetailsFeature = createFeature({
  name: 'comparedTaskDetails',
  reducer: createReducer(
    initialTaskDetailsState,
    on(TaskDetailsPageActions.retryClicked, (state) => ({ ...state, loading: true, error: null })),
    on(TaskDetailsApiActions.taskDetailsLoaded, (state, { requestedIds, tasks }) => ({
      tasksById: Object.fromEntries(tasks.map((task) => [task.id, task])),
      loadedIds: requestedIds,
      loading: false,
      error: null,
    })),
    on(TaskDetailsApiActions.taskDetailsRefreshed, (state, { tasks }) =>
      tasks.length ? { ...state, tasksById: { ...state.tasksById, ...Object.fromEntries(tasks.map((task) => [task.id, task])) } } : state,
    ),
    on(TaskDetailsApiActions.taskDetailsLoadFailed, (state, { message }) => ({ ...state, loading: false, error: message })),
  ),
});

/** The compared tasks in comparison order (base first); null for a task the server did not return. */
export const selectDetailedTasks = createSelector(
  selectComparedTaskIds,
  taskDetailsFeature.selectTasksById,
  (ids, tasksById): (Task | null)[] => ids.map((id) => tasksById[id] ?? null),
);

/** True until the compared set of tasks has been answered once (and while a retry runs). */
export const selectDetailsPending = createSelector(
  selectComparedTaskIds,
  taskDetailsFeature.selectLoadedIds,
  taskDetailsFeature.selectLoading,
  (ids, loadedIds, loading) => loading || loadedIds === null || ids.some((id) => !loadedIds.includes(id)),
);
