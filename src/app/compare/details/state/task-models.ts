import { createActionGroup, createFeature, createReducer, on, props } from '@ngrx/store';
import { ModelInfo, Task, modelRefId } from '../../../core/api/models';

export const TaskModelsApiActions = createActionGroup({
  source: 'Task Models API',
  events: {
    'Models Requested': props<{ ids: string[] }>(),
    'Models Loaded': props<{ models: ModelInfo[]; asked: string[] }>(),
    'Models Load Failed': props<{ asked: string[]; message: string }>(),
  },
});

/** The input and output models of the compared tasks, by id (as `models.get_all_ex` answers them). */
export interface TaskModelsState {
  modelsById: Record<string, ModelInfo>;
  /** Ids asked for (once each: a model the server did not return shows as missing). */
  asked: string[];
  error: string | null;
}

export const taskModelsFeature = createFeature({
  name: 'comparedTaskModels',
  reducer: createReducer<TaskModelsState>(
    { modelsById: {}, asked: [], error: null },
    on(TaskModelsApiActions.modelsRequested, (state, { ids }): TaskModelsState => ({
      ...state,
      asked: [...new Set([...state.asked, ...ids])],
    })),
    on(TaskModelsApiActions.modelsLoaded, (state, { models }): TaskModelsState => ({
      ...state,
      modelsById: { ...state.modelsById, ...Object.fromEntries(models.map((m) => [m.id, m])) },
      error: null,
    })),
    // Asked again with the next tasks that name them.
    on(TaskModelsApiActions.modelsLoadFailed, (state, { asked, message }): TaskModelsState => ({
      ...state,
      asked: state.asked.filter((id) => !asked.includes(id)),
      error: message,
    })),
  ),
});

/**
 * The model ids a task's `models.input[]` / `models.output[]` name (each item's `model` is `{id}`
 * or an id); anything else there is skipped.
 */
export function modelIdsOf(tasks: readonly (Task | null)[]): string[] {
  const ids = new Set<string>();
  for (const task of tasks) {
    for (const ref of [...(task?.models?.input ?? []), ...(task?.models?.output ?? [])]) {
      const id = modelRefId(ref);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}
