import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ValueCell, ValueRow, ValueType, formatDelta, formatValue } from './values-table';

export interface ValueColumn {
  id: string;
  displayName: string;
  color: string;
  isBase: boolean;
}

/**
 * The values table: frozen metric and variant columns, a column per task (base first), row
 * extremes and differences from the base when asked. Scrolls both ways; the header row stays.
 */
@Component({
  selector: 'app-values-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="scroller" data-testid="values-table-scroller">
      <table class="values" [class.extremes]="showExtremes()" data-testid="values-table">
        <thead>
          <tr>
            <th class="frozen metric" scope="col">Metric</th>
            <th class="frozen variant" scope="col">Variant</th>
            @for (column of columns(); track column.id) {
              <th scope="col" class="task" [attr.data-task-id]="column.id" [title]="column.displayName">
                <span class="dot" [style.background]="column.color"></span>{{ column.displayName }}
                @if (column.isBase) { <span class="base">BASE</span> }
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.key) {
            <tr [attr.data-metric]="row.metric" [attr.data-variant]="row.variant" data-testid="values-row">
              <th class="frozen metric" scope="row">{{ row.metric }}</th>
              <td class="frozen variant">{{ row.variant }}</td>
              @for (cell of row.cells; track $index) {
                <td class="value" [class.max]="cell.isMax" [class.min]="cell.isMin" [title]="tooltip(cell)"
                    [attr.data-value]="cell.value" data-testid="value-cell">
                  @if (showDelta() && $index > 0) {
                    <span class="delta" [class.up]="(cell.delta ?? 0) > 0" [class.down]="(cell.delta ?? 0) < 0">{{ delta(cell) }}</span>
                  } @else {
                    {{ format(cell.value) }}
                  }
                </td>
              }
            </tr>
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

  protected format(value: number | null): string {
    return value === null ? '–' : formatValue(value);
  }

  protected delta(cell: ValueCell): string {
    return cell.value === null ? '–' : formatDelta(cell) || '–';
  }

  protected tooltip(cell: ValueCell): string {
    if (cell.value === null) return 'Not reported';
    const at = cell.iteration !== null ? ` (${this.valueType()} reached at iteration ${cell.iteration})` : '';
    const delta = cell.delta !== null ? `\nvs base: ${formatDelta(cell)}` : '';
    return `${cell.value}${at}${delta}`;
  }
}
