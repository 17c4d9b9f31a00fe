import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { drawnInSteps } from './progressive';

@Component({ template: '' })
class Host {
  readonly items = signal<number[]>([]);
  readonly drawn = drawnInSteps(this.items, 2, 3);
}

@Component({ template: '' })
class KeepingHost {
  readonly items = signal<number[]>([]);
  readonly drawn = drawnInSteps(this.items, 2, 3, { keepDrawn: true });
}

/** setTimeout and clearTimeout by hand: `runOne` runs the oldest pending task. */
function manualTasks() {
  const tasks = new Map<number, () => void>();
  let next = 1;
  spyOn(window, 'setTimeout').and.callFake(((work: () => void) => (tasks.set(next, work), next++)) as unknown as typeof setTimeout);
  spyOn(window, 'clearTimeout').and.callFake(((id: number) => tasks.delete(id)) as typeof clearTimeout);
  const runOne = () => {
    const [id, work] = tasks.entries().next().value!;
    tasks.delete(id);
    work();
  };
  return { tasks, runOne };
}

describe('drawnInSteps', () => {
  it('draws the first items at once, the rest a step per task, and starts over for a new list', () => {
    const { tasks, runOne } = manualTasks();
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

  it('with keepDrawn, starts a new list from as many items as were drawn of the old one', () => {
    const { tasks, runOne } = manualTasks();
    const host = TestBed.createComponent(KeepingHost);
    const { items, drawn } = host.componentInstance;
    items.set([1, 2, 3, 4, 5, 6, 7, 8]);
    TestBed.tick();
    expect(drawn()).toEqual([1, 2]);
    runOne();
    expect(drawn()).toEqual([1, 2, 3, 4, 5]);
    // The next page of the same size: the five rows on screen change at once, the rest come in steps.
    items.set([11, 12, 13, 14, 15, 16, 17, 18]);
    TestBed.tick();
    expect(drawn()).toEqual([11, 12, 13, 14, 15]);
    runOne();
    expect(drawn()).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
    expect(tasks.size).toBe(0);
    // Fewer items: all of them; then a longer list again starts from those drawn, not from the old count.
    items.set([21, 22, 23]);
    TestBed.tick();
    expect(drawn()).toEqual([21, 22, 23]);
    items.set([31, 32, 33, 34, 35, 36, 37, 38]);
    TestBed.tick();
    expect(drawn()).toEqual([31, 32, 33]);
    // An empty list (a page loading) keeps nothing: the next list starts from `first`.
    items.set([]);
    TestBed.tick();
    items.set([41, 42, 43, 44, 45]);
    TestBed.tick();
    expect(drawn()).toEqual([41, 42]);
    host.destroy();
    expect(tasks.size).toBe(0);
  });
});
