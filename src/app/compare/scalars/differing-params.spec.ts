import { Task } from '../../core/api/models';
import { differingParams } from './differing-params';

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
});
