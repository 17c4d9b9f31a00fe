import { scrollParent } from './in-viewport';

describe('scrollParent', () => {
  let root: HTMLElement;

  beforeEach(() => {
    root = document.createElement('div');
    root.innerHTML = '<div class="scroller" style="overflow-y: auto; height: 50px"><div class="grid"><p></p><p></p><p></p></div></div>';
    document.body.appendChild(root);
  });
  afterEach(() => root.remove());

  const nextTask = () => new Promise((resolve) => setTimeout(resolve));

  it('finds the nearest scrolling ancestor, reading styles once for the siblings made in one task', async () => {
    await nextTask();
    const scroller = root.querySelector<HTMLElement>('.scroller')!;
    const cards = Array.from(root.querySelectorAll('p')) as HTMLElement[];
    const reads = spyOn(window, 'getComputedStyle').and.callThrough();
    expect(scrollParent(cards[0])).toBe(scroller);
    const firstLookup = reads.calls.count();
    expect(firstLookup).toBe(2);
    expect(scrollParent(cards[1])).toBe(scroller);
    expect(scrollParent(cards[2])).toBe(scroller);
    expect(reads.calls.count()).toBe(firstLookup);
  });

  it('looks again in a later task, so a changed layout is seen', async () => {
    await nextTask();
    const card = root.querySelector<HTMLElement>('p')!;
    expect(scrollParent(card)).toBe(root.querySelector<HTMLElement>('.scroller'));
    root.querySelector<HTMLElement>('.scroller')!.style.overflowY = 'visible';
    await nextTask();
    expect(scrollParent(card)).toBeNull();
    expect(scrollParent(document.createElement('p'))).toBeNull();
  });
});
