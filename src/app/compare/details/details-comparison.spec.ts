import { Task } from '../../core/api/models';
import { TaskCache, compareDetails, parseTexts, transferables, withTexts } from './details-comparison';

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

  it('parses texts from the bytes of an answer and puts them into the tasks, a whole task keeping its own', () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ meta: {}, data: { tasks: [{ id: 'a', script: { diff: '+x' } }] } })).buffer;
    const texts = parseTexts(['a', 'gone'], bytes);
    expect(texts.get('gone')).toEqual({ id: 'gone' } as Task);
    const cache = new TaskCache();
    cache.addTexts(texts);
    const light = { id: 'a', name: 'a', script: { branch: 'main' } } as Task;
    expect(cache.resolve({ ids: ['a'], fresh: [light] })).toEqual([{ id: 'a', name: 'a', script: { branch: 'main', diff: '+x' } } as Task]);
    const whole = { id: 'a', name: 'a', script: { branch: 'main', diff: '+newer' }, configuration: {} } as Task;
    expect(cache.resolve({ ids: ['a'], fresh: [whole] })).toEqual([whole]);
    expect(() => parseTexts(['a'], new TextEncoder().encode('<html>').buffer)).toThrowError(/not a ClearML API response/);
  });

  it('hands over one buffer pair per section table', () => {
    const sections = compareDetails([task('a', 'x==1\ny==1'), task('b', 'x==2\ny==1')], false);
    const tables = new Set(sections.flatMap((s) => s.rows.map((r) => r.table)));
    expect(transferables(sections).length).toBe(tables.size * 2);
    const packages = sections.find((s) => s.id === 'execution')!.rows.filter((r) => r.id.startsWith('packages:'));
    expect(packages.map((r) => [r.id, r.differs])).toEqual([
      ['packages:x', true],
      ['packages:y', false],
    ]);
  });

  it('while long texts are still coming, leaves every text out and says they are loading', () => {
    const base = { ...task('a', 'x==1'), script: { branch: 'main', requirements: { pip: 'x==1' }, diff: '+a' } } as Task;
    const other = { id: 'b', name: 'b', script: { branch: 'dev' } } as Task;
    const rowIds = (pending: boolean) => compareDetails([base, other], false, pending).flatMap((s) => s.rows.map((r) => r.id));
    const pending = rowIds(true);
    expect(pending).toContain('texts-loading');
    expect(pending).toContain('config-loading');
    expect(pending).toContain('source.branch');
    expect(pending.filter((id) => id.startsWith('packages') || id.startsWith('diff') || id === 'container.setup')).toEqual([]);
    const done = rowIds(false);
    expect(done).not.toContain('texts-loading');
    expect(done).toContain('packages:x');
    expect(done).toContain('container.setup');
  });

  it('puts the long texts into a task beside its other fields, and adds nothing a task does not have', () => {
    const light = { id: 'a', name: 'a', script: { branch: 'main' }, container: { image: 'py' } } as Task;
    const texts = {
      id: 'a',
      script: { diff: '+x', requirements: { pip: 'numpy==2' } },
      container: { setup_shell_script: 'apt-get install' },
      configuration: { cfg: { name: 'cfg', value: 'a: 1' } },
    } as unknown as Task;
    expect(withTexts(light, texts)).toEqual({
      id: 'a',
      name: 'a',
      script: { branch: 'main', diff: '+x', requirements: { pip: 'numpy==2' } },
      container: { image: 'py', setup_shell_script: 'apt-get install' },
      configuration: { cfg: { name: 'cfg', value: 'a: 1' } },
    } as unknown as Task);
    expect(withTexts(light, { id: 'a' } as Task)).toEqual(light);
    expect(withTexts({ id: 'b' } as Task, { id: 'b' } as Task)).toEqual({ id: 'b' } as Task);
    expect(withTexts({ id: 'b' } as Task, { id: 'b', script: { diff: 'd' } } as Task)).toEqual({ id: 'b', script: { diff: 'd' } } as Task);
  });
});
