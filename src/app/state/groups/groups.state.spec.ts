import { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Observable, of } from 'rxjs';
import { Task } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { compareFeature, selectComparedTaskIds } from '../compare/compare.feature';
import { GroupParamsApiActions } from './groups.actions';
import { loadGroupParams } from './groups.effects';
import { GROUP_TASK_FIELDS, groupParamsFeature, selectGroupOptions, selectTaskGroups } from './groups.feature';
import { GROUP_OPTIONS } from './group-options';
import { readOptions } from '../../url/view-options';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
const task = (id: string, lr: string, seed: string) =>
  ({
    id,
    name: id,
    hyperparams: {
      Args: { lr: { section: 'Args', name: 'lr', value: lr }, seed: { section: 'Args', name: 'seed', value: seed } },
    },
  }) as unknown as Task;

describe('group state', () => {
  it('reads the grouping from the URL and writes nothing for the defaults', () => {
    expect(readOptions(GROUP_OPTIONS, { groupby: 'params', gparams: 'Args/lr|Args/lr|General/x' })).toEqual({
      mode: 'params',
      params: ['Args/lr', 'General/x'],
      ignored: [],
    });
    expect(readOptions(GROUP_OPTIONS, { groupby: 'odd' }).mode).toBe('none');
    expect(GROUP_OPTIONS.mode.format('none')).toBeNull();
    expect(GROUP_OPTIONS.ignored.format([])).toBeNull();
  });

  it('loads the parameters only while a grouping is chosen, once per set of tasks and again on new data', () => {
    const ids = new BehaviorSubject([A, B]);
    const options = new BehaviorSubject(readOptions(GROUP_OPTIONS, {}));
    const revision = new BehaviorSubject(0);
    const store = {
      select: (selector: unknown): Observable<unknown> =>
        selector === selectComparedTaskIds
          ? ids
          : selector === selectGroupOptions
            ? options
            : selector === compareFeature.selectDataRevision
              ? revision
              : of(null),
    } as unknown as Store;
    const getByIds = jasmine.createSpy('getByIds').and.callFake((asked: string[]) => of({ tasks: asked.map((id) => task(id, '1', '1')) }));
    const out: Action[] = [];
    const sub = loadGroupParams(store, { getByIds } as unknown as TasksApi).subscribe((a) => out.push(a));
    expect(getByIds).not.toHaveBeenCalled();
    options.next(readOptions(GROUP_OPTIONS, { groupby: 'all' }));
    options.next(readOptions(GROUP_OPTIONS, { groupby: 'params', gparams: 'Args/lr' }));
    options.next(readOptions(GROUP_OPTIONS, {}));
    options.next(readOptions(GROUP_OPTIONS, { groupby: 'all' }));
    ids.next([B, A]);
    expect(getByIds).toHaveBeenCalledOnceWith([A, B], GROUP_TASK_FIELDS);
    revision.next(1);
    ids.next([B, A, C]);
    expect(getByIds).toHaveBeenCalledTimes(3);
    expect(out.at(-1)).toEqual(
      GroupParamsApiActions.loaded({ taskIds: [B, A, C], value: [task(B, '1', '1'), task(A, '1', '1'), task(C, '1', '1')] }),
    );
    sub.unsubscribe();
  });

  it('selects the groups of the loaded tasks with their first task colour and size; none while not loaded', () => {
    let state = groupParamsFeature.reducer(undefined, GroupParamsApiActions.loadStarted({ taskIds: [A, B, C] }));
    state = groupParamsFeature.reducer(
      state,
      GroupParamsApiActions.loaded({ taskIds: [A, B, C], value: [task(A, '1', '1'), task(B, '2', '1'), task(C, '1', '2')] }),
    );
    const compared = [A, B, C].map((id, i) => ({ id, color: `#00000${i}`, isBase: i === 0, displayName: id, task: null }));
    const tasks = [A, B, C].map((id) => state.value!.find((t) => t.id === id)!);
    const groups = selectTaskGroups.projector(tasks, readOptions(GROUP_OPTIONS, { groupby: 'all' }), compared);
    expect(groups!.map((g) => [g.name, g.size, g.color, g.isBase])).toEqual([
      ['lr=1', 2, '#000000', true],
      ['lr=2', 1, '#000001', false],
    ]);
    expect(selectTaskGroups.projector(null, readOptions(GROUP_OPTIONS, { groupby: 'all' }), compared)).toBeNull();
    expect(selectTaskGroups.projector(tasks, readOptions(GROUP_OPTIONS, {}), compared)).toBeNull();
  });
});
