import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { until } from '../../core/testing/until';
import { InViewport, scrollParent } from './in-viewport';

@Component({
  imports: [InViewport],
  template: `
    <div class="scroller" style="overflow-y: auto; height: 100px">
      @for (card of cards(); track card) {
        <div class="card" style="height: 60px" [attr.data-n]="card" (appInViewport)="seen.set(card, $event)"></div>
      }
    </div>
  `,
})
class Host {
  readonly cards = signal<number[]>([]);
  readonly seen = new Map<number, boolean>();
}

describe('InViewport', () => {
  it('reads styles once the cards made together are all in the page and bound, then reports which are near the view', async () => {
    const fixture = TestBed.createComponent(Host);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    // What the page holds when styles are first read: every card, the last one's bindings written
    // (a read between two cards' writes makes the browser recompute styles once per card).
    const atFirstRead: (string | null)[] = [];
    const read = window.getComputedStyle.bind(window);
    spyOn(window, 'getComputedStyle').and.callFake((el: Element) => {
      if (!atFirstRead.length) atFirstRead.push(fixture.nativeElement.querySelector('.card:last-child')?.getAttribute('data-n') ?? null);
      return read(el);
    });
    fixture.componentInstance.cards.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    await fixture.whenStable();
    // The observers report together, after a rendering step: the first report brings every card's.
    await until(() => fixture.componentInstance.seen.size > 0);
    expect(atFirstRead).toEqual(['12']);
    // 100 px of scroller and 300 px of margin below it: the first cards, not the last ones.
    const seen = fixture.componentInstance.seen;
    expect(seen.get(1)).toBeTrue();
    expect(seen.get(6)).toBeTrue();
    expect(seen.has(12)).toBeFalse();
    fixture.nativeElement.remove();
    fixture.destroy();
  });
});

describe('scrollParent', () => {
  it('finds the nearest ancestor that scrolls vertically, or none', () => {
    const root = document.createElement('div');
    root.innerHTML = '<div class="scroller" style="overflow-y: auto"><div><p></p></div></div><div style="overflow-y: hidden"><p></p></div>';
    document.body.appendChild(root);
    const [inScroller, inClipped] = Array.from(root.querySelectorAll('p')) as HTMLElement[];
    expect(scrollParent(inScroller)).toBe(root.querySelector<HTMLElement>('.scroller'));
    expect(scrollParent(inClipped)).toBeNull();
    expect(scrollParent(document.createElement('p'))).toBeNull();
    root.remove();
  });
});
