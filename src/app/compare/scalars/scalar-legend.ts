import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MiddleEllipsis } from '../../shared/middle-ellipsis/middle-ellipsis';
import { TaskSwatch } from '../../shared/task-swatch';
import { TraceTask } from './scalar-traces';

/**
 * One legend for every scalar chart: each task's colour, name and the hyperparameters that differ
 * between the compared tasks. Clicking a task hides or shows it in all charts. (Drawn once in
 * HTML instead of once per chart by Plotly, which measured most of a chart's drawing time.) An
 * item wider than the legend cuts its name in the middle (the end, where names of one sweep differ,
 * stays; the whole name is its tooltip) and its parameters at their end.
 */
@Component({
  selector: 'app-scalar-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TaskSwatch, MiddleEllipsis],
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
            [attr.aria-label]="task.params ? task.displayName + ' ' + task.params : task.displayName"
            [title]="hiddenSet().has(task.id) ? 'Show in the charts' : 'Hide from the charts'"
            (click)="toggled.emit(task.id)"
            data-testid="legend-item"
          >
            <app-task-swatch [color]="task.color" [dash]="task.dash" />
            <app-middle-ellipsis class="name" [text]="task.displayName" />
            @if (task.params) {
              <span class="params" [title]="task.params">{{ task.params }}</span>
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
      /* Three whole rows, the rest a scroll away: no row is shown cut in half. */
      max-height: calc(3 * var(--legend-row));
      overflow: auto;
      --legend-row: 20px;
    }
    li {
      display: flex;
      min-width: 0;
      max-width: 100%;
      height: var(--legend-row);
    }
    .item {
      display: inline-flex;
      min-width: 0;
      max-width: 100%;
      align-items: center;
      gap: 6px;
      padding: 0 6px;
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
    .name {
      flex: 0 1 auto;
      min-width: 4em;
    }
    .params {
      flex: 0 2 auto;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
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
