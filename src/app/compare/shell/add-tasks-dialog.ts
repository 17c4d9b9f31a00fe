import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Observable, catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { TASK_SUMMARY_FIELDS, TaskSummary } from '../../core/api/models';
import { ProjectsApi } from '../../core/api/projects-api';
import { TasksApi } from '../../core/api/tasks-api';
import { TaskTable } from '../../tasks/task-table/task-table';
import { DEFAULT_TABLE_QUERY, FilterKey, TableQuery, TableSort, patchTableQuery, toTaskQuery } from '../../tasks/table-query';
import { MAX_COMPARED_TASKS } from '../../url/compare-url';

export interface AddTasksDialogData {
  comparedIds: string[];
}

interface TablePage {
  tasks: TaskSummary[];
  hasMore: boolean;
  total: number | null;
  error: string | null;
  loading: boolean;
}

const LOADING_PAGE: TablePage = { tasks: [], hasMore: false, total: null, error: null, loading: true };

/**
 * Opens the **+** dialog; emits the new selection on APPLY, nothing when it is closed otherwise. The
 * compare page imports this module when the button is clicked: the dialog, the task table and
 * Material's dialog and form field are not part of the page's first code.
 */
export function openAddTasksDialog(injector: Injector, data: AddTasksDialogData): Observable<string[] | undefined> {
  return injector
    .get(MatDialog)
    .open<AddTasksDialog, AddTasksDialogData, string[]>(AddTasksDialog, { data, width: '1240px', maxWidth: '96vw', height: '80vh' })
    .afterClosed();
}

/**
 * The **+** dialog: the task table with the compared tasks at the top and pre-selected. APPLY
 * closes it with the new selection (the page turns that into the comparison's ids).
 */
@Component({
  selector: 'app-add-tasks-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, TaskTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-tasks-dialog.html',
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    .content {
      display: flex;
      flex-direction: column;
      gap: 8px;
      flex: 1 1 auto;
      min-height: 0;
      max-height: none;
    }
    .search {
      width: 340px;
    }
    app-task-table {
      flex: 1 1 auto;
      min-height: 0;
    }
    .blocked {
      color: var(--mat-sys-error);
      margin-right: auto;
      padding-left: 16px;
    }
  `,
})
export class AddTasksDialog {
  private readonly dialogRef = inject<MatDialogRef<AddTasksDialog, string[]>>(MatDialogRef);
  private readonly tasksApi = inject(TasksApi);
  private readonly data = inject<AddTasksDialogData>(MAT_DIALOG_DATA);

  protected readonly query = signal<TableQuery>({ ...DEFAULT_TABLE_QUERY, pageSize: 25 });
  protected readonly selectedIds = signal<string[]>([...this.data.comparedIds]);
  protected readonly maxTasks = MAX_COMPARED_TASKS;

  private readonly options = toSignal(
    inject(ProjectsApi)
      .getTaskTags()
      .pipe(catchError(() => of({ tags: [] as string[], system_tags: [] }))),
    { initialValue: { tags: [] as string[], system_tags: [] } },
  );
  protected readonly tags = computed(() => this.options().tags);
  protected readonly projects = toSignal(
    inject(ProjectsApi)
      .getAllEx()
      .pipe(
        map(({ projects }) => projects),
        catchError(() => of([])),
      ),
    { initialValue: [] },
  );

  /** The compared tasks, shown above the others on the first page. */
  private readonly comparedTasks = toSignal(
    this.data.comparedIds.length
      ? this.tasksApi
          .getAllEx({ id: this.data.comparedIds, only_fields: TASK_SUMMARY_FIELDS, page_size: this.data.comparedIds.length })
          .pipe(
            map(({ tasks }) => tasks),
            catchError(() => of([] as TaskSummary[])),
          )
      : of([] as TaskSummary[]),
    { initialValue: [] as TaskSummary[] },
  );

  private readonly page = toSignal(
    toObservable(this.query).pipe(
      debounceTime(150),
      switchMap((query) =>
        this.tasksApi.getPage(toTaskQuery(query)).pipe(
          map(({ tasks, hasMore, total }): TablePage => ({ tasks, hasMore, total: total ?? null, error: null, loading: false })),
          catchError((err: Error) => of<TablePage>({ ...LOADING_PAGE, error: err.message, loading: false })),
          startWith<TablePage>(LOADING_PAGE),
        ),
      ),
    ),
    { initialValue: LOADING_PAGE },
  );

  protected readonly rows = computed(() => {
    const { tasks } = this.page();
    if (this.query().pageIndex > 0) return tasks;
    const pinned = this.comparedTasks();
    const pinnedIds = new Set(pinned.map((task) => task.id));
    return [...pinned, ...tasks.filter((task) => !pinnedIds.has(task.id))];
  });
  protected readonly loading = computed(() => this.page().loading);
  protected readonly error = computed(() => this.page().error);
  protected readonly total = computed(() => this.page().total);
  protected readonly hasMore = computed(() => this.page().hasMore);
  protected readonly blockedReason = computed(() => {
    const count = this.selectedIds().length;
    if (count === 0) return 'Select at least one task.';
    if (count > MAX_COMPARED_TASKS) return `Up to ${MAX_COMPARED_TASKS} tasks can be compared; ${count} are selected.`;
    return null;
  });

  protected onSearch(search: string): void {
    this.query.update((query) => patchTableQuery(query, { search }));
  }

  protected onSort(sort: TableSort): void {
    this.query.update((query) => patchTableQuery(query, { sort }));
  }

  protected onFilter({ key, values }: { key: FilterKey; values: string[] }): void {
    this.query.update((query) => patchTableQuery(query, { [key]: values }));
  }

  protected onPage(page: { pageIndex: number; pageSize: number }): void {
    this.query.update((query) => patchTableQuery(query, page));
  }

  protected apply(): void {
    if (this.blockedReason() === null) this.dialogRef.close(this.selectedIds());
  }
}
