import { ChangeDetectionStrategy, Component, ElementRef, computed, input, viewChild } from '@angular/core';
import { MiddleEllipsis } from '../../shared/middle-ellipsis/middle-ellipsis';
import { scrollWindow } from './scroll-window';
import { ValueCell, ValueRow, ValueType, formatDelta, formatValue } from './values-table';

export interface ValueColumn {
  id: string;
  displayName: string;
  color: string;
  isBase: boolean;
}

/** Height of a body row in pixels (fixed in the stylesheet), and rows drawn beyond the visible ones. */
export const VALUE_ROW_HEIGHT = 29;
const OVERSCAN_ROWS = 10;
/** Narrowest task column, width of the two frozen columns together (fixed in the stylesheet), and columns drawn beyond the visible ones. */
export const TASK_COLUMN_WIDTH = 132;
const FROZEN_WIDTH = 320;
const OVERSCAN_COLUMNS = 3;

/**
 * The values table: frozen metric and variant columns, a column per task (base first), row
 * extremes and differences from the base when asked. Scrolls both ways; the header row stays.
 * Only the rows and task columns in view (and a few around them) are in the page: 200 metrics x
 * 100 tasks would otherwise be 20,000 cells. Spacer rows and cells keep the scroll size of the
 * whole table.
 */
@Component({
  selector: 'app-values-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MiddleEllipsis],
  template: `
    <div class="scroller" #scroller (scroll)="scroll.scrolled(scroller)" data-testid="values-table-scroller">
      <table
        class="values"
        [class.extremes]="showExtremes()"
        [attr.data-rows]="rows().length"
        [style.--task-column-width.px]="columnWidth()"
        data-testid="values-table"
      >
        <thead>
          <tr>
            <th class="frozen metric" scope="col">Metric</th>
            <th class="frozen variant" scope="col">Variant</th>
            @if (columnWindow().start > 0) {
              <th class="col-spacer" aria-hidden="true" [style.width.px]="columnWindow().start * columnWidth()"></th>
            }
            @for (column of shownColumns(); track column.id) {
              <th
                scope="col"
                class="task"
                [attr.data-task-id]="column.id"
                [title]="column.displayName"
                [attr.aria-label]="column.displayName"
              >
                <span class="task-name"
                  ><span class="dot" [style.background]="column.color"></span><app-middle-ellipsis [text]="column.displayName" />
                  @if (column.isBase) {
                    <span class="base">BASE</span>
                  }
                </span>
              </th>
            }
            @if (columnWindow().end < columns().length) {
              <th class="col-spacer" aria-hidden="true" [style.width.px]="(columns().length - columnWindow().end) * columnWidth()"></th>
            }
          </tr>
        </thead>
        <tbody>
          @if (window().start > 0) {
            <tr class="spacer" aria-hidden="true" [style.height.px]="window().start * rowHeight"></tr>
          }
          @for (shown of shownRows(); track shown.row.key) {
            @let row = shown.row;
            <tr [attr.data-metric]="row.metric" [attr.data-variant]="row.variant" data-testid="values-row">
              <th class="frozen metric" scope="row" [title]="row.metric">{{ row.metric }}</th>
              <td class="frozen variant" [title]="row.variant">{{ row.variant }}</td>
              @if (columnWindow().start > 0) {
                <td class="col-spacer" aria-hidden="true"></td>
              }
              @for (cell of shown.cells; track $index) {
                <td
                  class="value"
                  [class.max]="cell.isMax"
                  [class.min]="cell.isMin"
                  [title]="tooltip(cell)"
                  [attr.data-value]="cell.value"
                  data-testid="value-cell"
                >
                  @if (showDelta() && shown.firstColumn + $index > 0) {
                    <span class="delta" [class.up]="(cell.delta ?? 0) > 0" [class.down]="(cell.delta ?? 0) < 0">{{ delta(cell) }}</span>
                  } @else {
                    {{ format(cell.value) }}
                  }
                </td>
              }
              @if (columnWindow().end < columns().length) {
                <td class="col-spacer" aria-hidden="true"></td>
              }
            </tr>
          }
          @if (window().end < rows().length) {
            <tr class="spacer" aria-hidden="true" [style.height.px]="(rows().length - window().end) * rowHeight"></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './values-table-view.scss',
})
export class ValuesTableView {
  readonly rows = input.required<readonly ValueRow[]>();
  readonly columns = input.required<readonly ValueColumn[]>();
  readonly valueType = input.required<ValueType>();
  readonly showExtremes = input(false);
  readonly showDelta = input(false);

  protected readonly rowHeight = VALUE_ROW_HEIGHT;
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  protected readonly scroll = scrollWindow(this.scroller);
  /** The task columns share the width beside the frozen ones, down to the narrowest (then the table scrolls). */
  protected readonly columnWidth = computed(() => taskColumnWidth(this.columns().length, this.scroll.width()));
  /** The rows drawn: those in view, with a margin, as [start, end). */
  protected readonly window = this.scroll.rows(() => this.rows().length, VALUE_ROW_HEIGHT, OVERSCAN_ROWS);
  /** The task columns drawn, as [start, end), the same way (the frozen columns always are). */
  protected readonly columnWindow = this.scroll.columns(() => this.columns().length, this.columnWidth, FROZEN_WIDTH, OVERSCAN_COLUMNS);
  protected readonly shownColumns = computed(() => this.columns().slice(this.columnWindow().start, this.columnWindow().end));
  /** The rows drawn, each with the cells of the columns drawn (`firstColumn`: the index of the first). */
  protected readonly shownRows = computed(() => {
    const { start, end } = this.columnWindow();
    return this.rows()
      .slice(this.window().start, this.window().end)
      .map((row) => ({ row, cells: row.cells.slice(start, end), firstColumn: start }));
  });

  protected format(value: number | null): string {
    return value === null ? '–' : formatValue(value);
  }

  /** A cell as a difference from the base; where the base has no value, the value itself, said so. */
  protected delta(cell: ValueCell): string {
    if (cell.value === null) return '–';
    return formatDelta(cell) || `${formatValue(cell.value)} (no base)`;
  }

  protected tooltip(cell: ValueCell): string {
    if (cell.value === null) return 'Not reported';
    const at = cell.iteration !== null ? ` (${this.valueType()} reached at iteration ${cell.iteration})` : '';
    const delta =
      cell.delta !== null ? `\nvs base: ${formatDelta(cell)}` : this.showDelta() ? '\nthe base task has no value to compare with' : '';
    return `${cell.value}${at}${delta}`;
  }
}

/** A task column's width in a view `viewportWidth` wide: an equal share of the room beside the frozen columns, at least TASK_COLUMN_WIDTH. */
export function taskColumnWidth(count: number, viewportWidth: number): number {
  if (count <= 0) return TASK_COLUMN_WIDTH;
  return Math.max(TASK_COLUMN_WIDTH, Math.floor((viewportWidth - FROZEN_WIDTH) / count));
}
