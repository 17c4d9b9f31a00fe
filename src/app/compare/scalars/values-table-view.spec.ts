import { TestBed } from '@angular/core/testing';
import { VALUE_ROW_HEIGHT, ValuesTableView, visibleRows } from './values-table-view';
import { ValueRow } from './values-table';

describe('visibleRows', () => {
  it('draws the rows in view plus a margin, clamped to the table', () => {
    expect(visibleRows(200, 0, 290, 29, 10)).toEqual({ start: 0, end: 20 });
    expect(visibleRows(200, 29 * 100, 290, 29, 10)).toEqual({ start: 90, end: 120 });
    expect(visibleRows(200, 29 * 195, 290, 29, 10)).toEqual({ start: 185, end: 200 });
    expect(visibleRows(5, 0, 290, 29, 10)).toEqual({ start: 0, end: 5 });
    expect(visibleRows(0, 100, 290, 29, 10)).toEqual({ start: 0, end: 0 });
  });
});

describe('ValuesTableView', () => {
  const cell = (value: number) => ({ value, iteration: null, isMax: false, isMin: false, delta: null, deltaPercent: null });
  const rows: ValueRow[] = Array.from({ length: 200 }, (_, i) => ({
    key: `m${i}`, metric: `metric ${i}`, variant: 'v', cells: [cell(i), cell(i + 0.5)],
  }));

  it('keeps only the rows in view in the page, with the full scroll height, and follows the scroll', async () => {
    const fixture = TestBed.createComponent(ValuesTableView);
    fixture.componentRef.setInput('rows', rows);
    fixture.componentRef.setInput('columns', [
      { id: 'a', displayName: 'A', color: '#000', isBase: true }, { id: 'b', displayName: 'B', color: '#111', isBase: false },
    ]);
    fixture.componentRef.setInput('valueType', 'last');
    const el = fixture.nativeElement as HTMLElement;
    el.style.display = 'block';
    fixture.detectChanges();
    await fixture.whenStable();
    const scroller = el.querySelector<HTMLElement>('[data-testid="values-table-scroller"]')!;
    scroller.style.maxHeight = '300px';
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    const drawn = () => Array.from(el.querySelectorAll('tr[data-testid="values-row"]')).map((r) => r.getAttribute('data-metric'));
    expect(drawn().length).toBeLessThan(60);
    expect(drawn()[0]).toBe('metric 0');
    expect(el.querySelector('table')?.getAttribute('data-rows')).toBe('200');
    // Spacers make the table as tall as all its rows.
    expect(scroller.scrollHeight).toBeGreaterThanOrEqual(200 * VALUE_ROW_HEIGHT);

    scroller.scrollTop = 150 * VALUE_ROW_HEIGHT;
    scroller.dispatchEvent(new Event('scroll'));
    await fixture.whenStable();
    expect(drawn()).toContain('metric 155');
    expect(drawn()).not.toContain('metric 0');
    const row = el.querySelector<HTMLElement>('tr[data-metric="metric 155"]')!;
    expect(row.getBoundingClientRect().height).toBeCloseTo(VALUE_ROW_HEIGHT, 0);
  });
});
