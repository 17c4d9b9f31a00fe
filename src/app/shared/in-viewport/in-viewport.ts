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
  private destroyed = false;

  ngOnInit(): void {
    // Observed once the elements made in this turn are all in the page (see observeMade).
    made.push(this);
    if (made.length === 1) queueMicrotask(observeMade);
  }

  /** Called by observeMade. */
  observe(): void {
    if (this.destroyed) return;
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
    this.destroyed = true;
    this.observer?.disconnect();
    if (this.visible) this.appInViewport.emit(false);
  }
}

/**
 * The directives made in the current turn (a page of charts or plot cards is made in one), observed
 * together after it: finding a scroll parent reads computed styles, and read between insertions
 * they made the browser recompute styles once per card (~50 ms for 100 plot cards here); read
 * together, once.
 */
const made: InViewport[] = [];

function observeMade(): void {
  for (const directive of made.splice(0)) directive.observe();
}

export function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}
