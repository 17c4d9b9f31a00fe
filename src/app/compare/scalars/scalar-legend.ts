import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TaskSwatch } from '../../shared/task-swatch';
import { TraceTask } from './scalar-traces';

/**
 * One legend for every scalar chart: each task's colour, name and the hyperparameters that differ
 * between the compared tasks. Clicking a task hides or shows it in all charts. (Drawn once in
 * HTML instead of once per chart by Plotly, which measured most of a chart's drawing time.)
 */
@Component({
  selector: 'app-scalar-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TaskSwatch],
  template: `
    <ul class="legend" aria-label="Tasks (click to hide or show)">
      @for (task of tasks(); track task.id) {
        <li>
          <button
            type="button"
            class="item"
            [class.hidden]="hiddenSet().has(task.id)"
            [attr.aria-pressed]="!hiddenSet().has(task.id)"
            [attr.data-task-id]="task.id"
            [title]="hiddenSet().has(task.id) ? 'Show in the charts' : 'Hide from the charts'"
            (click)="toggled.emit(task.id)"
            data-testid="legend-item"
          >
            <app-task-swatch [color]="task.color" [dash]="task.dash" />
            <span class="name">{{ task.displayName }}</span>
            @if (task.params) {
              <span class="params">{{ task.params }}</span>
            }
          </button>
        </li>
      }
    </ul>
  `,
  styles: `
    .legend {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 6px;
      max-height: 60px;
      overflow: auto;
    }
    .item {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 1px 6px;
      border: none;
      border-radius: 4px;
      background: none;
      color: inherit;
      font: inherit;
      font-size: 12px;
      cursor: pointer;
    }
    .item:hover,
    .item:focus-visible {
      background: var(--mat-sys-surface-container-high);
    }
    .item.hidden {
      opacity: 0.45;
      text-decoration: line-through;
    }
    .params {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ScalarLegend {
  readonly tasks = input.required<readonly TraceTask[]>();
  readonly hidden = input.required<readonly string[]>();
  readonly toggled = output<string>();
  protected readonly hiddenSet = computed(() => new Set(this.hidden()));
}
