import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { routerNavigationAction } from '@ngrx/router-store';
import { Store } from '@ngrx/store';
import { catchError, distinctUntilChanged, filter, map, merge, of, switchMap, tap, withLatestFrom } from 'rxjs';
import { TASK_SUMMARY_FIELDS } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { MAX_COMPARED_TASKS, compareUrlCommands, mergeQueryParams } from '../../url/compare-url';
import { nextComparedIds } from './compared-ids';
import { CompareApiActions, ComparePageActions, ComparePreferencesActions, CompareViewActions } from './compare.actions';
import { TaskColorStorage } from './task-color-storage';
import {
  compareFeature,
  selectCompareView,
  selectComparedTaskIds,
  selectMissingTaskIds,
  selectOnComparePage,
  selectTaskSlots,
} from './compare.feature';
import { nextSlots } from '../../shared/task-colors';

/**
 * Loads the compared tasks' headers whenever the set of ids in the URL changes (or on retry), as soon
 * as the URL is recognised, while the page renders.
 */
export const loadTaskHeaders = createEffect(
  (actions$ = inject(Actions), store = inject(Store), tasksApi = inject(TasksApi)) => {
    const idsOnNavigation$ = actions$.pipe(
      ofType(routerNavigationAction),
      withLatestFrom(store.select(selectOnComparePage), store.select(selectComparedTaskIds)),
      map(([, onPage, ids]) => (onPage ? ids : [])),
      distinctUntilChanged((a, b) => a.join() === b.join()),
    );
    const idsOnRetry$ = actions$.pipe(
      ofType(ComparePageActions.retryClicked),
      withLatestFrom(store.select(selectComparedTaskIds)),
      map(([, ids]) => ids),
    );
    return merge(idsOnNavigation$, idsOnRetry$).pipe(
      filter((ids) => ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
      switchMap((requestedIds) =>
        tasksApi.getAllEx({ id: requestedIds, only_fields: TASK_SUMMARY_FIELDS, page_size: MAX_COMPARED_TASKS }).pipe(
          map(({ tasks }) => CompareApiActions.taskHeadersLoaded({ requestedIds, tasks })),
          catchError((err: Error) => of(CompareApiActions.taskHeadersLoadFailed({ requestedIds, message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** Changes to the set or order of compared tasks are written to the URL, keeping the tab and its options. */
export const writeComparedIdsToUrl = createEffect(
  (actions$ = inject(Actions), store = inject(Store), router = inject(Router)) => {
    return actions$.pipe(
      ofType(
        ComparePageActions.taskRemoved,
        ComparePageActions.baseTaskSet,
        ComparePageActions.taskMoved,
        ComparePageActions.tasksApplied,
        ComparePageActions.missingTasksRemoved,
        ComparePageActions.firstTasksKept,
        ComparePageActions.unreadableIdsRemoved,
      ),
      withLatestFrom(
        store.select(selectComparedTaskIds),
        store.select(selectMissingTaskIds),
        store.select(selectCompareView),
        store.select(selectTaskSlots),
      ),
      tap(([action, ids, missingIds, view, slots]) => {
        const next = nextComparedIds(action, ids, missingIds);
        if (next.join() === ids.join() && action.type !== ComparePageActions.unreadableIdsRemoved.type) return;
        // Each task keeps its colour: the slots follow the tasks through removals, additions and moves.
        if (!next.length) void router.navigate(['/tasks']);
        else void router.navigate(compareUrlCommands(next, view, nextSlots(ids, slots, next)), { queryParamsHandling: 'preserve' });
      }),
    );
  },
  { functional: true, dispatch: false },
);

/** View options go to the URL query, replacing the history entry: the URL is what a shared link reproduces. */
export const writeViewOptionsToUrl = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(CompareViewActions.optionsChanged),
      tap(({ options }) => {
        const tree = router.parseUrl(router.url);
        tree.queryParams = mergeQueryParams(tree.queryParams, options);
        void router.navigateByUrl(tree, { replaceUrl: true });
      }),
    );
  },
  { functional: true, dispatch: false },
);

export const restoreTaskColors = createEffect(
  (actions$ = inject(Actions), storage = inject(TaskColorStorage)) => {
    return actions$.pipe(
      ofType(ComparePageActions.opened),
      map(() => ComparePreferencesActions.taskColorsRestored({ colors: storage.read() })),
    );
  },
  { functional: true },
);

export const saveTaskColors = createEffect(
  (actions$ = inject(Actions), store = inject(Store), storage = inject(TaskColorStorage)) => {
    return actions$.pipe(
      ofType(ComparePageActions.taskColorChanged),
      withLatestFrom(store.select(compareFeature.selectTaskColors)),
      tap(([, colors]) => storage.write(colors)),
    );
  },
  { functional: true, dispatch: false },
);
