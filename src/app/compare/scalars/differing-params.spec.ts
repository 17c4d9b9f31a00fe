import { Task } from '../../core/api/models';
import {
  LEGEND_PARAMS_CHARS,
  differingParams,
  formatLegendParams,
  paramVariation,
  parseLegendParams,
  rankDifferingParams,
} from './differing-params';

function task(id: string, params: Record<string, Record<string, string>>): Task {
  const hyperparams: Task['hyperparams'] = {};
  for (const [section, values] of Object.entries(params)) {
    hyperparams[section] = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { section, name, value }]));
  }
  return { id, name: id, status: 'completed', type: 'training', hyperparams };
}

describe('differingParams', () => {
  it('lists only the parameters whose values differ, by name, section-qualified when names clash', () => {
    const params = differingParams([
      task('a', { Args: { lr: '0.1', bs: '64', seed: '1' }, opt: { lr: '0.1' } }),
      task('b', { Args: { lr: '0.01', bs: '64', seed: '1' }, opt: { lr: '0.2' } }),
    ]);
    expect(params.get('a')).toBe('Args/lr=0.1, opt/lr=0.1');
    expect(params.get('b')).toBe('Args/lr=0.01, opt/lr=0.2');
  });

  it('shows a missing parameter as a dash and nothing when all agree', () => {
    const params = differingParams([task('a', { Args: { lr: '1', x: 'y' } }), task('b', { Args: { x: 'y' } })]);
    expect(params.get('b')).toBe('lr=–');
    expect(differingParams([task('a', { Args: { x: 'y' } }), task('b', { Args: { x: 'y' } })]).get('a')).toBe('');
  });

  it('ranks what varies most first: more distinct values, then a wider spread for the magnitude', () => {
    const cifar = [
      task('a', {
        Args: { amp: 'False', augment: 'standard', batch_size: '128', dropout: '0', lr: '0.03', optimizer: 'sgd', weight_decay: '0.0005' },
      }),
      task('b', {
        Args: {
          amp: 'True',
          augment: 'randaugment',
          batch_size: '256',
          dropout: '0.2',
          lr: '0.003',
          optimizer: 'adamw',
          weight_decay: '0.05',
        },
      }),
      task('c', {
        Args: { amp: 'True', augment: 'standard', batch_size: '128', dropout: '0.1', lr: '0.1', optimizer: 'adam', weight_decay: '0' },
      }),
      task('d', {
        Args: {
          amp: 'True',
          augment: 'standard',
          batch_size: '128',
          dropout: '0.1',
          lr: '0.001',
          optimizer: 'adamw',
          weight_decay: '0.05',
        },
      }),
      task('e', {
        Args: { amp: 'True', augment: 'standard', batch_size: '128', dropout: '0.1', lr: '0.0003', optimizer: 'adam', weight_decay: '0' },
      }),
    ];
    const ranked = rankDifferingParams(cifar).map((k) => k.name);
    expect(ranked[0]).toBe('lr');
    expect(ranked.slice(1, 4).sort()).toEqual(['dropout', 'optimizer', 'weight_decay']);
    expect(ranked.slice(4).sort()).toEqual(['amp', 'augment', 'batch_size']);
    const legend = differingParams(cifar).get('a')!;
    expect(legend.startsWith('lr=0.03')).toBeTrue();
    expect(legend).not.toContain('amp=');
    expect(legend.length).toBeLessThanOrEqual(LEGEND_PARAMS_CHARS);
  });

  it('measures spread relative to the magnitude, text values counting as wholly different', () => {
    expect(paramVariation(['1', '1']).distinct).toBe(1);
    expect(paramVariation(['100', '101']).spread).toBeLessThan(paramVariation(['0.1', '0.5']).spread);
    expect(paramVariation(['sgd', 'adam']).spread).toBe(1);
    expect(paramVariation(['0', '0', '']).distinct).toBe(2);
  });

  it('shows the picked parameters, in the picked order, even ones that agree; nothing when none is picked', () => {
    const tasks = [task('a', { Args: { lr: '0.1', bs: '64', seed: '1' } }), task('b', { Args: { lr: '0.01', bs: '64', seed: '2' } })];
    expect(differingParams(tasks, ['Args/bs', 'Args/lr']).get('b')).toBe('bs=64, lr=0.01');
    expect(differingParams(tasks, ['Args/unknown']).get('a')).toBe('');
    expect(differingParams(tasks, []).get('a')).toBe('');
    expect(parseLegendParams(formatLegendParams(['Args/bs', 'Args/lr']))).toEqual(['Args/bs', 'Args/lr']);
    expect(parseLegendParams(formatLegendParams([]))).toEqual([]);
    expect(formatLegendParams(null)).toBeNull();
    expect(parseLegendParams(null)).toBeNull();
  });
});
