import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TaskDash, svgDashArray } from './task-colors';

/** A task's colour as a short line, dashed as its traces are (tasks past the palette's colours share one). */
@Component({
  selector: 'app-task-swatch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg width="18" height="8" viewBox="0 0 18 8" aria-hidden="true">
      <line x1="1" y1="4" x2="17" y2="4" [attr.stroke]="color()" stroke-width="3" [attr.stroke-dasharray]="dashArray()" />
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
    svg {
      display: block;
    }
  `,
})
export class TaskSwatch {
  readonly color = input.required<string>();
  readonly dash = input<TaskDash | undefined>(undefined);
  protected readonly dashArray = computed(() => {
    const dash = this.dash();
    return dash ? svgDashArray(dash, 1) : null;
  });
}
