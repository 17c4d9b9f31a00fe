import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { routerNavigationAction } from '@ngrx/router-store';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Subject, firstValueFrom, of, throwError } from 'rxjs';
import { ApiClient } from '../../core/api/api-client';
import { TaskQuery } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { DEFAULT_TABLE_QUERY, toTaskQuery } from '../table-query';
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
      state = reducer(
        state,
        TasksApiActions.tasksLoaded({ tasks: [{ id: 'a', name: 'a', status: 'failed', type: 'training' }], hasMore: true }),
      );
      expect(state.loading).toBeFalse();
      expect(state.total).toBeNull();
      expect(state.hasMore).toBeTrue();
      expect(state.tasks.length).toBe(1);
      state = reducer(state, TasksApiActions.tasksLoaded({ tasks: [], hasMore: false, total: 7 }));
      expect(state.total).toBe(7);
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
    // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
    afterEach(() => store.resetSelectors());

    it('loads the page the URL asks for on navigation, and reports failures', () => {
      const getPage = jasmine.createSpy('getPage').and.returnValues(
        of({ tasks: [], hasMore: false }),
        throwError(() => new Error('down')),
      );
      const out: Action[] = [];
      TestBed.runInInjectionContext(() =>
        loadTasks(actions$ as never, store, { getPage } as unknown as TasksApi).subscribe((a) => out.push(a)),
      );
      actions$.next(navigated);
      actions$.next(TasksPageActions.retryClicked());
      expect(getPage.calls.argsFor(0)[0]).toEqual(
        jasmine.objectContaining({ _any_: { pattern: 'lr', fields: ['name', 'id'] }, page: 2, page_size: 50 }),
      );
      expect(out).toEqual([
        TasksApiActions.tasksLoaded({ tasks: [], hasMore: false }),
        TasksApiActions.tasksLoadFailed({ message: 'down' }),
      ]);
    });

    it('knows a next page exists from a one-task request after the page, on a server that answers no count', async () => {
      const page = Array.from({ length: 50 }, (_, i) => ({ id: `t${i}`, name: `t${i}`, status: 'completed' as const, type: 'training' }));
      const bodies: TaskQuery[] = [];
      const api = {
        call: (_: string, body: TaskQuery) => (bodies.push(body), of(body.page_size === 1 ? { tasks: [{ id: 'next' }] } : { tasks: page })),
      };
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: [{ provide: ApiClient, useValue: api }] });
      const tasksApi = TestBed.inject(TasksApi);
      const query = toTaskQuery({ ...DEFAULT_TABLE_QUERY, pageIndex: 2 });
      expect(await firstValueFrom(tasksApi.getPage(query))).toEqual({ tasks: page, hasMore: true });
      expect(bodies).toContain({ ...query, only_fields: ['id'], page: 150, page_size: 1 });
      expect(bodies).toContain(query);

      api.call = (_: string, body: TaskQuery) => of(body.page_size === 1 ? { tasks: [] } : { tasks: page.slice(0, 3) });
      expect(await firstValueFrom(tasksApi.getPage(query))).toEqual({ tasks: page.slice(0, 3), hasMore: false });
      // A server that counts: the count is kept.
      api.call = (_: string, body: TaskQuery) => of(body.page_size === 1 ? { tasks: [] } : { tasks: page, total: 150 });
      expect(await firstValueFrom(tasksApi.getPage(query))).toEqual({ tasks: page, hasMore: false, total: 150 });
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
