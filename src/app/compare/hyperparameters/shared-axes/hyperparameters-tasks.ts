import { computed, effect, inject, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Store } from '@ngrx/store';
import { map, of } from 'rxjs';
import { TasksApi } from '../../../core/api/tasks-api';
import { Task } from '../../../core/api/models';
import { ComparedTask, compareFeature, selectComparedTaskIds, selectComparedTasks } from '../../../state/compare/compare.feature';
import { errorMessage } from '../../../core/error-message';

export const HYPERPARAMETER_TASK_FIELDS = ['id', 'name', 'status', 'hyperparams', 'last_metrics'];

/** A compared task with its parameters and metrics, in comparison order. */
export interface HyperparameterTask extends ComparedTask {
  full: Task;
}

/**
 * Loads the compared tasks' hyperparameters and metric summaries (one request, refetched when
 * the comparison changes or live updates find new data) and joins them with the page's colours and names.
 */
export function injectHyperparameterTasks() {
  const store = inject(Store);
  const api = inject(TasksApi);
  // Compared by value: a view option written to the URL gives the same ids again as a new array, which
  // must not refetch the tasks (and redraw the chart from nothing) while the option changes.
  const ids = store.selectSignal(selectComparedTaskIds, { equal: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) });
  const compared = store.selectSignal(selectComparedTasks);
  const resource = rxResource({
    params: () => ({ ids: ids() }),
    stream: ({ params }) => params.ids.length ? api.getByIds(params.ids, HYPERPARAMETER_TASK_FIELDS).pipe(map((r) => r.tasks)) : of<Task[]>([]),
  });
  // Live updates: new data reloads the tasks in place (the chart keeps showing the last answer meanwhile).
  const revision = store.selectSignal(compareFeature.selectDataRevision);
  let seen: number | null = null;
  effect(() => {
    const current = revision();
    if (seen !== null && current !== seen) untracked(() => resource.reload());
    seen = current;
  });
  const tasks = computed<HyperparameterTask[]>(() => {
    const loaded = resource.hasValue() ? resource.value() : [];
    const byId = new Map(loaded.map((t) => [t.id, t]));
    return compared().flatMap((c) => {
      const full = byId.get(c.id);
      return full ? [{ ...c, full }] : [];
    });
  });
  const error = computed(() => {
    const err = resource.error();
    return err ? errorMessage(err) : null;
  });
  return { tasks, loading: resource.isLoading, error, reload: () => resource.reload() };
}
