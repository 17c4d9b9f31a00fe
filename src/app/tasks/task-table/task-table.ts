import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatPaginator, MatPaginatorIntl } from '@angular/material/paginator';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { Project, TASK_STATUSES, TASK_TYPES, TaskSummary } from '../../core/api/models';
import { drawnInSteps } from '../../shared/progressive/progressive';
import { MiddleEllipsis } from '../../shared/middle-ellipsis/middle-ellipsis';
import { StatusChip } from '../../shared/status-chip';
import { toggleRowSelection, setSelected } from '../selection';
import { TaskFilterMenu } from './filter-menu';
import type { FilterOption } from './filter-menu';
import { FilterKey, PAGE_SIZES, SortField, TableSort, pagedLength, rangeLabel } from '../table-query';
import { TaskPaginatorIntl } from './task-paginator-intl';

export interface TableFilters {
  projects: string[];
  statuses: string[];
  types: string[];
  tags: string[];
}

/**
 * The task table: sortable, filterable from its headers, with checkbox selection. Presentational.
 * The paginator and the filter menus load once the page is idle (`@defer`): with their select, menu,
 * checkbox and overlay code they were a third of the first page's code. Placeholders of the same size
 * stand in until then.
 */
@Component({
  selector: 'app-task-table',
  host: { '[class.compact]': 'compact()' },
  imports: [
    DatePipe,
    NgTemplateOutlet,
    MatSortModule,
    MatIconButton,
    MatIcon,
    MatPaginator,
    MatProgressBar,
    StatusChip,
    TaskFilterMenu,
    MiddleEllipsis,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-table.html',
  styleUrls: ['./task-table.scss', './filter-button.scss'],
  providers: [TaskPaginatorIntl, { provide: MatPaginatorIntl, useExisting: TaskPaginatorIntl }],
})
export class TaskTable {
  readonly tasks = input.required<TaskSummary[]>();
  /** The number of matching tasks when the server counted them; null: it did not (clearml-server). */
  readonly total = input<number | null>(null);
  /** A task follows this page (what pages on without a count). */
  readonly hasMore = input(false);
  readonly pageIndex = input(0);
  readonly pageSize = input(50);
  readonly sort = input.required<TableSort>();
  readonly filters = input.required<TableFilters>();
  readonly projects = input<Project[]>([]);
  readonly tags = input<string[]>([]);
  readonly selectedIds = input<string[]>([]);
  readonly loading = input(false);

  readonly sortChange = output<TableSort>();
  readonly filterChange = output<{ key: FilterKey; values: string[] }>();
  readonly pageChange = output<{ pageIndex: number; pageSize: number }>();
  readonly selectionChange = output<string[]>();

  /**
   * Fewer columns (no Started, no Iterations), where the table shares a narrower box (the + dialog):
   * the names keep their room. The same columns a narrow window leaves out (task-table.scss).
   */
  readonly compact = input(false);
  protected readonly columnCount = 10;
  protected readonly pageSizes = PAGE_SIZES;
  private readonly anchorId = signal<string | null>(null);
  /**
   * The page's rows: 25 at once, then 50 in each following task, so a page change (the old rows go,
   * the new ones come) stays one short task and a 500-row page paints its first rows as early as a
   * small one. Rows are kept by position (`track $index`): the first 25 rows of a new page, sort or
   * filter are written into the rows already there instead of being made again.
   */
  protected readonly drawnTasks = drawnInSteps(this.tasks, 25, 50);
  /** What the paginator counts: the server's count, else up to this page (and one more when a page follows). */
  protected readonly length = computed(() =>
    pagedLength(this.pageIndex(), this.pageSize(), this.tasks().length, this.hasMore(), this.total() ?? undefined),
  );
  /** The paginator's range label ("51 – 100 of 5000", "51 – 100 of 100+"), shown until it loads. */
  protected readonly rangeLabel = computed(() => rangeLabel(this.pageIndex(), this.pageSize(), this.length(), this.total() !== null));
  private readonly intl = inject(TaskPaginatorIntl);
  protected readonly selected = computed(() => new Set(this.selectedIds()));
  protected readonly rowIds = computed(() => this.tasks().map((task) => task.id));
  protected readonly allOnPageSelected = computed(() => {
    const ids = this.rowIds();
    return ids.length > 0 && ids.every((id) => this.selected().has(id));
  });
  protected readonly someOnPageSelected = computed(() => !this.allOnPageSelected() && this.rowIds().some((id) => this.selected().has(id)));
  protected readonly filterOptions = computed<Record<FilterKey, FilterOption[]>>(() => ({
    projects: this.projects().map((project) => ({ value: project.id, label: project.name })),
    statuses: TASK_STATUSES.map((status) => ({ value: status, label: status.replace('_', ' ') })),
    types: TASK_TYPES.map((type) => ({ value: type, label: type.replace('_', ' ') })),
    tags: this.tags().map((tag) => ({ value: tag, label: tag })),
  }));

  constructor() {
    effect(() => this.intl.setCounted(this.total() !== null));
  }

  protected onSort(sort: Sort): void {
    if (!sort.direction) return;
    this.sortChange.emit({ field: sort.active as SortField, direction: sort.direction });
  }

  protected onRowCheckbox(id: string, event: MouseEvent): void {
    event.preventDefault();
    this.selectionChange.emit(toggleRowSelection(this.selectedIds(), this.rowIds(), id, this.anchorId(), event.shiftKey));
    this.anchorId.set(id);
  }

  protected togglePage(): void {
    this.selectionChange.emit(setSelected(this.selectedIds(), this.rowIds(), !this.allOnPageSelected()));
  }

  /** Template contexts are untyped; the keys come from this template only. */
  protected asKey(key: unknown): FilterKey {
    return key as FilterKey;
  }

  protected isFiltered(key: FilterKey): boolean {
    return this.filters()[key].length > 0;
  }

  protected onPage(event: PageEvent): void {
    this.pageChange.emit({ pageIndex: event.pageIndex, pageSize: event.pageSize });
  }
}
