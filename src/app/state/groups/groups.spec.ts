import { GroupedTaskInput, differingGroupParams, groupTasks, groupingParams, isSeedLike } from './groups';

/** A task with `Args` parameters (and `General` ones when given). */
function task(id: string, args: Record<string, string>, general: Record<string, string> = {}): GroupedTaskInput {
  const section = (values: Record<string, string>, name: string) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { section: name, name: key, value }]));
  return {
    id,
    hyperparams: { Args: section(args, 'Args'), ...(Object.keys(general).length ? { General: section(general, 'General') } : {}) },
  };
}

const TASKS = [
  task('base1', { lr: '0.03', optimizer: 'sgd', seed: '1', batch_seed: '7' }),
  task('adam1', { lr: '0.001', optimizer: 'adam', seed: '1', batch_seed: '3' }),
  task('base2', { lr: '0.03', optimizer: 'sgd', seed: '2', batch_seed: '9' }),
  task('adam2', { lr: '0.001', optimizer: 'adam', seed: '2', batch_seed: '1' }),
  task('base3', { lr: '0.03', optimizer: 'sgd', seed: '3', batch_seed: '2' }),
];

const NO_CHOICE = { params: [], ignored: [] };

describe('groups', () => {
  it('knows seed-like names in any case', () => {
    expect(['seed', 'SEED', 'data_seed', 'Torch_Seed', 'random_state'].every(isSeedLike)).toBeTrue();
    expect(['seeds', 'seedling', 'lr', 'random_state_x', 'seed_data'].some(isSeedLike)).toBeFalse();
  });

  it('groups nothing under none', () => {
    expect(groupTasks(TASKS, { mode: 'none', ...NO_CHOICE })).toBeNull();
  });

  it('groups by every parameter but the seed-like ones, the base group first, named by the differing values', () => {
    const groups = groupTasks(TASKS, { mode: 'all', ...NO_CHOICE })!;
    expect(groups.map((g) => g.name)).toEqual(['lr=0.03, optimizer=sgd', 'lr=0.001, optimizer=adam']);
    expect(groups.map((g) => g.taskIds)).toEqual([
      ['base1', 'base2', 'base3'],
      ['adam1', 'adam2'],
    ]);
    expect(groups.map((g) => g.isBase)).toEqual([true, false]);
  });

  it('leaves out the parameters a person picks, besides the seed-like ones', () => {
    const tasks = [...TASKS, task('base4', { lr: '0.03', optimizer: 'sgd', seed: '4', batch_seed: '0', workers: '8' })];
    expect(groupTasks(tasks, { mode: 'all', ...NO_CHOICE })!.length).toBe(3);
    const groups = groupTasks(tasks, { mode: 'all', params: [], ignored: ['Args/workers'] })!;
    expect(groups.map((g) => g.taskIds.length)).toEqual([4, 2]);
    expect(groupingParams(tasks, { mode: 'all', params: [], ignored: ['Args/workers'] }).map((p) => p.id)).toEqual([
      'Args/lr',
      'Args/optimizer',
    ]);
  });

  it('groups by chosen parameters in their order; one group is named by its values', () => {
    const bySeed = groupTasks(TASKS, { mode: 'params', params: ['Args/seed'], ignored: [] })!;
    expect(bySeed.map((g) => [g.name, g.taskIds.length])).toEqual([
      ['seed=1', 2],
      ['seed=2', 2],
      ['seed=3', 1],
    ]);
    const same = [task('a', { lr: '1', seed: '1' }), task('b', { lr: '1', seed: '2' })];
    expect(groupTasks(same, { mode: 'params', params: ['Args/lr'], ignored: [] })!.map((g) => g.name)).toEqual(['lr=1']);
    expect(groupTasks(same, { mode: 'all', ...NO_CHOICE })!.map((g) => g.name)).toEqual(['all tasks']);
  });

  it('reads a missing parameter as its own value, and labels names two sections share with their section', () => {
    const tasks = [task('a', { lr: '1' }, { lr: '5' }), task('b', { lr: '1' }), task('c', { lr: '2' }, { lr: '5' })];
    const groups = groupTasks(tasks, { mode: 'all', ...NO_CHOICE })!;
    expect(groups.map((g) => g.name)).toEqual(['Args/lr=1, General/lr=5', 'Args/lr=1, General/lr=–', 'Args/lr=2, General/lr=5']);
  });

  it('lists the differing parameters, and ignores a chosen parameter no task has', () => {
    expect(differingGroupParams(TASKS).map((p) => p.id)).toEqual(['Args/batch_seed', 'Args/lr', 'Args/optimizer', 'Args/seed']);
    const groups = groupTasks(TASKS, { mode: 'params', params: ['Args/nothing', 'Args/optimizer'], ignored: [] })!;
    expect(groups.map((g) => g.name)).toEqual(['optimizer=sgd', 'optimizer=adam']);
  });

  it('puts tasks without parameters together', () => {
    const groups = groupTasks([{ id: 'x' }, task('y', { lr: '1' }), { id: 'z', hyperparams: null }], { mode: 'all', ...NO_CHOICE })!;
    expect(groups.map((g) => g.taskIds)).toEqual([['x', 'z'], ['y']]);
  });
});
