import { Action, Store } from '@ngrx/store';
import { Observable, OperatorFunction, catchError, combineLatest, concat, distinctUntilChanged, filter, map, of, switchMap } from 'rxjs';
import { errorMessage } from '../../core/error-message';
import { MAX_COMPARED_TASKS } from '../../url/compare-url';
import { compareFeature, selectCompareView, selectEmbedded, selectExistingTaskIds } from './compare.feature';

/**
 * One kind of the compare page's remote data as the store holds it (see ARCHITECTURE.md, "Remote
 * data"): the value for one set of compared tasks, whether a load is under way, and its error.
 */
export interface RemoteData<T> {
  /** The ids the value (or the load under way) is for; null before the first load. */
  taskIds: string[] | null;
  value: T | null;
  loading: boolean;
  error: string | null;
}

export const initialRemoteData: RemoteData<never> = { taskIds: null, value: null, loading: false, error: null };

/** Whether two lists hold the same ids, in any order (a new base task reorders, it fetches nothing). */
export function sameTaskSet(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** A load starts: a refresh of the same tasks keeps the value shown until the answer; other tasks start from nothing. */
export function remoteLoadStarted<T>(state: RemoteData<T>, taskIds: string[]): RemoteData<T> {
  return sameTaskSet(state.taskIds, taskIds)
    ? { ...state, taskIds, loading: true, error: null }
    : { taskIds, value: null, loading: true, error: null };
}

/** An answer for the tasks asked for last (an answer for others, superseded, is dropped). */
export function remoteLoaded<T>(state: RemoteData<T>, taskIds: string[], value: T): RemoteData<T> {
  return sameTaskSet(state.taskIds, taskIds) ? { taskIds: state.taskIds, value, loading: false, error: null } : state;
}

export function remoteLoadFailed<T>(state: RemoteData<T>, taskIds: string[], message: string): RemoteData<T> {
  return sameTaskSet(state.taskIds, taskIds) ? { ...state, loading: false, error: message } : state;
}

/**
 * When one kind of remote data is to be loaded, as the compared ids that exist (the task list's
 * answer says which; see `selectExistingTaskIds`): when a view that shows it
 * (`shows`, from the URL's view and whether it is an embed) is open on a set of tasks not loaded
 * yet, and when live updates found new data (the compare state's `dataRevision`), at once while
 * such a view is open or as soon as one opens. Moving between views that show the same data, or a
 * view option written to the URL, loads nothing: the store already holds it.
 */
export function comparedIdsToLoad(store: Store, shows: (view: string, embedded: boolean) => boolean): Observable<string[]> {
  return combineLatest([
    store.select(selectExistingTaskIds),
    store.select(selectCompareView),
    store.select(selectEmbedded),
    store.select(compareFeature.selectDataRevision),
  ]).pipe(
    filter(
      (latest): latest is [string[], string, boolean, number] =>
        latest[0] !== null && shows(latest[1], latest[2]) && latest[0].length > 0 && latest[0].length <= MAX_COMPARED_TASKS,
    ),
    map(([ids, , , revision]) => ({ ids, revision })),
    distinctUntilChanged((a, b) => a.revision === b.revision && sameTaskSet(a.ids, b.ids)),
    map(({ ids }) => ids),
  );
}

/** The actions of one kind of remote data's loads. */
export interface RemoteDataActions<T> {
  loadStarted: (props: { taskIds: string[] }) => Action;
  loaded: (props: { taskIds: string[]; value: T }) => Action;
  loadFailed: (props: { taskIds: string[]; message: string }) => Action;
}

/** Loads for each set of ids (a newer set cancels a load under way): started, then loaded or failed. */
export function loadRemoteData<T>(
  fetch: (taskIds: string[]) => Observable<T>,
  actions: RemoteDataActions<T>,
): OperatorFunction<string[], Action> {
  return switchMap((taskIds) =>
    concat(
      of(actions.loadStarted({ taskIds })),
      fetch(taskIds).pipe(
        map((value) => actions.loaded({ taskIds, value })),
        catchError((err: unknown) => of(actions.loadFailed({ taskIds, message: errorMessage(err) }))),
      ),
    ),
  );
}
