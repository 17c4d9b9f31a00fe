import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { TaskSummary } from '../../core/api/models';
import { selectRouteParams, selectUrlSegments } from '../../url/router-state';
import { TaskDash, TaskSymbol, assignSlots, displayNames, parseSlots, slotLook } from '../../shared/task-colors';
import { PAGE_OPTIONS } from '../../url/page-options';
import { selectOptions } from '../../url/view-options';
import { COMPARE_ROOTS, MAX_COMPARED_TASKS, compareViewFromSegments, parseIds } from '../../url/compare-url';
import { changeStamp, livePoll, refreshIntervalMs } from './live-updates';
import { CompareApiActions, CompareLiveActions, ComparePageActions, ComparePreferencesActions } from './compare.actions';

export interface CompareState {
  tasksById: Record<string, TaskSummary>;
  /** The ids whose headers were last asked for, once the answer came. */
  loadedIds: string[] | null;
  error: string | null;
  /** Colours a person picked for tasks, instead of the colour derived from the id. */
  taskColors: Record<string, string>;
  /** The compared tasks' change marks when last seen (`changeStamp`), null before the first answer. */
  changeStamp: string | null;
  /** Goes up by one each time a check finds that a compared task changed: tabs refetch what they show. */
  dataRevision: number;
  /** The tasks whose change marks moved at the last revision (views holding whole tasks refetch only these). */
  changedTaskIds: string[];
}

export const initialCompareState: CompareState = {
  tasksById: {},
  loadedIds: null,
  error: null,
  taskColors: {},
  changeStamp: null,
  dataRevision: 0,
  changedTaskIds: [],
};

/** A compared task as every tab shows it: in comparison order, with its colour and display name. */
export interface ComparedTask {
  id: string;
  isBase: boolean;
  color: string;
  /** Past the palette's twenty colours, tasks are told apart by line dash and marker too (absent: solid, no marker). */
  dash?: TaskDash;
  symbol?: TaskSymbol;
  displayName: string;
  task: TaskSummary | null;
}

export const compareFeature = createFeature({
  name: 'compare',
  reducer: createReducer(
    initialCompareState,
    on(ComparePageActions.retryClicked, (state): CompareState => ({ ...state, error: null })),
    on(CompareApiActions.taskHeadersLoaded, (state, { requestedIds, tasks }): CompareState => ({
      ...state,
      tasksById: { ...state.tasksById, ...Object.fromEntries(tasks.map((task) => [task.id, task])) },
      loadedIds: requestedIds,
      error: null,
      changeStamp: changeStamp(tasks),
    })),
    on(CompareLiveActions.changesChecked, (state, { tasks }): CompareState => {
      const stamp = changeStamp(tasks);
      // Nothing moved: the same state, so no selector and no chart recomputes.
      if (stamp === state.changeStamp) return state;
      const changed = state.changeStamp !== null;
      const tasksById = { ...state.tasksById };
      const changedTaskIds: string[] = [];
      for (const marks of tasks) {
        const known = tasksById[marks.id];
        if (!known) continue;
        if (changeStamp([known]) !== changeStamp([marks])) changedTaskIds.push(marks.id);
        tasksById[marks.id] = { ...known, ...marks } as TaskSummary;
      }
      return changed
        ? { ...state, tasksById, changeStamp: stamp, dataRevision: state.dataRevision + 1, changedTaskIds }
        : { ...state, tasksById, changeStamp: stamp };
    }),
    on(CompareApiActions.taskHeadersLoadFailed, (state, { message }): CompareState => ({ ...state, error: message })),
    on(ComparePreferencesActions.taskColorsRestored, (state, { colors }): CompareState => ({ ...state, taskColors: colors })),
    on(ComparePageActions.taskColorChanged, (state, { taskId, color }): CompareState => {
      const taskColors = { ...state.taskColors };
      if (color) taskColors[taskId] = color;
      else delete taskColors[taskId];
      return { ...state, taskColors };
    }),
  ),
});

export const selectOnComparePage = createSelector(selectUrlSegments, (segments) => COMPARE_ROOTS.includes(segments[0]));
/** An `/embed;ids=.../<view>` URL: one visualization alone, for an iframe. */
export const selectEmbedded = createSelector(selectUrlSegments, (segments) => segments[0] === 'embed');
export const selectCompareView = createSelector(selectUrlSegments, compareViewFromSegments);
export const selectCompareTab = createSelector(selectCompareView, (view) => view.split('/')[0] ?? '');
const selectParsedIds = createSelector(selectRouteParams, selectOnComparePage, (params, onPage) =>
  onPage ? parseIds(params['ids']) : { ids: [], invalid: [] },
);
export const selectComparedTaskIds = createSelector(selectParsedIds, (parsed) => parsed.ids);
/** Each compared task's colour slot (in `ids` order): from the URL's `slots`, else 0, 1, 2… */
export const selectTaskSlots = createSelector(selectComparedTaskIds, selectRouteParams, (ids, params) =>
  assignSlots(ids, parseSlots(params['slots'])),
);

/** Whether the ids in the URL can be loaded at all. */
export const selectIdsProblem = createSelector(selectParsedIds, ({ ids, invalid }) => {
  if (ids.length > MAX_COMPARED_TASKS) {
    return `This link compares ${ids.length} tasks; up to ${MAX_COMPARED_TASKS} can be compared at once. Remove some tasks from the comparison.`;
  }
  if (invalid.length) {
    return `The link holds ${invalid.length === 1 ? 'an entry that is not a task id' : 'entries that are not task ids'}: ${invalid.join(', ')}. They are left out.`;
  }
  if (!ids.length) return 'No tasks to compare. Select tasks in the task table and press COMPARE.';
  return null;
});

export const selectMissingTaskIds = createSelector(
  selectComparedTaskIds,
  compareFeature.selectLoadedIds,
  compareFeature.selectTasksById,
  (ids, loadedIds, tasksById) => (loadedIds === null ? [] : ids.filter((id) => loadedIds.includes(id) && !tasksById[id])),
);

export const selectComparedTasks = createSelector(
  selectComparedTaskIds,
  compareFeature.selectTasksById,
  compareFeature.selectTaskColors,
  selectTaskSlots,
  (ids, tasksById, taskColors, slots): ComparedTask[] => {
    const names = displayNames(ids.map((id) => ({ id, name: tasksById[id]?.name ?? id })));
    const taskSlots = slots.length === ids.length ? slots : assignSlots(ids);
    return ids.map((id, index) => {
      const look = slotLook(taskSlots[index]);
      return {
        id,
        isBase: index === 0,
        color: taskColors[id] ?? look.color,
        dash: look.dash,
        symbol: look.symbol,
        displayName: names.get(id) ?? id,
        task: tasksById[id] ?? null,
      };
    });
  },
);

/** Auto-refresh is on unless `live=off`; `refresh` sets the seconds between checks (default 10). */
export const selectLiveSettings = createSelector(selectOptions(PAGE_OPTIONS), ({ live, refresh }) => ({
  enabled: live,
  intervalMs: refreshIntervalMs(refresh),
}));

/** Whether some compared task is queued or running (its comparison is kept current). */
export const selectLivePoll = createSelector(
  selectComparedTaskIds,
  compareFeature.selectTasksById,
  selectLiveSettings,
  (ids, tasksById, { enabled, intervalMs }) =>
    livePoll(
      ids,
      ids.map((id) => tasksById[id]?.status),
      enabled,
      intervalMs,
      MAX_COMPARED_TASKS,
    ),
);
export const selectAnyTaskRunning = createSelector(selectComparedTaskIds, compareFeature.selectTasksById, (ids, tasksById) =>
  ids.some((id) => ['queued', 'in_progress'].includes(tasksById[id]?.status ?? '')),
);
