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
    on(CompareLiveActions.changesChecked, (state, { taskIds, tasks }): CompareState => {
      const stamp = changeStamp(tasks);
      // Nothing moved: the same state, so no selector and no chart recomputes.
      if (stamp === state.changeStamp) return state;
      const changed = state.changeStamp !== null;
      const tasksById = { ...state.tasksById };
      // A task the check asked for and did not get was deleted meanwhile: it is missing from now on
      // (the page says so), and the views reload without it rather than asking the server for it.
      const found = new Set(tasks.map((t) => t.id));
      for (const id of taskIds) if (!found.has(id)) delete tasksById[id];
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

/** The entries of the URL's `ids` that are not task ids (left out of the comparison). */
export const selectUnreadableIds = createSelector(selectParsedIds, (parsed) => parsed.invalid);

/** How many entries a message lists, and how long each may be: a link can hold anything. */
const SHOWN_ENTRIES = 10;
const SHOWN_ENTRY_LENGTH = 64;

function shownEntries(entries: readonly string[]): string {
  const shown = entries.slice(0, SHOWN_ENTRIES).map((entry) => {
    const short = entry.length > SHOWN_ENTRY_LENGTH ? `${entry.slice(0, SHOWN_ENTRY_LENGTH - 1)}…` : entry;
    return `"${short}"`;
  });
  const more = entries.length > SHOWN_ENTRIES ? ` and ${entries.length - SHOWN_ENTRIES} more` : '';
  return shown.join(', ') + more;
}

/** Whether the ids in the URL can be loaded at all: the message the page shows (as text), or null. */
export const selectIdsProblem = createSelector(selectParsedIds, ({ ids, invalid }) => {
  if (ids.length > MAX_COMPARED_TASKS) {
    return `This link compares ${ids.length} tasks; up to ${MAX_COMPARED_TASKS} can be compared at once.`;
  }
  const unreadable = invalid.length
    ? `This link holds ${invalid.length === 1 ? 'an unreadable task id' : `${invalid.length} unreadable task ids`}: ${shownEntries(invalid)}.`
    : '';
  if (!ids.length) return `${unreadable} No tasks to compare. Select tasks in the task table and press COMPARE.`.trim();
  if (unreadable) return `${unreadable} ${invalid.length === 1 ? 'It is' : 'They are'} left out.`;
  return null;
});

export const selectMissingTaskIds = createSelector(
  selectComparedTaskIds,
  compareFeature.selectLoadedIds,
  compareFeature.selectTasksById,
  (ids, loadedIds, tasksById) => (loadedIds === null ? [] : ids.filter((id) => loadedIds.includes(id) && !tasksById[id])),
);

/** The compared ids that the tabs show: all but the ones the task list did not find (the same array when none is missing). */
export const selectShownTaskIds = createSelector(selectComparedTaskIds, selectMissingTaskIds, (ids, missingIds) =>
  missingIds.length ? ids.filter((id) => !missingIds.includes(id)) : ids,
);

/**
 * The compared ids that the data calls may name, or null until the task list has answered for them.
 * clearml-server refuses a whole call that names one unknown task ("Invalid task id"), so the tabs
 * ask only for the tasks the list found; the banner names the others. When the list itself could
 * not be loaded, every id is tried (each tab then shows its own error).
 */
export const selectExistingTaskIds = createSelector(
  selectComparedTaskIds,
  compareFeature.selectLoadedIds,
  compareFeature.selectTasksById,
  compareFeature.selectError,
  (ids, loadedIds, tasksById, error): string[] | null => {
    if (error !== null) return ids;
    if (loadedIds === null || ids.some((id) => !loadedIds.includes(id))) return null;
    return ids.filter((id) => tasksById[id]);
  },
);

/** The compared tasks that every tab shows: in comparison order, without the ones the task list did not find. */
export const selectComparedTasks = createSelector(
  selectComparedTaskIds,
  selectMissingTaskIds,
  compareFeature.selectTasksById,
  compareFeature.selectTaskColors,
  selectTaskSlots,
  (ids, missingIds, tasksById, taskColors, slots): ComparedTask[] => {
    const names = displayNames(ids.map((id) => ({ id, name: tasksById[id]?.name ?? id })));
    const taskSlots = slots.length === ids.length ? slots : assignSlots(ids);
    // Each task keeps the look of its place in the link, so leaving a missing task out changes no colour.
    const baseId = ids.find((id) => !missingIds.includes(id));
    return ids.flatMap((id, index) => {
      if (missingIds.includes(id)) return [];
      const look = slotLook(taskSlots[index]);
      return {
        id,
        isBase: id === baseId,
        color: taskColors[id] ?? look.color,
        dash: look.dash,
        symbol: look.symbol,
        displayName: names.get(id) ?? id,
        task: tasksById[id] ?? null,
      };
    });
  },
);

/** Why the tabs have nothing to show for this link (they are left out, so nothing waits forever), or null. */
export const selectNothingToShow = createSelector(
  selectComparedTaskIds,
  selectExistingTaskIds,
  (ids, existing): 'no-ids' | 'too-many' | 'none-found' | null => {
    if (!ids.length) return 'no-ids';
    if (ids.length > MAX_COMPARED_TASKS) return 'too-many';
    return existing !== null && !existing.length ? 'none-found' : null;
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
