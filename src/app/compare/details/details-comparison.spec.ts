import { Task } from '../../core/api/models';
import { TaskCache, compareDetails, transferables } from './details-comparison';

const task = (id: string, pip: string): Task => ({ id, name: id, script: { requirements: { pip } } }) as unknown as Task;

describe('details comparison', () => {
  it('keeps tasks between requests: a new order needs no task sent again, tasks no longer compared are dropped', () => {
    const cache = new TaskCache();
    const a = task('a', 'x==1');
    const b = task('b', 'x==2');
    expect(cache.resolve({ ids: ['a', 'b'], fresh: [a, b] })).toEqual([a, b]);
    expect(cache.resolve({ ids: ['b', 'a', null], fresh: [] })).toEqual([b, a, null]);
    expect(cache.resolve({ ids: ['b'], fresh: [] })).toEqual([b]);
    expect(cache.resolve({ ids: ['a', 'b'], fresh: [] })).toEqual([null, b]);
  });

  it('hands over one buffer pair per section table', () => {
    const sections = compareDetails([task('a', 'x==1\ny==1'), task('b', 'x==2\ny==1')], false);
    const tables = new Set(sections.flatMap((s) => s.rows.map((r) => r.table)));
    expect(transferables(sections).length).toBe(tables.size * 2);
    const packages = sections.find((s) => s.id === 'execution')!.rows.filter((r) => r.id.startsWith('packages:'));
    expect(packages.map((r) => [r.id, r.differs])).toEqual([['packages:x', true], ['packages:y', false]]);
  });
});
