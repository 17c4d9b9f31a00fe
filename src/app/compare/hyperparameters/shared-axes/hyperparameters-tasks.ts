import { Signal, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { Task } from '../../../core/api/models';
import { ComparedTask } from '../../../state/compare/compare.feature';
import { hyperparametersFeature, selectHyperparameterTasks, selectHyperparametersPending } from '../state/hyperparameters.feature';

/** A compared task with its parameters and metrics, in comparison order. */
export interface HyperparameterTask extends ComparedTask {
  full: Task;
}

/**
 * The compared tasks' hyperparameters and metric summaries, joined with the page's colours and
 * names, as the Hyperparameters feature state holds them (loaded by its effect: once per set of
 * tasks for every Hyperparameters view, again when live updates find new data, the chart keeping
 * the last answer meanwhile).
 */
export function injectHyperparameterTasks() {
  const store = inject(Store);
  const tasks: Signal<HyperparameterTask[]> = store.selectSignal(selectHyperparameterTasks);
  const loading = store.selectSignal(selectHyperparametersPending);
  const error = store.selectSignal(hyperparametersFeature.selectError);
  return { tasks, loading, error };
}
