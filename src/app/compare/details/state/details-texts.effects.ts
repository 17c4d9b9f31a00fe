import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { combineLatest, filter, map, merge, tap, withLatestFrom } from 'rxjs';
import { Task } from '../../../core/api/models';
import { selectCompareTab } from '../../../state/compare/compare.feature';
import { selectDetailedTasks } from '../../../state/task-details/task-details.feature';
import { DetailsTexts } from '../details-texts';
import { DetailsTextsPageActions } from './details-texts.actions';

const idsOf = (tasks: (Task | null)[]) => tasks.filter((t) => t !== null).map((t) => t.id);

/**
 * The long texts of the compared tasks Details shows, once each, while Details is open (the cards
 * show the tasks' fields at once; the texts come after, into `DetailsTexts`, which keeps them off
 * the store). After a failure, only when "Try again" is clicked.
 */
export const loadDetailsTexts = createEffect(
  (actions$ = inject(Actions), store = inject(Store), texts = inject(DetailsTexts)) => {
    const shown$ = combineLatest([store.select(selectDetailedTasks), store.select(selectCompareTab)]).pipe(
      filter(([, tab]) => tab === 'details'),
      map(([tasks]) => ({ ids: idsOf(tasks), retry: false })),
    );
    const retry$ = actions$.pipe(
      ofType(DetailsTextsPageActions.retryClicked),
      withLatestFrom(store.select(selectDetailedTasks)),
      map(([, tasks]) => ({ ids: idsOf(tasks), retry: true })),
    );
    return merge(shown$, retry$).pipe(tap(({ ids, retry }) => texts.loadMissing(ids, retry)));
  },
  { functional: true, dispatch: false },
);
