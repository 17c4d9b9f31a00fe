import { inject } from '@angular/core';
import { createEffect } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { combineLatest, distinctUntilChanged, filter, map } from 'rxjs';
import { TasksApi } from '../../core/api/tasks-api';
import { MAX_COMPARED_TASKS } from '../../url/compare-url';
import { compareFeature, selectComparedTaskIds } from '../compare/compare.feature';
import { sameTaskSet, loadRemoteData } from '../compare/remote-data';
import { GroupParamsApiActions } from './groups.actions';
import { GROUP_TASK_FIELDS, selectGroupOptions } from './groups.feature';

/**
 * The compared tasks' hyperparameters, while a grouping is chosen: once per set of tasks (turning
 * grouping off and on again fetches nothing), and again when live updates find new data.
 */
export const loadGroupParams = createEffect(
  (store = inject(Store), tasksApi = inject(TasksApi)) => {
    return combineLatest([
      store.select(selectComparedTaskIds),
      store.select(selectGroupOptions),
      store.select(compareFeature.selectDataRevision),
    ]).pipe(
      filter(([ids, { mode }]) => mode !== 'none' && ids.length > 0 && ids.length <= MAX_COMPARED_TASKS),
      map(([ids, , revision]) => ({ ids, revision })),
      distinctUntilChanged((a, b) => a.revision === b.revision && sameTaskSet(a.ids, b.ids)),
      map(({ ids }) => ids),
      loadRemoteData((ids) => tasksApi.getByIds(ids, GROUP_TASK_FIELDS).pipe(map(({ tasks }) => tasks)), GroupParamsApiActions),
    );
  },
  { functional: true },
);
