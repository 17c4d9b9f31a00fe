import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { TaskSummary } from '../../core/api/models';
import { DEFAULT_TABLE_QUERY } from '../table-query';
import { TaskTable } from './task-table';

const tasks: TaskSummary[] = ['a', 'b', 'c', 'd'].map((letter, i) => ({
  id: letter.repeat(32),
  name: `task ${letter}`,
  status: i === 1 ? 'failed' : 'completed',
  type: 'training',
  tags: i === 0 ? ['best'] : [],
  project: { id: 'p', name: 'CIFAR' },
  last_iteration: 100 * i,
}));

describe('TaskTable', () => {
  let fixture: ComponentFixture<TaskTable>;
  let loader: HarnessLoader;
  let selections: string[][];

  /** The paginator and the filter menus, which the page loads once it is idle. */
  async function loadDeferred(): Promise<void> {
    for (const block of await fixture.getDeferBlocks()) await block.render(DeferBlockState.Complete);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [TaskTable], deferBlockBehavior: DeferBlockBehavior.Manual }).compileComponents();
    fixture = TestBed.createComponent(TaskTable);
    fixture.componentRef.setInput('tasks', tasks);
    fixture.componentRef.setInput('total', 4);
    fixture.componentRef.setInput('sort', DEFAULT_TABLE_QUERY.sort);
    fixture.componentRef.setInput('filters', { projects: [], statuses: ['failed'], types: [], tags: [] });
    fixture.componentRef.setInput('tags', ['best', 'sweep']);
    selections = [];
    fixture.componentInstance.selectionChange.subscribe((ids) => {
      selections.push(ids);
      fixture.componentRef.setInput('selectedIds', ids);
    });
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  it('renders one row per task with its status chip', () => {
    const rows = fixture.nativeElement.querySelectorAll('tr[data-task-id]');
    expect(rows.length).toBe(4);
    expect(rows[1].querySelector('app-status-chip').textContent.trim()).toBe('failed');
  });

  it('writes the next page into the rows already drawn, its ticks and statuses included', async () => {
    fixture.componentRef.setInput('selectedIds', [tasks[0].id]);
    await fixture.whenStable();
    const before = Array.from(fixture.nativeElement.querySelectorAll('tr[data-task-id]')) as HTMLElement[];
    const next: TaskSummary[] = ['e', 'f', 'g'].map((letter, i) => ({
      id: letter.repeat(32),
      name: `task ${letter}`,
      status: i === 0 ? 'failed' : 'in_progress',
      type: 'testing',
      tags: ['sweep'],
    }));
    fixture.componentRef.setInput('tasks', next);
    await fixture.whenStable();
    const after = Array.from(fixture.nativeElement.querySelectorAll('tr[data-task-id]')) as HTMLElement[];
    expect(after.length).toBe(3);
    after.forEach((row, i) => expect(row).toBe(before[i]));
    expect(after.map((row) => row.getAttribute('data-task-id'))).toEqual(next.map((task) => task.id));
    expect(after.map((row) => row.querySelector('.name-cell')!.textContent!.trim())).toEqual(['task e', 'task f', 'task g']);
    expect(after[0].querySelector('app-status-chip')!.textContent!.trim()).toBe('failed');
    expect(after[1].querySelector('app-status-chip')!.textContent!.trim()).toBe('in progress');
    expect(after.map((row) => (row.querySelector('[data-testid=select-row]') as HTMLInputElement).checked)).toEqual([false, false, false]);
    expect(after[0].classList).not.toContain('selected-row');
    expect(after[2].textContent).toContain('sweep');
  });

  it('selects a range with shift-click', async () => {
    const boxes = () => Array.from(fixture.nativeElement.querySelectorAll('[data-testid=select-row]')) as HTMLInputElement[];
    boxes()[0].click();
    await fixture.whenStable();
    expect(boxes()[0].checked).toBeTrue();
    boxes()[2].dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await fixture.whenStable();
    expect(selections.at(-1)).toEqual([tasks[0].id, tasks[1].id, tasks[2].id]);
    expect(boxes().map((b) => b.checked)).toEqual([true, true, true, false]);
  });

  it('selects every task on the page from the header checkbox, marked part-way when some are', async () => {
    const all = fixture.nativeElement.querySelector('[data-testid=select-page]') as HTMLInputElement;
    all.click();
    await fixture.whenStable();
    expect(selections.at(-1)).toEqual(tasks.map((t) => t.id));
    expect(all.checked).toBeTrue();
    fixture.componentRef.setInput('selectedIds', [tasks[1].id]);
    await fixture.whenStable();
    expect(all.checked).toBeFalse();
    expect(all.indeterminate).toBeTrue();
  });

  it('shows the page range and disabled filter buttons of the same look until the paginator and menus load', async () => {
    const element = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('total', 120);
    fixture.componentRef.setInput('pageIndex', 2);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid=paginator-placeholder]')!.textContent!.trim()).toBe('101 – 120 of 120');
    expect(element.querySelector('mat-paginator')).toBeNull();
    const statuses = element.querySelector('[data-testid=filter-statuses]') as HTMLButtonElement;
    expect(statuses.disabled).toBeTrue();
    expect(statuses.classList).toContain('active');
    expect((element.querySelector('[data-testid=filter-types]') as HTMLButtonElement).classList).not.toContain('active');

    await loadDeferred();
    expect(element.querySelector('[data-testid=paginator-placeholder]')).toBeNull();
    expect(element.querySelector('mat-paginator')!.textContent).toContain('101 – 120 of 120');
    const loaded = element.querySelector('[data-testid=filter-statuses]') as HTMLButtonElement;
    expect(loaded.disabled).toBeFalse();
    expect(loaded.classList).toContain('active');
  });

  it('pages on without a count: "of 8+" while a page follows, next enabled, no last-page button', async () => {
    const element = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('total', null);
    fixture.componentRef.setInput('pageSize', 4);
    fixture.componentRef.setInput('pageIndex', 1);
    fixture.componentRef.setInput('hasMore', true);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid=paginator-placeholder]')!.textContent!.trim()).toBe('5 – 8 of 8+');
    await loadDeferred();
    const paginator = element.querySelector('mat-paginator')!;
    expect(paginator.textContent).toContain('5 – 8 of 8+');
    const next = () => paginator.querySelector('.mat-mdc-paginator-navigation-next')!.getAttribute('aria-disabled');
    expect(next()).not.toBe('true');
    expect(getComputedStyle(paginator.querySelector('.mat-mdc-paginator-navigation-last')!).display).toBe('none');

    fixture.componentRef.setInput('hasMore', false);
    await fixture.whenStable();
    expect(paginator.textContent).toContain('5 – 8 of 8');
    expect(paginator.textContent).not.toContain('8+');
    expect(next()).toBe('true');
  });

  it("sorts by the task's own fields only: Project and User are not sort headers", async () => {
    const sort = await loader.getHarness(MatSortHarness);
    const labels = await Promise.all((await sort.getSortHeaders()).map((header) => header.getLabel()));
    expect(labels).toContain('Name');
    expect(labels).not.toContain('Project');
    expect(labels).not.toContain('User');
  });

  it('emits a sort change when a header is clicked', async () => {
    const sorts: unknown[] = [];
    fixture.componentInstance.sortChange.subscribe((s) => sorts.push(s));
    const sort = await loader.getHarness(MatSortHarness);
    const [nameHeader] = await sort.getSortHeaders({ label: 'Name' });
    await nameHeader.click();
    expect(sorts).toEqual([{ field: 'name', direction: 'asc' }]);
  });

  it('filters by status from the column header, adding to what is already filtered', async () => {
    const changes: unknown[] = [];
    fixture.componentInstance.filterChange.subscribe((c) => changes.push(c));
    await loadDeferred();
    const menu = await loader.getHarness(MatMenuHarness.with({ selector: '[data-testid=filter-statuses]' }));
    await menu.open();
    const overlay = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const boxes = await overlay.getAllHarnesses(MatCheckboxHarness.with({ label: 'completed' }));
    await boxes[0].check();
    expect(changes).toEqual([{ key: 'statuses', values: ['failed', 'completed'] }]);
  });

  it('says so when no task matches', async () => {
    fixture.componentRef.setInput('tasks', []);
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('No tasks match these filters.');
  });
});
