import { TestBed } from '@angular/core/testing';
import { visibleRows } from './scroll-window';
import { TASK_COLUMN_WIDTH, VALUE_ROW_HEIGHT, ValueColumn, ValuesTableView, taskColumnWidth } from './values-table-view';
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

describe('taskColumnWidth', () => {
  it('shares the room beside the frozen columns between the tasks, never below the narrowest', () => {
    expect(taskColumnWidth(2, 1600)).toBe(640);
    expect(taskColumnWidth(12, 2000)).toBe(140);
    expect(taskColumnWidth(12, 1840)).toBe(TASK_COLUMN_WIDTH);
    expect(taskColumnWidth(5, 1820)).toBe(300);
    expect(taskColumnWidth(100, 1600)).toBe(TASK_COLUMN_WIDTH);
    expect(taskColumnWidth(0, 1600)).toBe(TASK_COLUMN_WIDTH);
  });
});

describe('ValuesTableView', () => {
  const cell = (value: number) => ({ value, iteration: null, isMax: false, isMin: false, delta: null, deltaPercent: null });
  const rows: ValueRow[] = Array.from({ length: 200 }, (_, i) => ({
    key: `m${i}`,
    metric: `metric ${i}`,
    variant: 'v',
    cells: [cell(i), cell(i + 0.5)],
  }));

  /** The table on these rows and columns (`showDelta` as given), its host a block. */
  const render = (tableRows: ValueRow[], columns: ValueColumn[], showDelta = false) => {
    const fixture = TestBed.createComponent(ValuesTableView);
    fixture.componentRef.setInput('rows', tableRows);
    fixture.componentRef.setInput('columns', columns);
    fixture.componentRef.setInput('valueType', 'last');
    fixture.componentRef.setInput('showDelta', showDelta);
    const el = fixture.nativeElement as HTMLElement;
    el.style.display = 'block';
    return { fixture, el };
  };

  it('keeps only the rows in view in the page, with the full scroll height, and follows the scroll', async () => {
    const { fixture, el } = render(rows, [
      { id: 'a', displayName: 'A', color: '#000', isBase: true },
      { id: 'b', displayName: 'B', color: '#111', isBase: false },
    ]);
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

  it('keeps only the task columns in view, at their place, and follows a sideways scroll', async () => {
    const columns = Array.from({ length: 100 }, (_, i) => ({ id: `t${i}`, displayName: `task ${i}`, color: '#000', isBase: i === 0 }));
    const wide: ValueRow[] = rows.slice(0, 20).map((row, r) => ({ ...row, cells: columns.map((_, c) => cell(r * 1000 + c)) }));
    const { fixture, el } = render(wide, columns, true);
    el.style.width = '1000px';
    document.body.appendChild(el);
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    const scroller = el.querySelector<HTMLElement>('[data-testid="values-table-scroller"]')!;
    const headers = () => Array.from(el.querySelectorAll('th.task')).map((th) => th.getAttribute('data-task-id'));
    const firstRow = () => el.querySelector('tr[data-testid="values-row"]')!;
    expect(headers().length).toBeLessThan(15);
    expect(headers()[0]).toBe('t0');
    expect(firstRow().querySelectorAll('[data-testid="value-cell"]').length).toBe(headers().length);
    expect(scroller.scrollWidth).toBeGreaterThanOrEqual(320 + 100 * TASK_COLUMN_WIDTH);

    scroller.scrollLeft = 80 * TASK_COLUMN_WIDTH;
    scroller.dispatchEvent(new Event('scroll'));
    await fixture.whenStable();
    expect(headers()).toContain('t82');
    expect(headers()).not.toContain('t0');
    const header = el.querySelector<HTMLElement>('th[data-task-id="t82"]')!;
    const index = headers().indexOf('t82');
    const cellEl = firstRow().querySelectorAll<HTMLElement>('[data-testid="value-cell"]')[index];
    // The cell sits under its task's header and holds that task's value, shown as a difference from the base.
    expect(cellEl.getAttribute('data-value')).toBe('82');
    expect(cellEl.getBoundingClientRect().left).toBeCloseTo(header.getBoundingClientRect().left, 0);
    expect(header.getBoundingClientRect().left - scroller.getBoundingClientRect().left).toBeCloseTo(
      320 + 82 * TASK_COLUMN_WIDTH - scroller.scrollLeft + 1,
      -1,
    );
    el.remove();
  });

  it('as differences: a value whose base has none is shown as the value, said so, not as a dash', async () => {
    const base = { value: null, iteration: null, isMax: false, isMin: false, delta: null, deltaPercent: null };
    const other = { value: 0.9073, iteration: null, isMax: true, isMin: false, delta: null, deltaPercent: null };
    const both = { value: 0.5, iteration: null, isMax: false, isMin: true, delta: 0.25, deltaPercent: 100 };
    const { fixture, el } = render(
      [
        { key: 'k', metric: 'Summary', variant: 'test_accuracy', cells: [base, other] },
        { key: 'l', metric: 'loss', variant: 'val', cells: [{ ...both, value: 0.25, delta: 0, deltaPercent: 0 }, both] },
      ],
      [
        { id: 'a', displayName: 'A', color: '#000', isBase: true },
        { id: 'b', displayName: 'B', color: '#111', isBase: false },
      ],
      true,
    );
    fixture.detectChanges();
    await fixture.whenStable();
    const cells = (metric: string) =>
      Array.from(el.querySelectorAll<HTMLElement>(`tr[data-metric="${metric}"] [data-testid="value-cell"]`)).map((c) => ({
        text: c.textContent!.trim(),
        title: c.title,
      }));
    expect(cells('Summary')[0].text).toBe('–');
    expect(cells('Summary')[1].text).toBe('0.9073 (no base)');
    expect(cells('Summary')[1].title).toContain('the base task has no value');
    expect(cells('loss')[1].text).toBe('+0.25 (+100.0%)');
  });
});
