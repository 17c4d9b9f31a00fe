import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { routerNavigationAction } from '@ngrx/router-store';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Subject, of, throwError } from 'rxjs';
import { TasksApi } from '../../core/api/tasks-api';
import { DEFAULT_TABLE_QUERY } from '../table-query';
import { TasksApiActions, TasksPageActions } from './tasks.actions';
import { loadTasks, openComparison, writeTableQueryToUrl } from './tasks.effects';
import { initialTasksState, selectOnTasksPage, selectTableQuery, tasksFeature } from './tasks.feature';

const navigated = routerNavigationAction({ payload: {} as never });

describe('tasks page state', () => {
  describe('reducer and selectors', () => {
    const reducer = tasksFeature.reducer;

    it('is loading from open until tasks arrive, then holds them', () => {
      let state = reducer(initialTasksState, TasksPageActions.opened());
      expect(state.loading).toBeTrue();
      state = reducer(state, TasksApiActions.tasksLoaded({ tasks: [{ id: 'a', name: 'a', status: 'failed', type: 'training' }], total: 7 }));
      expect(state.loading).toBeFalse();
      expect(state.total).toBe(7);
      expect(state.tasks.length).toBe(1);
    });

    it('keeps the error of a failed load', () => {
      const state = reducer(initialTasksState, TasksApiActions.tasksLoadFailed({ message: 'down' }));
      expect(state.error).toBe('down');
    });

    it('explains why COMPARE is blocked', () => {
      const reason = tasksFeature.selectCompareBlockedReason.projector;
      expect(reason(['a'])).toContain('at least two');
      expect(reason(['a', 'b'])).toBeNull();
      expect(reason(Array.from({ length: 101 }, (_, i) => String(i)))).toContain('101 are selected');
    });

    it('reads the table query from the URL', () => {
      expect(selectTableQuery.projector({ q: 'x', status: 'failed' }).statuses).toEqual(['failed']);
    });
  });

  describe('effects', () => {
    let store: MockStore;
    let actions$: Subject<Action>;

    beforeEach(() => {
      TestBed.configureTestingModule({ providers: [provideMockStore()] });
      store = TestBed.inject(MockStore);
      actions$ = new Subject<Action>();
      store.overrideSelector(selectOnTasksPage, true);
      store.overrideSelector(selectTableQuery, { ...DEFAULT_TABLE_QUERY, search: 'lr', pageIndex: 2 });
      store.overrideSelector(tasksFeature.selectSelectedIds, ['b', 'a']);
      store.overrideSelector(tasksFeature.selectCompareBlockedReason, null);
    });

    it('loads the page the URL asks for on navigation, and reports failures', () => {
      const getAllEx = jasmine.createSpy('getAllEx').and.returnValues(of({ tasks: [], total: 40 }), throwError(() => new Error('down')));
      const out: Action[] = [];
      TestBed.runInInjectionContext(() => loadTasks(actions$ as never, store, { getAllEx } as unknown as TasksApi).subscribe((a) => out.push(a)));
      actions$.next(navigated);
      actions$.next(TasksPageActions.retryClicked());
      expect(getAllEx.calls.argsFor(0)[0]).toEqual(jasmine.objectContaining({ search_text: 'lr', page: 2, page_size: 50 }));
      expect(out).toEqual([TasksApiActions.tasksLoaded({ tasks: [], total: 40 }), TasksApiActions.tasksLoadFailed({ message: 'down' })]);
    });

    it('does not load when another page is shown', () => {
      store.overrideSelector(selectOnTasksPage, false);
      store.refreshState();
      const getAllEx = jasmine.createSpy('getAllEx');
      TestBed.runInInjectionContext(() => loadTasks(actions$ as never, store, { getAllEx } as unknown as TasksApi).subscribe());
      actions$.next(navigated);
      expect(getAllEx).not.toHaveBeenCalled();
    });

    it('writes a filter change to the URL from the first page; a search edit replaces the history entry', () => {
      const router = jasmine.createSpyObj<Router>('Router', ['navigate']);
      router.navigate.and.resolveTo(true);
      TestBed.runInInjectionContext(() => writeTableQueryToUrl(actions$ as never, store, router).subscribe());
      actions$.next(TasksPageActions.queryChanged({ patch: { tags: ['best'] } }));
      expect(router.navigate).toHaveBeenCalledWith(['/tasks'], { queryParams: { q: 'lr', tag: 'best' }, replaceUrl: false });
      actions$.next(TasksPageActions.queryChanged({ patch: { search: 'adam' } }));
      expect(router.navigate.calls.mostRecent().args[1]).toEqual({ queryParams: { q: 'adam' }, replaceUrl: true });
    });

    it('opens the comparison with the selected ids in pick order', () => {
      const router = jasmine.createSpyObj<Router>('Router', ['navigate']);
      router.navigate.and.resolveTo(true);
      TestBed.runInInjectionContext(() => openComparison(actions$ as never, store, router).subscribe());
      actions$.next(TasksPageActions.compareClicked());
      expect(router.navigate).toHaveBeenCalledWith(['/compare-tasks', { ids: 'b,a' }, 'details']);
    });
  });
});
