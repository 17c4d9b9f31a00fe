import { ComponentFixture, DeferBlockBehavior, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { DEFAULT_TABLE_QUERY } from './table-query';
import { TasksPage } from './tasks-page';
import { TasksPageActions } from './state/tasks.actions';
import { selectTableQuery, tasksFeature } from './state/tasks.feature';

describe('TasksPage', () => {
  let fixture: ComponentFixture<TasksPage>;
  let store: MockStore;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [TasksPage],
      providers: [provideMockStore()],
      deferBlockBehavior: DeferBlockBehavior.Manual,
    }).compileComponents();
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectTableQuery, DEFAULT_TABLE_QUERY);
    store.overrideSelector(tasksFeature.selectTasks, []);
    store.overrideSelector(tasksFeature.selectTotal, null);
    store.overrideSelector(tasksFeature.selectHasMore, false);
    store.overrideSelector(tasksFeature.selectLoading, false);
    store.overrideSelector(tasksFeature.selectError, null);
    store.overrideSelector(tasksFeature.selectProjects, []);
    store.overrideSelector(tasksFeature.selectTags, []);
    store.overrideSelector(tasksFeature.selectSelectedIds, ['a']);
    store.overrideSelector(tasksFeature.selectCompareBlockedReason, 'Select at least two tasks to compare.');
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(TasksPage);
    await fixture.whenStable();
  });
  // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
  afterEach(() => store.resetSelectors());

  const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid=${testId}]`) as HTMLElement | null;

  it('counts the tasks up to this page, with "+" while more follow, and the server\'s count where it gives one', async () => {
    const task = (i: number) => ({ id: String(i), name: `t${i}`, status: 'completed' as const, type: 'training' });
    store.overrideSelector(selectTableQuery, { ...DEFAULT_TABLE_QUERY, pageIndex: 2, pageSize: 25 });
    store.overrideSelector(
      tasksFeature.selectTasks,
      Array.from({ length: 25 }, (_, i) => task(i)),
    );
    store.overrideSelector(tasksFeature.selectHasMore, true);
    store.refreshState();
    await fixture.whenStable();
    expect(el('task-count')?.textContent?.trim()).toBe('75+ tasks');
    store.overrideSelector(tasksFeature.selectTasks, [task(1)]);
    store.overrideSelector(tasksFeature.selectHasMore, false);
    store.refreshState();
    await fixture.whenStable();
    expect(el('task-count')?.textContent?.trim()).toBe('51 tasks');
    store.overrideSelector(tasksFeature.selectTotal, 1);
    store.refreshState();
    await fixture.whenStable();
    expect(el('task-count')?.textContent?.trim()).toBe('1 task');
  });

  it('announces that it opened', () => {
    expect(store.dispatch).toHaveBeenCalledWith(TasksPageActions.opened());
  });

  it('shows the batch bar only once two tasks are selected, and compares on click', async () => {
    expect(el('batch-bar')).toBeNull();
    store.overrideSelector(tasksFeature.selectSelectedIds, ['a', 'b']);
    store.overrideSelector(tasksFeature.selectCompareBlockedReason, null);
    store.refreshState();
    await fixture.whenStable();
    expect(el('batch-bar')?.textContent).toContain('2 tasks selected');
    el('compare-button')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(TasksPageActions.compareClicked());
  });

  it('disables COMPARE with the reason above 100 tasks', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => String(i));
    store.overrideSelector(tasksFeature.selectSelectedIds, ids);
    store.overrideSelector(tasksFeature.selectCompareBlockedReason, 'Up to 100 tasks can be compared at once; 101 are selected.');
    store.refreshState();
    await fixture.whenStable();
    expect((el('compare-button') as HTMLButtonElement).disabled).toBeTrue();
    expect(el('compare-blocked')?.textContent).toContain('101 are selected');
  });

  it('searches as one types, once typing pauses', async () => {
    const box = el('task-search') as HTMLInputElement;
    box.value = 'resn';
    box.dispatchEvent(new Event('input'));
    box.value = 'resnet';
    box.dispatchEvent(new Event('input'));
    expect(store.dispatch).not.toHaveBeenCalledWith(TasksPageActions.queryChanged({ patch: { search: 'resnet' } }));
    await new Promise((done) => setTimeout(done, 350));
    expect(store.dispatch).toHaveBeenCalledWith(TasksPageActions.queryChanged({ patch: { search: 'resnet' } }));
    expect(store.dispatch).not.toHaveBeenCalledWith(TasksPageActions.queryChanged({ patch: { search: 'resn' } }));
  });

  it('shows archived tasks from the toggle', async () => {
    store.overrideSelector(selectTableQuery, { ...DEFAULT_TABLE_QUERY, showArchived: true });
    store.refreshState();
    await fixture.whenStable();
    const toggle = el('show-archived')!.querySelector('button[role=switch]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    toggle.click();
    expect(store.dispatch).toHaveBeenCalledWith(TasksPageActions.queryChanged({ patch: { showArchived: false } }));
  });

  it('shows a load error with a retry', async () => {
    store.overrideSelector(tasksFeature.selectError, 'The server cannot be reached.');
    store.refreshState();
    await fixture.whenStable();
    expect(el('tasks-error')?.textContent).toContain('cannot be reached');
    (el('tasks-error')!.querySelector('button') as HTMLButtonElement).click();
    expect(store.dispatch).toHaveBeenCalledWith(TasksPageActions.retryClicked());
  });
});
