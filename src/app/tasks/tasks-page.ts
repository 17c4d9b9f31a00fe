import { ChangeDetectionStrategy, Component, OnDestroy, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { Store } from '@ngrx/store';
import { Toggle } from '../shared/toggle/toggle';
import { FilterKey, TableSort } from './table-query';
import { TaskTable } from './task-table/task-table';
import { TasksPageActions } from './state/tasks.actions';
import { selectTableQuery, tasksFeature } from './state/tasks.feature';

const SEARCH_DEBOUNCE_MS = 300;

/** `/tasks`: the table people start from; select tasks, then COMPARE. */
@Component({
  selector: 'app-tasks-page',
  imports: [TaskTable, MatButton, MatIcon, Toggle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tasks-page.html',
  styleUrl: './tasks-page.scss',
})
export class TasksPage implements OnDestroy {
  private readonly store = inject(Store);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly query = this.store.selectSignal(selectTableQuery);
  protected readonly tasks = this.store.selectSignal(tasksFeature.selectTasks);
  protected readonly total = this.store.selectSignal(tasksFeature.selectTotal);
  protected readonly hasMore = this.store.selectSignal(tasksFeature.selectHasMore);
  /** "120 tasks" when counted (or on the last page); "100+ tasks" while more follow. */
  protected readonly countLabel = computed(() => {
    const total = this.total();
    if (total !== null) return `${total} ${total === 1 ? 'task' : 'tasks'}`;
    const { pageIndex, pageSize } = this.query();
    const upTo = pageIndex * pageSize + this.tasks().length;
    return this.hasMore() ? `${upTo}+ tasks` : `${upTo} ${upTo === 1 ? 'task' : 'tasks'}`;
  });
  protected readonly loading = this.store.selectSignal(tasksFeature.selectLoading);
  protected readonly error = this.store.selectSignal(tasksFeature.selectError);
  protected readonly projects = this.store.selectSignal(tasksFeature.selectProjects);
  protected readonly tags = this.store.selectSignal(tasksFeature.selectTags);
  protected readonly selectedIds = this.store.selectSignal(tasksFeature.selectSelectedIds);
  protected readonly compareBlockedReason = this.store.selectSignal(tasksFeature.selectCompareBlockedReason);

  constructor() {
    this.store.dispatch(TasksPageActions.opened());
  }

  ngOnDestroy(): void {
    clearTimeout(this.searchTimer);
  }

  protected onSearchInput(search: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.store.dispatch(TasksPageActions.queryChanged({ patch: { search } })), SEARCH_DEBOUNCE_MS);
  }

  protected onSort(sort: TableSort): void {
    this.store.dispatch(TasksPageActions.queryChanged({ patch: { sort } }));
  }

  protected onFilter({ key, values }: { key: FilterKey; values: string[] }): void {
    this.store.dispatch(TasksPageActions.queryChanged({ patch: { [key]: values } }));
  }

  protected onPage(page: { pageIndex: number; pageSize: number }): void {
    this.store.dispatch(TasksPageActions.queryChanged({ patch: page }));
  }

  protected onShowArchived(showArchived: boolean): void {
    this.store.dispatch(TasksPageActions.queryChanged({ patch: { showArchived } }));
  }

  protected onSelection(selectedIds: string[]): void {
    this.store.dispatch(TasksPageActions.selectionChanged({ selectedIds }));
  }

  protected clearSelection(): void {
    this.store.dispatch(TasksPageActions.selectionChanged({ selectedIds: [] }));
  }

  protected compare(): void {
    this.store.dispatch(TasksPageActions.compareClicked());
  }

  protected retry(): void {
    this.store.dispatch(TasksPageActions.retryClicked());
  }
}
