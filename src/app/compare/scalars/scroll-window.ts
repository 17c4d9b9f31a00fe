import { DestroyRef, ElementRef, Signal, afterNextRender, computed, inject, signal } from '@angular/core';

export interface ShownRange {
  start: number;
  end: number;
}

/**
 * What a virtually scrolled table draws: the scroller's position and size as signals, and from
 * them the rows (and columns) in view plus a margin. Call in an injection context (a field
 * initialiser) and forward the scroller's `(scroll)` to `scrolled`.
 */
export function scrollWindow(scroller: Signal<ElementRef<HTMLElement>>) {
  const top = signal(0);
  const left = signal(0);
  const height = signal(800);
  const width = signal(1600);
  const destroyRef = inject(DestroyRef);
  afterNextRender(() => {
    const el = scroller().nativeElement;
    const resize = new ResizeObserver(() => {
      height.set(el.clientHeight || 800);
      width.set(el.clientWidth || 1600);
    });
    resize.observe(el);
    destroyRef.onDestroy(() => resize.disconnect());
  });
  return {
    /** The scroller's inner width (what a table can share out among its columns). */
    width: width.asReadonly(),
    scrolled(el: HTMLElement): void {
      top.set(el.scrollTop);
      left.set(el.scrollLeft);
    },
    /** The rows drawn of `count()` rows `rowHeight` high: those in view, and `overscan` on each side, as [start, end). */
    rows(count: () => number, rowHeight: number, overscan: number): Signal<ShownRange> {
      return computed(() => visibleRows(count(), top(), height(), rowHeight, overscan), { equal: sameRange });
    },
    /** The same for columns `columnWidth()` wide, right of frozen columns `frozenWidth` wide in all. */
    columns(count: () => number, columnWidth: () => number, frozenWidth: number, overscan: number): Signal<ShownRange> {
      return computed(() => visibleRows(count(), left(), width() - frozenWidth, columnWidth(), overscan), { equal: sameRange });
    },
  };
}

const sameRange = (a: ShownRange, b: ShownRange) => a.start === b.start && a.end === b.end;

/** The rows (or columns) to draw for a scroll position: the visible ones plus `overscan` on each side. */
export function visibleRows(count: number, scrollTop: number, height: number, rowHeight: number, overscan: number): ShownRange {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(Math.max(height, rowHeight) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
