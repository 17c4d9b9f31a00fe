import { TestBed } from '@angular/core/testing';
import { TaskColorStorage } from './task-color-storage';

describe('TaskColorStorage', () => {
  const key = 'compare-tasks.task-colors';
  afterEach(() => localStorage.removeItem(key));

  it('round-trips colours', () => {
    const storage = TestBed.inject(TaskColorStorage);
    storage.write({ a: '#112233' });
    expect(storage.read()).toEqual({ a: '#112233' });
  });

  it('ignores broken or hostile stored values', () => {
    const storage = TestBed.inject(TaskColorStorage);
    localStorage.setItem(key, '{not json');
    expect(storage.read()).toEqual({});
    localStorage.setItem(key, JSON.stringify({ a: 'red;background:url(x)', b: '#00ff00', c: 5 }));
    expect(storage.read()).toEqual({ b: '#00ff00' });
  });
});
