import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { filter, map, merge, withLatestFrom } from 'rxjs';
import { TasksApi } from '../../../core/api/tasks-api';
import { MAX_COMPARED_TASKS } from '../../compare-url';
import { selectComparedTaskIds } from '../../state/compare.feature';
import { comparedIdsToLoad, loadRemoteData } from '../../state/remote-data';
import { HyperparamsApiActions, HyperparamsPageActions } from './hyperparams.actions';
import { HP_TASK_FIELDS, showsHyperparams } from './hyperparams.feature';

/**
 * The compared tasks' parameters and metric summaries: once per set of tasks while a Hyperparameters
 * view is open (moving between its views fetches nothing), again when live updates find new data,
 * and on retry.
 */
export const loadHyperparams = createEffect(
  (actions$ = inject(Actions), store = inject(Store), tasksApi = inject(TasksApi)) => {
    const retry$ = actions$.pipe(
      ofType(HyperparamsPageActions.retryClicked),
      withLatestFrom(store.select(selectComparedTaskIds)),
      map(([, ids]) => ids),
      filter((ids) => ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
    );
    return merge(comparedIdsToLoad(store, showsHyperparams), retry$).pipe(
      loadRemoteData((ids) => tasksApi.getByIds(ids, HP_TASK_FIELDS).pipe(map(({ tasks }) => tasks)), HyperparamsApiActions),
    );
  },
  { functional: true },
);
