import { inject } from '@angular/core';
import { createEffect } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { EMPTY, catchError, distinctUntilChanged, exhaustMap, interval, map, of, switchMap } from 'rxjs';
import { TasksApi } from '../../core/api/tasks-api';
import { CompareLiveActions } from './compare.actions';
import { selectLivePoll } from './compare.feature';
import { CHANGE_FIELDS, LivePoll } from './live-updates';

const samePoll = (a: LivePoll | null, b: LivePoll | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * While a compared task is queued or running (and auto-refresh is on), asks the server on an
 * interval only for the tasks' change marks; the reducer bumps the data revision when they moved,
 * and the tabs refetch. A check still waiting for its answer is not doubled by the next tick.
 */
export const pollForChanges = createEffect(
  (store = inject(Store), tasksApi = inject(TasksApi)) => {
    return store.select(selectLivePoll).pipe(
      distinctUntilChanged(samePoll),
      switchMap((poll) =>
        poll
          ? interval(poll.intervalMs).pipe(
              exhaustMap(() =>
                tasksApi.getAllEx({ id: poll.ids, only_fields: CHANGE_FIELDS, page_size: poll.ids.length }).pipe(
                  map(({ tasks }) => CompareLiveActions.changesChecked({ taskIds: poll.ids, tasks })),
                  catchError((err: Error) => of(CompareLiveActions.changesCheckFailed({ taskIds: poll.ids, message: err.message }))),
                ),
              ),
            )
          : EMPTY,
      ),
    );
  },
  { functional: true },
);
