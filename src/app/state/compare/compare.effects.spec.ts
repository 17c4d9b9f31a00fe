import { Router } from '@angular/router';
import { Action } from '@ngrx/store';
import { routerNavigationAction } from '@ngrx/router-store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError } from 'rxjs';
import { TasksApi } from '../../core/api/tasks-api';
import { CompareApiActions, ComparePageActions } from './compare.actions';
import { loadTaskHeaders, writeComparedIdsToUrl } from './compare.effects';
import { selectCompareView, selectComparedTaskIds, selectMissingTaskIds, selectOnComparePage, selectTaskSlots } from './compare.feature';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const navigated = routerNavigationAction({ payload: {} as never });

describe('compare effects', () => {
  let store: MockStore;
  let actions$: Subject<Action>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideMockStore()] });
    store = TestBed.inject(MockStore);
    actions$ = new Subject<Action>();
    store.overrideSelector(selectOnComparePage, true);
    store.overrideSelector(selectComparedTaskIds, [A, B]);
    store.overrideSelector(selectMissingTaskIds, []);
    store.overrideSelector(selectCompareView, 'scalars/graph');
  });
  // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
  afterEach(() => store.resetSelectors());

  it('loads headers once per set of ids, asking only for the compared ids', () => {
    const getAllEx = jasmine.createSpy('getAllEx').and.returnValue(of({ tasks: [{ id: A }] }));
    const out: Action[] = [];
    TestBed.runInInjectionContext(() =>
      loadTaskHeaders(actions$ as never, store, { getAllEx } as unknown as TasksApi).subscribe((a) => out.push(a)),
    );
    actions$.next(navigated);
    actions$.next(navigated);
    expect(getAllEx).toHaveBeenCalledTimes(1);
    expect(getAllEx.calls.argsFor(0)[0].id).toEqual([A, B]);
    expect(out).toEqual([CompareApiActions.taskHeadersLoaded({ requestedIds: [A, B], tasks: [{ id: A } as never] })]);
  });

  it('maps an API error to a failure action and keeps working', () => {
    const getAllEx = jasmine.createSpy('getAllEx').and.returnValues(
      throwError(() => new Error('down')),
      of({ tasks: [] }),
    );
    const out: Action[] = [];
    TestBed.runInInjectionContext(() =>
      loadTaskHeaders(actions$ as never, store, { getAllEx } as unknown as TasksApi).subscribe((a) => out.push(a)),
    );
    actions$.next(navigated);
    actions$.next(ComparePageActions.retryClicked());
    expect(out[0]).toEqual(CompareApiActions.taskHeadersLoadFailed({ requestedIds: [A, B], message: 'down' }));
    expect(out[1].type).toBe(CompareApiActions.taskHeadersLoaded.type);
  });

  it('does not ask the server for more than 100 tasks', () => {
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
    store.overrideSelector(selectComparedTaskIds, many);
    store.refreshState();
    const getAllEx = jasmine.createSpy('getAllEx');
    TestBed.runInInjectionContext(() => loadTaskHeaders(actions$ as never, store, { getAllEx } as unknown as TasksApi).subscribe());
    actions$.next(navigated);
    expect(getAllEx).not.toHaveBeenCalled();
  });

  it("writes a new base task to the URL, keeping the view, its options and each task's colour slot", () => {
    const router = jasmine.createSpyObj<Router>('Router', ['navigate']);
    router.navigate.and.resolveTo(true);
    TestBed.runInInjectionContext(() => writeComparedIdsToUrl(actions$ as never, store, router).subscribe());
    actions$.next(ComparePageActions.baseTaskSet({ taskId: B }));
    expect(router.navigate).toHaveBeenCalledWith(['/compare-tasks', { ids: `${B},${A}`, slots: '1,0' }, 'scalars', 'graph'], {
      queryParamsHandling: 'preserve',
    });
  });

  it("keeps the other tasks' colour slots when one is removed", () => {
    const C = 'c'.repeat(32);
    store.overrideSelector(selectComparedTaskIds, [A, B, C]);
    store.overrideSelector(selectTaskSlots, [0, 1, 2]);
    store.refreshState();
    const router = jasmine.createSpyObj<Router>('Router', ['navigate']);
    router.navigate.and.resolveTo(true);
    TestBed.runInInjectionContext(() => writeComparedIdsToUrl(actions$ as never, store, router).subscribe());
    actions$.next(ComparePageActions.taskRemoved({ taskId: B }));
    expect(router.navigate).toHaveBeenCalledWith(['/compare-tasks', { ids: `${A},${C}`, slots: '0,2' }, 'scalars', 'graph'], {
      queryParamsHandling: 'preserve',
    });
  });

  it('goes back to the task table when the last task is removed', () => {
    store.overrideSelector(selectComparedTaskIds, [A]);
    store.refreshState();
    const router = jasmine.createSpyObj<Router>('Router', ['navigate']);
    router.navigate.and.resolveTo(true);
    TestBed.runInInjectionContext(() => writeComparedIdsToUrl(actions$ as never, store, router).subscribe());
    actions$.next(ComparePageActions.taskRemoved({ taskId: A }));
    expect(router.navigate).toHaveBeenCalledWith(['/tasks']);
  });
});
