import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { filter, map, merge, withLatestFrom } from 'rxjs';
import { TasksApi } from '../../../core/api/tasks-api';
import { MAX_COMPARED_TASKS } from '../../../url/compare-url';
import { selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { comparedIdsToLoad, loadRemoteData } from '../../../state/compare/remote-data';
import { HyperparametersApiActions, HyperparametersPageActions } from './hyperparameters.actions';
import { HYPERPARAMETER_TASK_FIELDS, showsHyperparameters } from './hyperparameters.feature';

/**
 * The compared tasks' parameters and metric summaries: once per set of tasks while a Hyperparameters
 * view is open (moving between its views fetches nothing), again when live updates find new data,
 * and on retry.
 */
export const loadHyperparameters = createEffect(
  (actions$ = inject(Actions), store = inject(Store), tasksApi = inject(TasksApi)) => {
    const retry$ = actions$.pipe(
      ofType(HyperparametersPageActions.retryClicked),
      withLatestFrom(store.select(selectExistingTaskIds)),
      map(([, ids]) => ids ?? []),
      filter((ids) => ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
    );
    return merge(comparedIdsToLoad(store, showsHyperparameters), retry$).pipe(
      loadRemoteData(
        (ids) => tasksApi.getByIds(ids, HYPERPARAMETER_TASK_FIELDS).pipe(map(({ tasks }) => tasks)),
        HyperparametersApiActions,
      ),
    );
  },
  { functional: true },
);
