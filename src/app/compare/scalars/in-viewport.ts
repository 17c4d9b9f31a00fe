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

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}
