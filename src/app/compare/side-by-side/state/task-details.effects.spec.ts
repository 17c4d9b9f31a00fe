import { Actions } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Observable, Subject, of, throwError } from 'rxjs';
import { Task } from '../../../core/api/models';
import { TasksApi } from '../../../core/api/tasks-api';
import { compareFeature } from '../../state/compare.feature';
import { TaskDetailsApiActions, TaskDetailsPageActions } from './task-details.actions';
import { DETAILS_CHUNK, DETAIL_FIELDS, TEXT_FIELDS } from './task-details-chunks';
import { loadTaskDetails, loadTaskTexts, refreshChangedTaskDetails } from './task-details.effects';
import { selectTextsToCome, taskDetailsFeature } from './task-details.feature';

describe('refreshChangedTaskDetails', () => {
  const task = (id: string) => ({ id, name: id, status: 'in_progress', type: 'training' }) as Task;

  function setUp(getByIds: jasmine.Spy) {
    const revision = new BehaviorSubject(3);
    const changed = new BehaviorSubject<string[]>(['a']);
    const loaded = new BehaviorSubject<string[] | null>(['a', 'b']);
    const store = {
      select: (selector: unknown): Observable<unknown> =>
        selector === compareFeature.selectDataRevision ? revision
          : selector === compareFeature.selectChangedTaskIds ? changed
            : selector === taskDetailsFeature.selectLoadedIds ? loaded
              : of(null),
    } as unknown as Store;
    const emitted: unknown[] = [];
    const sub = refreshChangedTaskDetails(store, { getByIds } as unknown as TasksApi).subscribe((action) => emitted.push(action));
    return { revision, changed, loaded, emitted, sub };
  }

  it('refetches only the shown tasks that changed, when the revision moves', () => {
    const getByIds = jasmine.createSpy('getByIds').and.callFake((ids: string[]) => of({ tasks: ids.map(task) }));
    const { revision, changed, emitted, sub } = setUp(getByIds);
    expect(getByIds).not.toHaveBeenCalled(); // the revision the view opened at is already shown
    revision.next(4);
    expect(getByIds).toHaveBeenCalledOnceWith(['a']);
    expect(emitted).toEqual([TaskDetailsApiActions.taskDetailsRefreshed({ tasks: [task('a')] })]);
    changed.next(['c']); // not in the view
    revision.next(5);
    expect(getByIds).toHaveBeenCalledTimes(1);
    sub.unsubscribe();
  });

  it('keeps what is shown when a refresh fails, and tries again at the next change', () => {
    const getByIds = jasmine.createSpy('getByIds').and.returnValues(throwError(() => new Error('down')), of({ tasks: [task('a')] }));
    const { revision, emitted, sub } = setUp(getByIds);
    revision.next(4);
    expect(emitted).toEqual([]);
    revision.next(5);
    expect(emitted).toEqual([TaskDetailsApiActions.taskDetailsRefreshed({ tasks: [task('a')] })]);
    sub.unsubscribe();
  });
});

describe('taskDetailsFeature reducer', () => {
  it('merges refreshed tasks into the loaded ones', () => {
    const { reducer } = taskDetailsFeature;
    const a = { id: 'a', name: 'a', status: 'in_progress', type: 'training', last_iteration: 1 } as Task;
    const b = { id: 'b', name: 'b', status: 'completed', type: 'training' } as Task;
    let state = reducer(undefined, TaskDetailsApiActions.taskDetailsLoaded({ requestedIds: ['a', 'b'], tasks: [a, b] }));
    state = reducer(state, TaskDetailsApiActions.taskDetailsRefreshed({ tasks: [{ ...a, last_iteration: 7 }] }));
    expect(state.tasksById['a'].last_iteration).toBe(7);
    expect(state.tasksById['b']).toBe(b);
    expect(state.loadedIds).toEqual(['a', 'b']);
  });
});

describe('long texts of the compared tasks', () => {
  const { reducer } = taskDetailsFeature;
  const light = (id: string) => ({ id, name: id, status: 'completed', type: 'training', script: { branch: 'main' } }) as Task;
  const texts = (id: string) => ({ id, script: { diff: `+${id}`, requirements: { pip: 'numpy' } } }) as Task;

  it('merges each chunk as it comes, keeps fetched texts when the set is reloaded, and records a failure', () => {
    let state = reducer(undefined, TaskDetailsApiActions.taskDetailsLoaded({ requestedIds: ['a', 'b', 'c'], tasks: [light('a'), light('b')] }));
    state = reducer(state, TaskDetailsPageActions.textsWanted({ ids: ['a', 'b'] }));
    expect(state.textsLoading).toEqual(['a', 'b']);
    state = reducer(state, TaskDetailsApiActions.taskTextsLoaded({ ids: ['a'], tasks: [texts('a')] }));
    expect(state.textsById['a']).toEqual(texts('a'));
    expect(state.tasksById['a']).toEqual(light('a'));
    expect(state.textsLoading).toEqual(['b']);
    state = reducer(state, TaskDetailsApiActions.taskTextsLoadFailed({ ids: ['b'], message: 'down' }));
    expect(state.textsLoading).toEqual([]);
    expect(state.textsError).toBe('down');
    expect(state.textsById['b']).toBeUndefined();

    state = reducer(state, TaskDetailsApiActions.taskTextsLoaded({ ids: ['c'], tasks: [] })); // not a loaded task
    expect(state.textsById['c']).toBeUndefined();
    state = reducer(state, TaskDetailsApiActions.taskDetailsLoaded({ requestedIds: ['a', 'b'], tasks: [{ ...light('a'), name: 'renamed' }, light('b')] }));
    expect(state.tasksById['a'].name).toBe('renamed');
    expect(Object.keys(state.textsById)).toEqual(['a']);
    state = reducer(state, TaskDetailsApiActions.taskDetailsLoaded({ requestedIds: ['b'], tasks: [light('b')] }));
    expect(state.textsById).toEqual({});
    state = reducer(state, TaskDetailsPageActions.textsWanted({ ids: ['b'] }));
    expect(state.textsError).toBeNull();
  });

  it('counts what is still to come and what is not asked for yet, for the compared tasks the server returned', () => {
    const tasksById = { a: light('a'), b: light('b'), c: light('c') };
    expect(selectTextsToCome.projector(['a', 'b', 'c', 'gone'], tasksById, { a: texts('a') }, ['b'])).toEqual({
      waiting: ['b', 'c'],
      unasked: ['c'],
      total: 3,
    });
  });

  it('asks for the fields in one request, and for the texts in chunks with only the text fields', () => {
    const actions = new Subject<Action>();
    const getByIds = jasmine.createSpy('getByIds').and.callFake((ids: string[]) =>
      ids.includes('k') ? throwError(() => new Error('down')) : of({ tasks: ids.map(texts) }));
    const emitted: Action[] = [];
    const sub = loadTaskTexts(actions as unknown as Actions, { getByIds } as unknown as TasksApi).subscribe((a) => emitted.push(a));
    const ids = 'abcdefghijk'.split('');
    actions.next(TaskDetailsPageActions.textsWanted({ ids }));
    expect(getByIds.calls.allArgs()).toEqual([[ids.slice(0, DETAILS_CHUNK), TEXT_FIELDS], [['k'], TEXT_FIELDS]]);
    expect(emitted).toEqual([
      TaskDetailsApiActions.taskTextsLoaded({ ids: ids.slice(0, 10), tasks: ids.slice(0, 10).map(texts) }),
      TaskDetailsApiActions.taskTextsLoadFailed({ ids: ['k'], message: 'down' }),
    ]);
    sub.unsubscribe();

    const fields = jasmine.createSpy('getByIds').and.returnValue(of({ tasks: [] }));
    const store = { select: () => of(['a', 'b']) } as unknown as Store;
    const loadSub = loadTaskDetails(new Subject<Action>() as unknown as Actions, store, { getByIds: fields } as unknown as TasksApi).subscribe();
    expect(fields).toHaveBeenCalledOnceWith(['a', 'b'], DETAIL_FIELDS);
    expect(DETAIL_FIELDS.some((f) => TEXT_FIELDS.some((t) => f === t || t.startsWith(`${f}.`) || f.startsWith(`${t}.`)))).toBeFalse();
    loadSub.unsubscribe();
  });
});
