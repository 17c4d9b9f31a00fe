import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { routerNavigationAction } from '@ngrx/router-store';
import { Store } from '@ngrx/store';
import { catchError, filter, forkJoin, map, of, switchMap, tap, withLatestFrom } from 'rxjs';
import { ProjectsApi } from '../../core/api/projects-api';
import { TasksApi } from '../../core/api/tasks-api';
import { compareUrlCommands } from '../../url/compare-url';
import { patchTableQuery, tableQueryToParams, toTaskQuery } from '../table-query';
import { TasksApiActions, TasksPageActions } from './tasks.actions';
import { selectOnTasksPage, selectTableQuery, tasksFeature } from './tasks.feature';

/**
 * Loads a page of tasks on every navigation to the table (its URL holds the query), or on retry. It
 * asks as soon as the URL is recognised (ROUTER_NAVIGATION), so the answer is on its way while the
 * page renders.
 */
export const loadTasks = createEffect(
  (actions$ = inject(Actions), store = inject(Store), tasksApi = inject(TasksApi)) => {
    return actions$.pipe(
      ofType(TasksPageActions.retryClicked, routerNavigationAction),
      withLatestFrom(store.select(selectOnTasksPage), store.select(selectTableQuery)),
      filter(([, onPage]) => onPage),
      switchMap(([, , query]) =>
        tasksApi.getPage(toTaskQuery(query)).pipe(
          map((page) => TasksApiActions.tasksLoaded(page)),
          catchError((err: Error) => of(TasksApiActions.tasksLoadFailed({ message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const loadFilterOptions = createEffect(
  (actions$ = inject(Actions), projectsApi = inject(ProjectsApi)) => {
    return actions$.pipe(
      ofType(TasksPageActions.opened, TasksPageActions.retryClicked),
      switchMap(() =>
        forkJoin([projectsApi.getAllEx(), projectsApi.getTaskTags()]).pipe(
          map(([{ projects }, { tags }]) => TasksApiActions.filterOptionsLoaded({ projects, tags })),
          catchError((err: Error) => of(TasksApiActions.filterOptionsLoadFailed({ message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** Writes table changes to the URL; the URL then drives loading. Search edits replace the history entry. */
export const writeTableQueryToUrl = createEffect(
  (actions$ = inject(Actions), store = inject(Store), router = inject(Router)) => {
    return actions$.pipe(
      ofType(TasksPageActions.queryChanged),
      withLatestFrom(store.select(selectTableQuery)),
      tap(([{ patch }, query]) => {
        const next = patchTableQuery(query, patch);
        void router.navigate(['/tasks'], {
          queryParams: tableQueryToParams(next),
          replaceUrl: Object.keys(patch).length === 1 && 'search' in patch,
        });
      }),
    );
  },
  { functional: true, dispatch: false },
);

export const openComparison = createEffect(
  (actions$ = inject(Actions), store = inject(Store), router = inject(Router)) => {
    return actions$.pipe(
      ofType(TasksPageActions.compareClicked),
      withLatestFrom(store.select(tasksFeature.selectSelectedIds), store.select(tasksFeature.selectCompareBlockedReason)),
      filter(([, , blocked]) => blocked === null),
      tap(([, ids]) => void router.navigate(compareUrlCommands(ids, 'details'))),
    );
  },
  { functional: true, dispatch: false },
);
