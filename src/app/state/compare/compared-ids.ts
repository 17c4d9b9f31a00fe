import { MAX_COMPARED_TASKS, moveTask, withBaseTask } from '../../url/compare-url';
import { ComparePageActions } from './compare.actions';

type IdsAction =
  | ReturnType<typeof ComparePageActions.taskRemoved>
  | ReturnType<typeof ComparePageActions.baseTaskSet>
  | ReturnType<typeof ComparePageActions.taskMoved>
  | ReturnType<typeof ComparePageActions.tasksApplied>
  | ReturnType<typeof ComparePageActions.missingTasksRemoved>
  | ReturnType<typeof ComparePageActions.firstTasksKept>
  | ReturnType<typeof ComparePageActions.unreadableIdsRemoved>;

/** The comparison's ids after a change of the set or order of tasks. */
export function nextComparedIds(action: IdsAction, ids: string[], missingIds: string[]): string[] {
  switch (action.type) {
    case ComparePageActions.taskRemoved.type:
      return ids.filter((id) => id !== action.taskId);
    case ComparePageActions.baseTaskSet.type:
      return withBaseTask(ids, action.taskId);
    case ComparePageActions.taskMoved.type:
      return moveTask(ids, action.from, action.to);
    case ComparePageActions.tasksApplied.type:
      return [...ids.filter((id) => action.taskIds.includes(id)), ...action.taskIds.filter((id) => !ids.includes(id))];
    case ComparePageActions.missingTasksRemoved.type:
      return ids.filter((id) => !missingIds.includes(id));
    case ComparePageActions.firstTasksKept.type:
      return ids.slice(0, MAX_COMPARED_TASKS);
    case ComparePageActions.unreadableIdsRemoved.type:
      // The ids stay; the link is written again with them alone.
      return [...ids];
  }
}
