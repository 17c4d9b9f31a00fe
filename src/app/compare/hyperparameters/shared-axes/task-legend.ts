import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MiddleEllipsis } from '../../../shared/middle-ellipsis/middle-ellipsis';
import { TaskDash, TaskSymbol } from '../../../shared/task-colors';
import { TaskSwatch } from '../../../shared/task-swatch';

export interface LegendTask {
  id: string;
  displayName: string;
  color: string;
  dash?: TaskDash;
  symbol?: TaskSymbol;
}

/**
 * The chart's task legend: hover highlights a task, click hides or shows it. A name wider than the
 * legend is cut in the middle (the end, where names of one sweep differ, stays; the whole name is
 * its tooltip). A group's name (`lr=0.03, optimizer=sgd (n=5)`) wraps instead: any of its values
 * may be the one that tells it from the others.
 */
@Component({
  selector: 'app-task-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TaskSwatch, MiddleEllipsis],
  template: `
    <ul role="list" [attr.aria-label]="groups() ? 'Groups in the chart' : 'Tasks in the chart'">
      @for (t of tasks(); track t.id) {
        <li>
          <button
            type="button"
            data-testid="legend-task"
            [attr.data-task-id]="t.id"
            [class.off]="hiddenSet().has(t.id)"
            [attr.aria-pressed]="!hiddenSet().has(t.id)"
            [attr.aria-label]="t.displayName"
            [title]="(hiddenSet().has(t.id) ? 'Show ' : 'Hide ') + t.displayName"
            (mouseenter)="highlight.emit(t.id)"
            (mouseleave)="highlight.emit(null)"
            (focus)="highlight.emit(t.id)"
            (blur)="highlight.emit(null)"
            (click)="taskToggled.emit(t.id)"
          >
            <app-task-swatch [color]="t.color" [dash]="t.dash" [symbol]="markers() ? (t.symbol ?? 'circle') : undefined" />
            @if (groups()) {
              <span class="name wrap">{{ t.displayName }}</span>
            } @else {
              <app-middle-ellipsis class="name" [text]="t.displayName" />
            }
          </button>
        </li>
      }
    </ul>
  `,
  styles: `
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      overflow: auto;
      max-height: 100%;
    }
    button {
      display: flex;
      align-items: center;
      gap: 6px;
      width: 100%;
      border: 0;
      background: none;
      color: inherit;
      font: inherit;
      font-size: 12px;
      padding: 2px 4px;
      cursor: pointer;
      text-align: left;
      border-radius: 3px;
    }
    button:hover,
    button:focus-visible {
      background: var(--mat-sys-surface-container-high);
    }
    button.off {
      opacity: 0.45;
      text-decoration: line-through;
    }
    app-task-swatch {
      flex: none;
    }
    .name {
      flex: 0 1 auto;
    }
    .wrap {
      min-width: 0;
      white-space: normal;
      overflow-wrap: anywhere;
    }
    li + li:has(.wrap) {
      margin-top: 2px;
    }
  `,
})
export class TaskLegend {
  readonly tasks = input.required<LegendTask[]>();
  readonly hidden = input<string[]>([]);
  /** A chart of points: each name's swatch is its task's marker (past the palette, a shape of its own). */
  readonly markers = input(false);
  /** The entries are groups of tasks: their names wrap, and the list is named for groups. */
  readonly groups = input(false);
  readonly highlight = output<string | null>();
  readonly taskToggled = output<string>();
  protected readonly hiddenSet = computed(() => new Set(this.hidden()));
}
