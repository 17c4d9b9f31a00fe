import { createFeature, createReducer, createSelector, createSelectorFactory, on, resultMemoize } from '@ngrx/store';
import { Task } from '../../core/api/models';
import { selectComparedTaskIds, selectShownTaskIds } from '../compare/compare.feature';
import { TaskDetailsApiActions, TaskDetailsPageActions } from './task-details.actions';

/**
 * The compared tasks as the Details tab reads them: their fields
 * (`DETAIL_FIELDS`; with the long texts after a live refresh). The Details tab's long texts are kept
 * where its comparisons run (details/details-texts.ts), not here.
 */
export interface TaskDetailsState {
  tasksById: Record<string, Task>;
  /** The ids of the last answered request. */
  loadedIds: string[] | null;
  loading: boolean;
  error: string | null;
}

export const initialTaskDetailsState: TaskDetailsState = { tasksById: {}, loadedIds: null, loading: false, error: null };

const byId = (tasks: readonly Task[]) => Object.fromEntries(tasks.map((task) => [task.id, task]));

export const taskDetailsFeature = createFeature({
  name: 'comparedTaskDetails',
  reducer: createReducer(
    initialTaskDetailsState,
    on(TaskDetailsPageActions.retryClicked, (state): TaskDetailsState => ({ ...state, loading: true, error: null })),
    on(TaskDetailsApiActions.taskDetailsLoaded, (state, { requestedIds, tasks }): TaskDetailsState => ({
      tasksById: byId(tasks),
      loadedIds: requestedIds,
      loading: false,
      error: null,
    })),
    on(TaskDetailsApiActions.taskDetailsRefreshed, (state, { tasks }): TaskDetailsState =>
      tasks.length ? { ...state, tasksById: { ...state.tasksById, ...byId(tasks) } } : state,
    ),
    on(TaskDetailsApiActions.taskDetailsLoadFailed, (state, { message }): TaskDetailsState => ({
      ...state,
      loading: false,
      error: message,
    })),
  ),
});

const sameElements = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((item, i) => item === b[i]) : a === b;

/**
 * The compared tasks in comparison order (base first), as the tabs show them; null for a task the server did not return.
 * The same array while the tasks are the same: any URL change (a search typed, a section folded)
 * gives new compared ids, and the Details comparison must not be built again for it.
 */
export const selectDetailedTasks = createSelectorFactory<object, (Task | null)[]>((projector) => resultMemoize(projector, sameElements))(
  selectShownTaskIds,
  taskDetailsFeature.selectTasksById,
  (ids: string[], tasksById: Record<string, Task>): (Task | null)[] => ids.map((id) => tasksById[id] ?? null),
);

/** True until the compared set of tasks has been answered once (and while a retry runs). */
export const selectDetailsPending = createSelector(
  selectComparedTaskIds,
  taskDetailsFeature.selectLoadedIds,
  taskDetailsFeature.selectLoading,
  (ids, loadedIds, loading) => loading || loadedIds === null || ids.some((id) => !loadedIds.includes(id)),
);
