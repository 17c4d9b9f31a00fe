import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, filter, map, mergeMap, of, withLatestFrom } from 'rxjs';
import { ModelsApi } from '../../../core/api/models-api';
import { selectDetailedTasks } from '../../../state/task-details/task-details.feature';
import { TaskModelsApiActions, modelIdsOf, taskModelsFeature } from './task-models';

/** The compared tasks' models not asked for yet, whenever the compared tasks change. */
export const requestTaskModels = createEffect(
  (store = inject(Store)) => {
    return store.select(selectDetailedTasks).pipe(
      withLatestFrom(store.select(taskModelsFeature.selectAsked)),
      map(([tasks, asked]) => modelIdsOf(tasks).filter((id) => !asked.includes(id))),
      filter((ids) => ids.length > 0),
      map((ids) => TaskModelsApiActions.modelsRequested({ ids })),
    );
  },
  { functional: true },
);

/** One `models.get_all_ex` call for the models of all compared tasks asked for at once. */
export const loadTaskModels = createEffect(
  (actions$ = inject(Actions), modelsApi = inject(ModelsApi)) => {
    return actions$.pipe(
      ofType(TaskModelsApiActions.modelsRequested),
      mergeMap(({ ids }) =>
        modelsApi.getByIds(ids).pipe(
          map(({ models }) => TaskModelsApiActions.modelsLoaded({ models: models ?? [], asked: ids })),
          catchError((err: Error) => of(TaskModelsApiActions.modelsLoadFailed({ asked: ids, message: err.message }))),
        ),
      ),
    );
  },
  { functional: true },
);
