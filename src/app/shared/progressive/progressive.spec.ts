import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { drawnInSteps } from './progressive';

@Component({ template: '' })
class Host {
  readonly items = signal<number[]>([]);
  readonly drawn = drawnInSteps(this.items, 2, 3);
}

describe('drawnInSteps', () => {
  it('draws the first items at once, the rest a step per task, and starts over for a new list', () => {
    // Tasks run one at a time, by hand.
    const tasks = new Map<number, () => void>();
    let next = 1;
    spyOn(window, 'setTimeout').and.callFake(((work: () => void) => (tasks.set(next, work), next++)) as unknown as typeof setTimeout);
    spyOn(window, 'clearTimeout').and.callFake(((id: number) => tasks.delete(id)) as typeof clearTimeout);
    const runOne = () => {
      const [id, work] = tasks.entries().next().value!;
      tasks.delete(id);
      work();
    };
    const host = TestBed.createComponent(Host);
    const { items, drawn } = host.componentInstance;
    items.set([1, 2, 3, 4, 5, 6, 7, 8]);
    TestBed.tick();
    expect(drawn()).toEqual([1, 2]);
    runOne();
    expect(drawn()).toEqual([1, 2, 3, 4, 5]);
    runOne();
    expect(drawn()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tasks.size).toBe(0);
    items.set([9, 10, 11]);
    TestBed.tick();
    expect(drawn()).toEqual([9, 10]);
    items.set([1]); // a new list before the last one was drawn: its step is dropped
    TestBed.tick();
    expect(drawn()).toEqual([1]);
    expect(tasks.size).toBe(0);
    host.destroy();
  });
});
