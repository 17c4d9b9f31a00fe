import { DestroyRef, Signal, computed, effect, inject, signal, untracked } from '@angular/core';

/** Runs `work` when the page has nothing else to do (at the latest after a second). */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 50);
}

/**
 * The first `first` items of a list at once, then `step` more in each following task until all are
 * drawn, so a long list never makes one long task and its first rows paint early. Starts over when
 * the list changes; with `keep`, a changed list keeps as many items drawn as the last one had (for
 * lists updated in place, where starting over would shrink the page under the reader). Call in an
 * injection context.
 */
export function drawnInSteps<T>(
  items: Signal<readonly T[]>,
  first: number,
  step: number,
  options: { keep?: boolean } = {},
): Signal<readonly T[]> {
  const count = signal(first);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastLength = 0;
  const grow = () => {
    timer = undefined;
    count.update((n) => n + step);
    if (count() < untracked(items).length) timer = setTimeout(grow);
  };
  effect(() => {
    const length = items().length;
    // How many items of the last list were drawn.
    const drawn = Math.min(untracked(count), lastLength);
    lastLength = length;
    clearTimeout(timer);
    const start = options.keep ? Math.max(first, drawn) : first;
    count.set(start);
    if (length > start) timer = setTimeout(grow);
  });
  inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  return computed(() => {
    const list = items();
    return count() >= list.length ? list : list.slice(0, count());
  });
}
