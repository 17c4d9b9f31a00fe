import { Store } from '@ngrx/store';
import { Actions } from '@ngrx/effects';
import { BehaviorSubject, Observable, Subject, of, throwError } from 'rxjs';
import { Task } from '../../../core/api/models';
import { ModelsApi } from '../../../core/api/models-api';
import { selectDetailedTasks } from '../../../state/task-details/task-details.feature';
import { detailsSections } from '../details-sections';
import { TaskModelsApiActions, modelIdsOf, taskModelsFeature } from './task-models';
import { loadTaskModels, requestTaskModels } from './task-models.effects';

/** Tasks as clearml-server answers them: each model item names its model by id. */
const task = (id: string, input: string[], output: string[]): Task =>
  ({
    id,
    name: id,
    status: 'completed',
    type: 'training',
    project: { id: 'p', name: 'CIFAR' },
    models: {
      input: input.map((m) => ({ name: `in ${m}`, model: m })),
      output: output.map((m, i) => ({ name: i ? `out ${i}` : 'final', model: m })),
    },
  }) as Task;

describe('Details models', () => {
  it('collects the model ids every compared task names, once each', () => {
    expect(modelIdsOf([task('a', ['m1'], ['m2']), null, task('b', ['m1'], ['m3', 'm2'])])).toEqual(['m1', 'm2', 'm3']);
    expect(modelIdsOf([{ id: 'x', name: 'x', status: 'created', type: 'training' } as Task])).toEqual([]);
    // clearml-server's tasks.get_all_ex answers the reference as {id}.
    const asRefs = {
      ...task('c', [], []),
      models: { input: [{ name: 'in', model: { id: 'm7' } }], output: [{ name: 'out', model: null }] },
    } as Task;
    expect(modelIdsOf([asRefs])).toEqual(['m7']);
  });

  it('asks models.get_all_ex once for the models of all compared tasks, and not again for ones asked', () => {
    const tasks$ = new BehaviorSubject<(Task | null)[]>([task('a', ['m1'], ['m2']), task('b', [], ['m3'])]);
    const asked$ = new BehaviorSubject<string[]>([]);
    const store = {
      select: (selector: unknown): Observable<unknown> =>
        selector === selectDetailedTasks ? tasks$ : selector === taskModelsFeature.selectAsked ? asked$ : of(null),
    } as unknown as Store;
    const out: unknown[] = [];
    requestTaskModels(store).subscribe((a) => out.push(a));
    expect(out).toEqual([TaskModelsApiActions.modelsRequested({ ids: ['m1', 'm2', 'm3'] })]);
    asked$.next(['m1', 'm2', 'm3']);
    tasks$.next([task('a', ['m1'], ['m2']), task('c', [], ['m4'])]);
    expect(out[1]).toEqual(TaskModelsApiActions.modelsRequested({ ids: ['m4'] }));

    const actions$ = new Subject<{ type: string }>();
    const getByIds = jasmine.createSpy('getByIds').and.returnValues(
      of({ models: [{ id: 'm1', name: 'resnet' }] }),
      throwError(() => new Error('down')),
    );
    const loaded: unknown[] = [];
    loadTaskModels(actions$ as unknown as Actions, { getByIds } as unknown as ModelsApi).subscribe((a) => loaded.push(a));
    actions$.next(TaskModelsApiActions.modelsRequested({ ids: ['m1', 'm2'] }));
    actions$.next(TaskModelsApiActions.modelsRequested({ ids: ['m4'] }));
    expect(getByIds.calls.allArgs()).toEqual([[['m1', 'm2']], [['m4']]]);
    expect(loaded).toEqual([
      TaskModelsApiActions.modelsLoaded({ models: [{ id: 'm1', name: 'resnet' }], asked: ['m1', 'm2'] }),
      TaskModelsApiActions.modelsLoadFailed({ asked: ['m4'], message: 'down' }),
    ]);
  });

  it('keeps models by id; a failed call lets them be asked again', () => {
    const { reducer } = taskModelsFeature;
    let state = reducer(undefined, TaskModelsApiActions.modelsRequested({ ids: ['m1', 'm2'] }));
    state = reducer(state, TaskModelsApiActions.modelsLoaded({ models: [{ id: 'm1', name: 'resnet' }], asked: ['m1', 'm2'] }));
    expect(state.modelsById).toEqual({ m1: { id: 'm1', name: 'resnet' } });
    expect(state.asked).toEqual(['m1', 'm2']);
    state = reducer(state, TaskModelsApiActions.modelsLoadFailed({ asked: ['m2'], message: 'down' }));
    expect(state.asked).toEqual(['m1']);
  });

  it("shows each model's name, framework, URI, labels and design from models.get_all_ex; a model not returned shows as missing", () => {
    const models = {
      m1: {
        id: 'm1',
        name: 'resnet18 final',
        framework: 'PyTorch',
        uri: 'file:///m1.pt',
        labels: { cat: 0, dog: 1 },
        design: { design: 'Conv2d(3, 64)' },
      },
    };
    const asRef = { ...task('a', [], []), models: { output: [{ name: 'final', model: { id: 'm1' } }] } } as Task;
    const [, , modelsSection] = detailsSections([asRef, task('b', [], ['gone'])], false, false, models);
    const value = (t: number, key: string) => modelsSection.entries[t].find((e) => e.key === key)?.value;
    expect(value(0, 'output:final.name')).toBe('resnet18 final');
    expect(value(0, 'output:final.id')).toBe('m1');
    expect(value(0, 'output:final.framework')).toBe('PyTorch');
    expect(value(0, 'output:final.uri')).toBe('file:///m1.pt');
    expect(value(0, 'output:final.labels')).toBe('cat: 0, dog: 1');
    expect(value(0, 'output:final.design')).toBe('Conv2d(3, 64)');
    expect(value(1, 'output:final.id')).toBe('gone');
    expect(value(1, 'output:final.name')).toBeNull();
    // The project's name comes from the dotted field; a reference without a name shows nothing.
    const [general] = detailsSections([task('a', [], []), { ...task('b', [], []), project: { id: 'p' } }], false);
    expect(general.entries[0].find((e) => e.key === 'project')?.value).toBe('CIFAR');
    expect(general.entries[1].find((e) => e.key === 'project')?.value).toBeNull();
  });
});
