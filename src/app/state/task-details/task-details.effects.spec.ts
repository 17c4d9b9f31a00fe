import { Actions } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Observable, Subject, of, throwError } from 'rxjs';
import { Task } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { compareFeature, selectCompareTab } from '../compare/compare.feature';
import { TaskDetailsApiActions } from './task-details.actions';
import { DETAIL_FIELDS, TEXT_FIELDS } from './task-details-chunks';
import { loadTaskDetails, refreshChangedTaskDetails } from './task-details.effects';
import { selectDetailedTasks, taskDetailsFeature } from './task-details.feature';

describe('refreshChangedTaskDetails', () => {
  const task = (id: string) => ({ id, name: id, status: 'in_progress', type: 'training' }) as Task;

  function setUp(getByIds: jasmine.Spy) {
    const revision = new BehaviorSubject(3);
    const changed = new BehaviorSubject<string[]>(['a']);
    const loaded = new BehaviorSubject<string[] | null>(['a', 'b']);
    const tab = new BehaviorSubject<string>('details');
    const store = {
      select: (selector: unknown): Observable<unknown> =>
        selector === compareFeature.selectDataRevision
          ? revision
          : selector === selectCompareTab
            ? tab
            : selector === compareFeature.selectChangedTaskIds
              ? changed
              : selector === taskDetailsFeature.selectLoadedIds
                ? loaded
                : of(null),
    } as unknown as Store;
    const emitted: unknown[] = [];
    const sub = refreshChangedTaskDetails(store, { getByIds } as unknown as TasksApi).subscribe((action) => emitted.push(action));
    return { revision, changed, loaded, tab, emitted, sub };
  }

  it('refetches only the shown tasks that changed, when the revision moves', () => {
    const getByIds = jasmine.createSpy('getByIds').and.callFake((ids: string[]) => of({ tasks: ids.map(task) }));
    const { revision, changed, emitted, sub } = setUp(getByIds);
    expect(getByIds).not.toHaveBeenCalled(); // the revision the view opened at is already shown
    revision.next(4);
    // The Details fields (names through dotted fields) and the long texts, not the whole task.
    expect(getByIds).toHaveBeenCalledOnceWith(['a'], [...DETAIL_FIELDS, ...TEXT_FIELDS]);
    expect(emitted).toEqual([TaskDetailsApiActions.taskDetailsRefreshed({ tasks: [task('a')] })]);
    changed.next(['c']); // not in the view
    revision.next(5);
    expect(getByIds).toHaveBeenCalledTimes(1);
    sub.unsubscribe();
  });

  it('with another tab open, notes the changed tasks and refetches them once Details opens again', () => {
    const getByIds = jasmine.createSpy('getByIds').and.callFake((ids: string[]) => of({ tasks: ids.map(task) }));
    const { revision, changed, tab, emitted, sub } = setUp(getByIds);
    tab.next('scalars');
    revision.next(4);
    changed.next(['b']);
    revision.next(5);
    expect(getByIds).not.toHaveBeenCalled();
    tab.next('details');
    expect(getByIds).toHaveBeenCalledOnceWith(['a', 'b'], [...DETAIL_FIELDS, ...TEXT_FIELDS]);
    expect(emitted).toEqual([TaskDetailsApiActions.taskDetailsRefreshed({ tasks: [task('a'), task('b')] })]);
    tab.next('scalars');
    tab.next('details');
    expect(getByIds).toHaveBeenCalledTimes(1);
    sub.unsubscribe();
  });

  it('keeps what is shown when a refresh fails, and tries again at the next change', () => {
    const getByIds = jasmine.createSpy('getByIds').and.returnValues(
      throwError(() => new Error('down')),
      of({ tasks: [task('a')] }),
    );
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

describe('loadTaskDetails', () => {
  it('asks for every compared task in one request, with the fields only (no long texts)', () => {
    const fields = jasmine.createSpy('getByIds').and.returnValue(of({ tasks: [] }));
    const store = { select: (selector: unknown) => of(selector === selectCompareTab ? 'details' : ['a', 'b']) } as unknown as Store;
    const sub = loadTaskDetails(new Subject<Action>() as unknown as Actions, store, {
      getByIds: fields,
    } as unknown as TasksApi).subscribe();
    expect(fields).toHaveBeenCalledOnceWith(['a', 'b'], DETAIL_FIELDS);
    expect(DETAIL_FIELDS.some((f) => TEXT_FIELDS.some((t) => f === t || t.startsWith(`${f}.`) || f.startsWith(`${t}.`)))).toBeFalse();
    sub.unsubscribe();
  });
});

describe('selectDetailedTasks', () => {
  it('gives the same array while the compared tasks are the same, so a URL change alone does not compare again', () => {
    const a = { id: 'a', name: 'a' } as Task;
    const one = selectDetailedTasks.projector(['a', 'x'], { a });
    expect(one).toEqual([a, null]);
    expect(selectDetailedTasks.projector(['a', 'x'], { a })).toBe(one);
    expect(selectDetailedTasks.projector(['x', 'a'], { a })).toEqual([null, a]);
  });
});
