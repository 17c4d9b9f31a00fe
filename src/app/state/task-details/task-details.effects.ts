import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  EMPTY,
  catchError,
  combineLatest,
  concatMap,
  distinctUntilChanged,
  filter,
  from,
  map,
  merge,
  mergeMap,
  of,
  reduce,
  skip,
  startWith,
  switchMap,
  tap,
  withLatestFrom,
} from 'rxjs';
import { Task } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { MAX_COMPARED_TASKS } from '../../url/compare-url';
import { compareFeature, selectCompareTab, selectComparedTaskIds } from '../compare/compare.feature';
import { taskDetailsFeature } from './task-details.feature';
import { TaskDetailsApiActions, TaskDetailsPageActions } from './task-details.actions';
import { DETAILS_CHUNK, DETAILS_REQUESTS_IN_FLIGHT, DETAIL_FIELDS, TEXT_FIELDS, chunks } from './task-details-chunks';

/** A refreshed task: the fields Details reads and its long texts (a whole task names no reference). */
const REFRESH_FIELDS = [...DETAIL_FIELDS, ...TEXT_FIELDS];

const sameSet = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * The Details fields of the compared tasks, once per set while Details is open (a new base only
 * reorders, it does not refetch); live updates refresh the changed tasks only (below).
 */
export const loadTaskDetails = createEffect(
  (actions$ = inject(Actions), store = inject(Store), tasksApi = inject(TasksApi)) => {
    const ids$ = combineLatest([store.select(selectComparedTaskIds), store.select(selectCompareTab)]).pipe(
      filter(([, tab]) => tab === 'details'),
      map(([ids]) => ids),
      distinctUntilChanged(sameSet),
    );
    const retry$ = actions$.pipe(
      ofType(TaskDetailsPageActions.retryClicked),
      withLatestFrom(store.select(selectComparedTaskIds)),
      map(([, ids]) => ids),
    );
    return merge(ids$, retry$).pipe(
      filter((ids) => ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
      switchMap((requestedIds) =>
        tasksApi.getByIds(requestedIds, DETAIL_FIELDS).pipe(
          map(({ tasks }) => TaskDetailsApiActions.taskDetailsLoaded({ requestedIds, tasks })),
          catchError((err: Error) => of(TaskDetailsApiActions.taskDetailsLoadFailed({ requestedIds, message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);

/**
 * When a live check finds that compared tasks changed (a running task reported), refetches those
 * tasks only (their Details fields with the long texts), so Details shows their new status,
 * iteration, parameters and artifacts. While another tab is open the changed tasks are noted and
 * refetched once Details opens again (their long texts are not fetched for a tab that does not
 * show them). A failed refresh keeps what is shown; its tasks are tried again with the next change.
 */
export const refreshChangedTaskDetails = createEffect(
  (store = inject(Store), tasksApi = inject(TasksApi)) => {
    /** Changed tasks Details shows and has not refetched yet. */
    const stale = new Set<string>();
    const changes$ = store.select(compareFeature.selectDataRevision).pipe(
      distinctUntilChanged(),
      skip(1),
      withLatestFrom(store.select(compareFeature.selectChangedTaskIds), store.select(taskDetailsFeature.selectLoadedIds)),
      tap(([, changed, loaded]) => {
        for (const id of changed) if (loaded?.includes(id)) stale.add(id);
      }),
    );
    const open$ = store.select(selectCompareTab).pipe(
      map((tab) => tab === 'details'),
      distinctUntilChanged(),
    );
    return combineLatest([open$, changes$.pipe(startWith(undefined))]).pipe(
      filter(([open]) => open && stale.size > 0),
      map(() => {
        const ids = [...stale];
        stale.clear();
        return ids;
      }),
      concatMap((ids) =>
        from(chunks(ids, DETAILS_CHUNK)).pipe(
          mergeMap((chunk) => tasksApi.getByIds(chunk, REFRESH_FIELDS), DETAILS_REQUESTS_IN_FLIGHT),
          reduce((all, { tasks }) => all.concat(tasks), [] as Task[]),
          map((tasks) => TaskDetailsApiActions.taskDetailsRefreshed({ tasks })),
          catchError(() => {
            for (const id of ids) stale.add(id);
            return EMPTY;
          }),
        ),
      ),
    );
  },
  { functional: true },
);
