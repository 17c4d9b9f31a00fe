import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { drawnInSteps } from './progressive';

@Component({ selector: 'app-steps-host', template: '' })
class Host {
  readonly items = signal<number[]>([]);
  readonly drawn = drawnInSteps(this.items, 2, 3);
}

@Component({ selector: 'app-keeping-steps-host', template: '' })
class KeepingHost {
  readonly items = signal<number[]>([]);
  readonly drawn = drawnInSteps(this.items, 2, 3, { keep: true });
}

/** setTimeout and clearTimeout by hand: `runOne` runs the oldest task waiting. */
function handTasks() {
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

/** A host given the items 1..8 and drawn to its second step: 2 items at once, then 5. */
function drawnHalfway<H extends Host | KeepingHost>(type: new () => H, runOne: () => void) {
  const host = TestBed.createComponent(type);
  const { items, drawn } = host.componentInstance;
  items.set([1, 2, 3, 4, 5, 6, 7, 8]);
  TestBed.tick();
  expect(drawn()).toEqual([1, 2]);
  runOne();
  expect(drawn()).toEqual([1, 2, 3, 4, 5]);
  return { host, items, drawn };
}

describe('drawnInSteps', () => {
  it('with keep, a list changed in place keeps what was drawn, and an emptied list starts over', () => {
    const { tasks, runOne } = handTasks();
    const { host, items, drawn } = drawnHalfway(KeepingHost, runOne);
    // Changed in place halfway: the five drawn stay drawn, the rest follow in steps.
    items.set([11, 12, 13, 14, 15, 16, 17, 18, 19]);
    TestBed.tick();
    expect(drawn()).toEqual([11, 12, 13, 14, 15]);
    runOne();
    expect(drawn()).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
    runOne();
    expect(drawn().length).toBe(9);
    expect(tasks.size).toBe(0);
    // All drawn, changed again: all at once.
    items.set([21, 22, 23, 24, 25, 26, 27, 28, 29]);
    TestBed.tick();
    expect(drawn().length).toBe(9);
    expect(tasks.size).toBe(0);
    // Emptied (every plot hidden), then filled: back to the first items and steps.
    items.set([]);
    TestBed.tick();
    expect(drawn()).toEqual([]);
    items.set([1, 2, 3, 4, 5, 6, 7, 8]);
    TestBed.tick();
    expect(drawn()).toEqual([1, 2]);
    expect(tasks.size).toBe(1);
    host.destroy();
    expect(tasks.size).toBe(0);
  });

  it('draws the first items at once, the rest a step per task, and starts over for a new list', () => {
    // Tasks run one at a time, by hand.
    const { tasks, runOne } = handTasks();
    const { host, items, drawn } = drawnHalfway(Host, runOne);
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
