import { Directive, ElementRef, inject, OnDestroy, OnInit, output } from '@angular/core';

/**
 * Emits true when the element comes near the viewport and false when it leaves (and on destroy),
 * so charts far off screen are neither fetched nor drawn.
 */
@Directive({ selector: '[appInViewport]' })
export class InViewport implements OnInit, OnDestroy {
  readonly appInViewport = output<boolean>();
  private readonly el = inject(ElementRef<HTMLElement>);
  private observer: IntersectionObserver | null = null;
  private visible = false;

  ngOnInit(): void {
    this.observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.some((e) => e.isIntersecting);
        if (visible !== this.visible) {
          this.visible = visible;
          this.appInViewport.emit(visible);
        }
      },
      // The tab scrolls inside its panel: observe against that scroller, or the margin would not
      // apply (ancestors clip without it) and charts just below the fold would wait.
      { root: scrollParent(this.el.nativeElement), rootMargin: '300px 0px' },
    );
    this.observer.observe(this.el.nativeElement);
  }

  ngOnDestroy(): void {
    this.observer?.disconnect();
    if (this.visible) this.appInViewport.emit(false);
  }
}

/**
 * Scroll parents found in the current task, by the element's parent: a page of charts or plot cards
 * is made in one task, and each lookup reads computed styles, which the elements inserted in between
 * would otherwise make the browser recompute once per card (~50 ms for 100 plot cards here).
 */
let foundThisTask: Map<Element, HTMLElement | null> | null = null;

export function scrollParent(el: HTMLElement): HTMLElement | null {
  const start = el.parentElement;
  if (!start) return null;
  if (!foundThisTask) {
    foundThisTask = new Map();
    setTimeout(() => (foundThisTask = null));
  }
  if (foundThisTask.has(start)) return foundThisTask.get(start)!;
  let found: HTMLElement | null = null;
  for (let node: HTMLElement | null = start; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') {
      found = node;
      break;
    }
  }
  foundThisTask.set(start, found);
  return found;
}
