import { createFeature, createReducer, createSelector, createSelectorFactory, on, resultMemoize } from '@ngrx/store';
import { Task } from '../../../core/api/models';
import { selectComparedTasks, selectExistingTaskIds, selectShownTaskIds } from '../../../state/compare/compare.feature';
import {
  RemoteData,
  initialRemoteData,
  remoteLoadFailed,
  remoteLoadStarted,
  remoteLoaded,
  sameTaskSet,
} from '../../../state/compare/remote-data';
import { HyperparametersApiActions } from './hyperparameters.actions';

/** The tasks' fields every Hyperparameters view reads: one request serves Values, parallel coordinates and scatter. */
export const HYPERPARAMETER_TASK_FIELDS = ['id', 'name', 'status', 'hyperparams', 'last_metrics'];

/** Any Hyperparameters view (Values, parallel coordinates, scatter) shows these tasks' parameters. */
export const showsHyperparameters = (view: string) => view.split('/')[0] === 'hyper-params';

export type HyperparametersState = RemoteData<Task[]>;

export const hyperparametersFeature = createFeature({
  name: 'comparedHyperparameters',
  reducer: createReducer<HyperparametersState>(
    initialRemoteData,
    on(HyperparametersApiActions.loadStarted, (state, { taskIds }): HyperparametersState => remoteLoadStarted(state, taskIds)),
    on(HyperparametersApiActions.loaded, (state, { taskIds, value }): HyperparametersState => remoteLoaded(state, taskIds, value)),
    on(HyperparametersApiActions.loadFailed, (state, { taskIds, message }): HyperparametersState =>
      remoteLoadFailed(state, taskIds, message),
    ),
  ),
});

const selectTasksById = createSelector(hyperparametersFeature.selectValue, (tasks) => new Map((tasks ?? []).map((t) => [t.id, t])));

const sameElements = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((item, i) => item === b[i]) : a === b;

/**
 * The compared tasks' loaded fields in comparison order (base first), null for a task not loaded.
 * The same array while the tasks are the same: a view option written to the URL gives new compared
 * ids, and the Values comparison must not be built again for it.
 */
export const selectHyperparameterFullTasks = createSelectorFactory<object, (Task | null)[]>((projector) =>
  resultMemoize(projector, sameElements),
)(selectShownTaskIds, selectTasksById, (ids: string[], byId: Map<string, Task>): (Task | null)[] => ids.map((id) => byId.get(id) ?? null));

/** The compared tasks with their colours and names and their loaded fields, in comparison order; tasks not loaded are left out. */
export const selectHyperparameterTasks = createSelector(selectComparedTasks, selectTasksById, (compared, byId) =>
  compared.flatMap((c) => {
    const full = byId.get(c.id);
    return full ? [{ ...c, full }] : [];
  }),
);

/** True until the compared set of tasks is answered (and while a load of it runs). */
export const selectHyperparametersPending = createSelector(
  selectExistingTaskIds,
  hyperparametersFeature.selectTaskIds,
  hyperparametersFeature.selectValue,
  hyperparametersFeature.selectLoading,
  (ids, loadedIds, value, loading) => loading || value === null || ids === null || !sameTaskSet(ids, loadedIds),
);
