import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Task } from '../../../core/api/models';
import { selectComparedTaskIds } from '../../state/compare.feature';
import { TaskDetailsApiActions, TaskDetailsPageActions } from './task-details.actions';

/**
 * The compared tasks as the Details and Hyperparameters → Values views read them: their fields
 * first (`tasksById`), their long texts (`TEXT_FIELDS`) apart (`textsById`), fetched when the
 * Details tab asks for them, so a chunk of texts arriving leaves the tasks' fields untouched.
 */
export interface TaskDetailsState {
  tasksById: Record<string, Task>;
  /** The ids of the last answered request. */
  loadedIds: string[] | null;
  loading: boolean;
  error: string | null;
  /** The long texts by task (a `TEXT_FIELDS` answer, or a whole task), and tasks whose texts are being fetched. */
  textsById: Record<string, Task>;
  textsLoading: string[];
  textsError: string | null;
}

export const initialTaskDetailsState: TaskDetailsState = {
  tasksById: {}, loadedIds: null, loading: false, error: null, textsById: {}, textsLoading: [], textsError: null,
};

const without = (ids: string[], gone: readonly string[]) => ids.filter((id) => !gone.includes(id));
const byId = (tasks: readonly Task[]) => Object.fromEntries(tasks.map((task) => [task.id, task]));

export const taskDetailsFeature = createFeature({
  name: 'comparedTaskDetails',
  reducer: createReducer(
    initialTaskDetailsState,
    on(TaskDetailsPageActions.retryClicked, (state) => ({ ...state, loading: true, error: null })),
    // Texts already fetched stay for the tasks still compared: a new set refetches fields, not texts.
    on(TaskDetailsApiActions.taskDetailsLoaded, (state, { requestedIds, tasks }) => ({
      ...state,
      tasksById: byId(tasks),
      textsById: byId(tasks.filter((task) => state.textsById[task.id]).map((task) => state.textsById[task.id])),
      loadedIds: requestedIds,
      loading: false,
      error: null,
    })),
    on(TaskDetailsApiActions.taskDetailsRefreshed, (state, { tasks }) =>
      tasks.length ? { ...state, tasksById: { ...state.tasksById, ...byId(tasks) }, textsById: { ...state.textsById, ...byId(tasks) } } : state,
    ),
    on(TaskDetailsApiActions.taskDetailsLoadFailed, (state, { message }) => ({ ...state, loading: false, error: message })),
    on(TaskDetailsPageActions.textsWanted, (state, { ids }) => ({
      ...state,
      textsLoading: [...without(state.textsLoading, ids), ...ids],
      textsError: null,
    })),
    on(TaskDetailsApiActions.taskTextsLoaded, (state, { ids, tasks }) => {
      const answered = byId(tasks);
      // A task the server did not return has no texts to wait for.
      const done = ids.filter((id) => state.tasksById[id]);
      return {
        ...state,
        textsById: { ...state.textsById, ...Object.fromEntries(done.map((id) => [id, answered[id] ?? ({ id } as Task)])) },
        textsLoading: without(state.textsLoading, ids),
      };
    }),
    on(TaskDetailsApiActions.taskTextsLoadFailed, (state, { ids, message }) => ({
      ...state,
      textsLoading: without(state.textsLoading, ids),
      textsError: message,
    })),
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

/** The long texts of the compared tasks, in comparison order; null where not fetched. */
export const selectComparedTexts = createSelector(
  selectComparedTaskIds,
  taskDetailsFeature.selectTextsById,
  (ids, textsById): (Task | null)[] => ids.map((id) => textsById[id] ?? null),
);

/** Long texts still to come, for the compared tasks that are loaded: `waiting` ids, of which `unasked` are not asked for yet. */
export const selectTextsToCome = createSelector(
  selectComparedTaskIds,
  taskDetailsFeature.selectTasksById,
  taskDetailsFeature.selectTextsById,
  taskDetailsFeature.selectTextsLoading,
  (ids, tasksById, textsById, loading) => {
    const waiting = ids.filter((id) => tasksById[id] && !textsById[id]);
    return { waiting, unasked: waiting.filter((id) => !loading.includes(id)), total: ids.filter((id) => tasksById[id]).length };
  },
);
