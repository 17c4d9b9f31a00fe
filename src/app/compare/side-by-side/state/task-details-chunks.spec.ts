import { Task } from '../../../core/api/models';
import { chunks, withTexts } from './task-details-chunks';

describe('task details chunks', () => {
  it('splits ids into requests of at most the chunk size, in order', () => {
    expect(chunks(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunks([], 10)).toEqual([]);
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
