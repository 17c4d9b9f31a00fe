import { TaskSummary } from '../../core/api/models';
import { TASK_PALETTE, slotLook } from '../../shared/task-colors';
import { CompareApiActions, CompareLiveActions, ComparePageActions, ComparePreferencesActions } from './compare.actions';
import {
  compareFeature,
  initialCompareState,
  selectComparedTasks,
  selectExistingTaskIds,
  selectIdsProblem,
  selectMissingTaskIds,
  selectNothingToShow,
  selectShownTaskIds,
} from './compare.feature';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
const task = (id: string, name: string): TaskSummary => ({ id, name, status: 'completed', type: 'training' });

describe('compare feature', () => {
  const reducer = compareFeature.reducer;

  it('stores loaded headers and which ids were asked for', () => {
    const state = reducer(initialCompareState, CompareApiActions.taskHeadersLoaded({ requestedIds: [A, B], tasks: [task(A, 'x')] }));
    expect(state.tasksById[A].name).toBe('x');
    expect(state.loadedIds).toEqual([A, B]);
  });

  it('keeps the error message of a failed load until a retry', () => {
    let state = reducer(initialCompareState, CompareApiActions.taskHeadersLoadFailed({ requestedIds: [A], message: 'down' }));
    expect(state.error).toBe('down');
    state = reducer(state, ComparePageActions.retryClicked());
    expect(state.error).toBeNull();
  });

  it('lists compared tasks in URL order, base first, with colours and told-apart names', () => {
    const tasks = selectComparedTasks.projector([B, A], [], { [A]: task(A, 'same'), [B]: task(B, 'same') }, {}, [0, 1]);
    expect(tasks.map((t) => t.id)).toEqual([B, A]);
    expect(tasks.map((t) => t.isBase)).toEqual([true, false]);
    expect(tasks.map((t) => t.color)).toEqual([TASK_PALETTE[0], TASK_PALETTE[1]]);
    expect(tasks[0].displayName).toBe('same · bbbbb');
  });

  it('shows a task that is not loaded yet by its id', () => {
    const [only] = selectComparedTasks.projector([A], [], {}, {}, [0]);
    expect(only.task).toBeNull();
    expect(only.displayName).toBe(A);
  });

  it('reports ids the server did not return, once loaded', () => {
    expect(selectMissingTaskIds.projector([A, B], null, {})).toEqual([]);
    expect(selectMissingTaskIds.projector([A, B], [A, B], { [A]: task(A, 'x') })).toEqual([B]);
  });

  it('explains a URL with too many, bad or no ids', () => {
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
    expect(selectIdsProblem.projector({ ids: many, invalid: [] })).toContain('up to 100');
    expect(selectIdsProblem.projector({ ids: [A], invalid: ['zzz'] })).toContain('zzz');
    expect(selectIdsProblem.projector({ ids: [], invalid: [] })).toContain('No tasks');
    expect(selectIdsProblem.projector({ ids: [A, B], invalid: [] })).toBeNull();
  });

  it('names unreadable entries as text, shortened, and says when nothing is left to compare', () => {
    const script = '<script>alert(1)</script>';
    expect(selectIdsProblem.projector({ ids: [A], invalid: [script] })).toBe(
      `This link holds an unreadable task id: "${script}". It is left out.`,
    );
    const long = selectIdsProblem.projector({ ids: [], invalid: ['x'.repeat(2000), 'hello world'] })!;
    expect(long).toContain('2 unreadable task ids');
    expect(long).toContain(`"${'x'.repeat(63)}…", "hello world"`);
    expect(long).toContain('No tasks to compare');
    const many = selectIdsProblem.projector({ ids: [A], invalid: Array.from({ length: 12 }, (_, i) => `bad${i}`) })!;
    expect(many).toContain('"bad9" and 2 more');
    expect(many).not.toContain('bad10');
  });

  it('lets the tabs ask only for the tasks the task list found, once it answered for all of them', () => {
    const found = { [A]: task(A, 'x') };
    expect(selectExistingTaskIds.projector([A, B], null, {}, null)).toBeNull();
    // An id added since the last answer waits for the next one.
    expect(selectExistingTaskIds.projector([A, B], [A], found, null)).toBeNull();
    expect(selectExistingTaskIds.projector([B, A], [A, B], found, null)).toEqual([A]);
    expect(selectExistingTaskIds.projector([A], [A, B], found, null)).toEqual([A]);
    // Without the list every id is tried: each tab says what failed.
    expect(selectExistingTaskIds.projector([A, B], null, {}, 'down')).toEqual([A, B]);
  });

  it('leaves tasks the list did not find out of the tabs, each other task keeping its look', () => {
    const tasks = selectComparedTasks.projector([A, B, C], [B], { [A]: task(A, 'a'), [C]: task(C, 'c') }, {}, [0, 1, 2]);
    expect(tasks.map((t) => t.id)).toEqual([A, C]);
    expect(tasks.map((t) => t.color)).toEqual([TASK_PALETTE[0], TASK_PALETTE[2]]);
    // A base task that was not found leaves the first task shown as the base.
    const noBase = selectComparedTasks.projector([B, A, C], [B], { [A]: task(A, 'a'), [C]: task(C, 'c') }, {}, [0, 1, 2]);
    expect(noBase.map((t) => t.isBase)).toEqual([true, false]);
    const ids = [A, B];
    expect(selectShownTaskIds.projector(ids, [])).toBe(ids);
    expect(selectShownTaskIds.projector(ids, [A])).toEqual([B]);
  });

  it('says when the tabs have nothing to load', () => {
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
    expect(selectNothingToShow.projector([], null)).toBe('no-ids');
    expect(selectNothingToShow.projector(many, null)).toBe('too-many');
    expect(selectNothingToShow.projector([A, B], [])).toBe('none-found');
    expect(selectNothingToShow.projector([A, B], null)).toBeNull();
    expect(selectNothingToShow.projector([A, B], [A])).toBeNull();
  });

  it('uses a colour the person picked instead of the derived one, until reset', () => {
    let state = reducer(initialCompareState, ComparePreferencesActions.taskColorsRestored({ colors: { [A]: '#123456' } }));
    state = reducer(state, ComparePageActions.taskColorChanged({ taskId: B, color: '#abcdef' }));
    const tasks = selectComparedTasks.projector([A, B], [], {}, state.taskColors, [0, 1]);
    expect(tasks.map((t) => t.color)).toEqual(['#123456', '#abcdef']);
    state = reducer(state, ComparePageActions.taskColorChanged({ taskId: A, color: null }));
    expect(selectComparedTasks.projector([A], [], {}, state.taskColors, [4])[0].color).toBe(TASK_PALETTE[4]);
  });

  it('draws each task in the look of its slot: the colour, and past the palette a dash and a marker', () => {
    const tasks = selectComparedTasks.projector([A, B], [], {}, {}, [3, 20 + 3]);
    expect(tasks[0].color).toBe(tasks[1].color);
    expect(tasks.map((t) => t.dash)).toEqual(['solid', slotLook(23).dash]);
    expect(tasks[1].dash).not.toBe('solid');
    expect(tasks[0].symbol).not.toBe(tasks[1].symbol);
  });

  it('bumps the data revision only when a check finds moved change marks, and keeps the headers current', () => {
    const running = { ...task(A, 'x'), status: 'in_progress' as const, last_update: 't1', last_change: 'c1' };
    let state = reducer(initialCompareState, CompareApiActions.taskHeadersLoaded({ requestedIds: [A], tasks: [running] }));
    const marks = { id: A, status: 'in_progress', last_update: 't1', last_change: 'c1' };
    const same = reducer(state, CompareLiveActions.changesChecked({ taskIds: [A], tasks: [marks] }));
    expect(same).toBe(state);
    state = reducer(state, CompareLiveActions.changesChecked({ taskIds: [A], tasks: [{ ...marks, last_update: 't2' }] }));
    expect(state.dataRevision).toBe(1);
    state = reducer(
      state,
      CompareLiveActions.changesChecked({ taskIds: [A], tasks: [{ ...marks, last_update: 't2', status: 'completed' }] }),
    );
    expect(state.dataRevision).toBe(2);
    expect(state.tasksById[A].status).toBe('completed');
    expect(state.tasksById[A].name).toBe('x');
  });

  it('names the tasks whose marks moved at each revision', () => {
    const marks = (id: string, last_update: string) => ({ id, status: 'in_progress', last_update, last_change: 'c' });
    const running = (id: string) => ({ ...task(id, id), status: 'in_progress' as const, last_update: 't1', last_change: 'c' });
    let state = reducer(
      initialCompareState,
      CompareApiActions.taskHeadersLoaded({ requestedIds: [A, B], tasks: [running(A), running(B)] }),
    );
    state = reducer(state, CompareLiveActions.changesChecked({ taskIds: [A, B], tasks: [marks(A, 't1'), marks(B, 't2')] }));
    expect(state.changedTaskIds).toEqual([B]);
    state = reducer(state, CompareLiveActions.changesChecked({ taskIds: [A, B], tasks: [marks(A, 't3'), marks(B, 't3')] }));
    expect(state.changedTaskIds).toEqual([A, B]);
    expect(state.dataRevision).toBe(2);
  });

  it('a task the check no longer finds (deleted meanwhile) is missing: the views reload without it', () => {
    const marks = (id: string) => ({ id, status: 'in_progress', last_update: 't1', last_change: 'c' });
    const running = (id: string) => ({ ...task(id, id), ...marks(id), status: 'in_progress' as const });
    let state = reducer(
      initialCompareState,
      CompareApiActions.taskHeadersLoaded({ requestedIds: [A, B], tasks: [running(A), running(B)] }),
    );
    state = reducer(state, CompareLiveActions.changesChecked({ taskIds: [A, B], tasks: [marks(A), marks(B)] }));
    state = reducer(state, CompareLiveActions.changesChecked({ taskIds: [A, B], tasks: [marks(A)] }));
    expect(selectMissingTaskIds.projector([A, B], state.loadedIds, state.tasksById)).toEqual([B]);
    expect(selectExistingTaskIds.projector([A, B], state.loadedIds, state.tasksById, state.error)).toEqual([A]);
    expect(state.dataRevision).toBe(1);
  });

  it('takes the first check as the baseline when the headers never came', () => {
    const state = reducer(initialCompareState, CompareLiveActions.changesChecked({ taskIds: [A], tasks: [{ id: A, status: 'queued' }] }));
    expect(state.dataRevision).toBe(0);
    expect(state.changeStamp).not.toBeNull();
  });
});
