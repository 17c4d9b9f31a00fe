import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Task } from '../../core/api/models';
import { selectOptions } from '../../url/view-options';
import { selectComparedTaskIds, selectComparedTasks } from '../compare/compare.feature';
import { RemoteData, initialRemoteData, remoteLoadFailed, remoteLoadStarted, remoteLoaded, sameTaskSet } from '../compare/remote-data';
import { GROUP_OPTIONS } from './group-options';
import { GroupParamsApiActions } from './groups.actions';
import { GroupedTaskInput, TaskGroup, differingGroupParams, groupTasks, isSeedLike } from './groups';

/** The task fields grouping reads. */
export const GROUP_TASK_FIELDS = ['id', 'hyperparams'];

export type GroupParamsState = RemoteData<Task[]>;

export const groupParamsFeature = createFeature({
  name: 'groupParams',
  reducer: createReducer<GroupParamsState>(
    initialRemoteData,
    on(GroupParamsApiActions.loadStarted, (state, { taskIds }): GroupParamsState => remoteLoadStarted(state, taskIds)),
    on(GroupParamsApiActions.loaded, (state, { taskIds, value }): GroupParamsState => remoteLoaded(state, taskIds, value)),
    on(GroupParamsApiActions.loadFailed, (state, { taskIds, message }): GroupParamsState => remoteLoadFailed(state, taskIds, message)),
  ),
});

/** The grouping chosen in the URL (`groupby`, `gparams`, `gignore`). */
export const selectGroupOptions = selectOptions(GROUP_OPTIONS);

/** The compared tasks' hyperparameters in comparison order, or null until they are loaded for this set of tasks. */
export const selectGroupParamTasks = createSelector(
  selectComparedTaskIds,
  groupParamsFeature.selectTaskIds,
  groupParamsFeature.selectValue,
  (ids, loadedIds, value): GroupedTaskInput[] | null => {
    if (!value || !loadedIds || !sameTaskSet(ids, loadedIds)) return null;
    const byId = new Map(value.map((task) => [task.id, task]));
    return ids.map((id) => byId.get(id) ?? { id });
  },
);

/** A group of compared tasks as views draw it: its first task's colour, and its size. */
export interface ComparedGroup extends TaskGroup {
  color: string;
  size: number;
}

/**
 * The compared tasks' groups (the base group first), or null when nothing is grouped: grouping is
 * `none`, or the tasks' parameters are not loaded yet (views then show tasks one by one).
 */
export const selectTaskGroups = createSelector(
  selectGroupParamTasks,
  selectGroupOptions,
  selectComparedTasks,
  (tasks, options, compared): ComparedGroup[] | null => {
    if (!tasks) return null;
    const groups = groupTasks(tasks, options);
    if (!groups) return null;
    const colors = new Map(compared.map((task) => [task.id, task.color]));
    return groups.map((group) => ({ ...group, color: colors.get(group.taskIds[0]) ?? '', size: group.taskIds.length }));
  },
);

/** The parameters the Group by control offers: those whose values differ between the tasks, seed-like ones marked. */
export const selectGroupChoices = createSelector(selectGroupParamTasks, (tasks) =>
  tasks ? differingGroupParams(tasks).map((param) => ({ ...param, seedLike: isSeedLike(param.name) })) : null,
);

/** Whether the grouping waits for the tasks' parameters (a grouping is chosen and they are loading or failed). */
export const selectGroupParamsStatus = createSelector(
  selectGroupOptions,
  selectGroupParamTasks,
  groupParamsFeature.selectError,
  ({ mode }, tasks, error) => ({
    active: mode !== 'none',
    pending: mode !== 'none' && !tasks && !error,
    error: mode !== 'none' ? error : null,
  }),
);
