import { Actions } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Observable, Subject, of, throwError } from 'rxjs';
import { Task } from '../../../core/api/models';
import { TasksApi } from '../../../core/api/tasks-api';
import { compareFeature, selectCompareView, selectEmbedded, selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { HyperparametersApiActions, HyperparametersPageActions } from './hyperparameters.actions';
import { loadHyperparameters } from './hyperparameters.effects';
import {
  HYPERPARAMETER_TASK_FIELDS,
  hyperparametersFeature,
  selectHyperparameterTasks,
  selectHyperparameterFullTasks,
  selectHyperparametersPending,
} from './hyperparameters.feature';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const task = (id: string) => ({ id, name: id, hyperparams: { Args: { lr: { name: 'lr', value: id } } } }) as unknown as Task;

function setUp(getByIds: jasmine.Spy) {
  const ids = new BehaviorSubject([A, B]);
  const view = new BehaviorSubject('hyper-params/values');
  const revision = new BehaviorSubject(0);
  const store = {
    select: (selector: unknown): Observable<unknown> =>
      selector === selectExistingTaskIds
        ? ids
        : selector === selectCompareView
          ? view
          : selector === selectEmbedded
            ? of(false)
            : selector === compareFeature.selectDataRevision
              ? revision
              : of(null),
  } as unknown as Store;
  const actions$ = new Subject<Action>();
  const out: Action[] = [];
  const sub = loadHyperparameters(actions$ as unknown as Actions, store, { getByIds } as unknown as TasksApi).subscribe((a) => out.push(a));
  return { ids, view, revision, actions$, out, sub };
}

describe('hyperparameters state', () => {
  it('fetches the parameters once for Values, parallel coordinates and scatter', () => {
    const getByIds = jasmine.createSpy('getByIds').and.callFake((ids: string[]) => of({ tasks: ids.map(task) }));
    const { view, out, sub } = setUp(getByIds);
    view.next('hyper-params/graph');
    view.next('hyper-params/scatter');
    view.next('hyper-params/values');
    expect(getByIds).toHaveBeenCalledOnceWith([A, B], HYPERPARAMETER_TASK_FIELDS);
    expect(out).toEqual([
      HyperparametersApiActions.loadStarted({ taskIds: [A, B] }),
      HyperparametersApiActions.loaded({ taskIds: [A, B], value: [task(A), task(B)] }),
    ]);
    sub.unsubscribe();
  });

  it('fetches them again when live updates find new data, and on retry after a failure', () => {
    const getByIds = jasmine.createSpy('getByIds').and.returnValues(
      throwError(() => new Error('down')),
      of({ tasks: [task(A)] }),
      of({ tasks: [task(A), task(B)] }),
    );
    const { revision, actions$, out, sub } = setUp(getByIds);
    expect(out[1]).toEqual(HyperparametersApiActions.loadFailed({ taskIds: [A, B], message: 'down' }));
    actions$.next(HyperparametersPageActions.retryClicked());
    expect(out[3]).toEqual(HyperparametersApiActions.loaded({ taskIds: [A, B], value: [task(A)] }));
    revision.next(1);
    expect(getByIds).toHaveBeenCalledTimes(3);
    expect(out[5]).toEqual(HyperparametersApiActions.loaded({ taskIds: [A, B], value: [task(A), task(B)] }));
    sub.unsubscribe();
  });

  it('keeps the tasks shown while they are refreshed', () => {
    const { reducer } = hyperparametersFeature;
    let state = reducer(undefined, HyperparametersApiActions.loadStarted({ taskIds: [A] }));
    state = reducer(state, HyperparametersApiActions.loaded({ taskIds: [A], value: [task(A)] }));
    state = reducer(state, HyperparametersApiActions.loadStarted({ taskIds: [A] }));
    expect(state.value).toEqual([task(A)]);
    expect(state.loading).toBeTrue();
  });

  it('gives the loaded tasks in comparison order, the same array while they are the same', () => {
    const byId = new Map([[A, task(A)]]);
    const one = selectHyperparameterFullTasks.projector([B, A], byId);
    expect(one).toEqual([null, task(A)]);
    expect(selectHyperparameterFullTasks.projector([B, A], byId)).toBe(one);
  });

  it('joins the loaded tasks with the page colours and names, leaving out tasks not loaded', () => {
    const compared = [A, B].map((id, i) => ({ id, isBase: i === 0, color: '#000', displayName: id, task: null }));
    const joined = selectHyperparameterTasks.projector(compared, new Map([[B, task(B)]]));
    expect(joined.map((t) => [t.id, t.isBase, t.full.id])).toEqual([[B, false, B]]);
  });

  it('is pending until the compared set is answered', () => {
    expect(selectHyperparametersPending.projector([A], null, null, false)).toBeTrue();
    expect(selectHyperparametersPending.projector([A], [A], [task(A)], false)).toBeFalse();
    expect(selectHyperparametersPending.projector([A, B], [A], [task(A)], false)).toBeTrue();
    expect(selectHyperparametersPending.projector([A], [A], [task(A)], true)).toBeTrue();
  });
});
