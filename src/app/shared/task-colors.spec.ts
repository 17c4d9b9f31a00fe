import { TASK_PALETTE, displayNames, taskColor } from './task-colors';

describe('task colours and names', () => {
  it('gives a task the same colour every time, from the palette', () => {
    const id = '0123456789abcdef0123456789abcdef';
    expect(taskColor(id)).toBe(taskColor(id));
    expect(TASK_PALETTE).toContain(taskColor(id));
  });

  it('spreads ids over the palette', () => {
    const ids = Array.from({ length: 200 }, (_, i) => i.toString(16).padStart(32, '0'));
    expect(new Set(ids.map(taskColor)).size).toBeGreaterThan(TASK_PALETTE.length / 2);
  });

  it('adds an id suffix only to names that several tasks share', () => {
    const names = displayNames([
      { id: 'aaaaa1', name: 'resnet' },
      { id: 'bbbbb2', name: 'resnet' },
      { id: 'ccccc3', name: 'vit' },
    ]);
    expect(names.get('aaaaa1')).toBe('resnet · aaaaa');
    expect(names.get('bbbbb2')).toBe('resnet · bbbbb');
    expect(names.get('ccccc3')).toBe('vit');
  });
});
