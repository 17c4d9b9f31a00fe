import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TaskDash, TaskSymbol, svgDashArray } from './task-colors';

/** SVG shapes of Plotly's marker symbols, in a 10 × 10 box. */
const SHAPES: Record<TaskSymbol, string> = {
  circle: 'M9 5A4 4 0 1 1 1 5A4 4 0 1 1 9 5Z',
  square: 'M1.5 1.5H8.5V8.5H1.5Z',
  diamond: 'M5 0.5L9.5 5L5 9.5L0.5 5Z',
  'triangle-up': 'M5 1L9.5 9H0.5Z',
  cross: 'M3.5 0.5H6.5V3.5H9.5V6.5H6.5V9.5H3.5V6.5H0.5V3.5H3.5Z',
};

/**
 * A task's colour as a short line, dashed as its traces are (tasks past the palette's colours share
 * one), or, for charts of points, as its marker: `symbol` draws the shape its points have.
 */
@Component({
  selector: 'app-task-swatch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (shape(); as d) {
      <svg width="18" height="10" viewBox="-4 0 18 10" aria-hidden="true">
        <path [attr.d]="d" [attr.fill]="color()" [attr.data-symbol]="symbol()" />
      </svg>
    } @else {
      <svg width="18" height="8" viewBox="0 0 18 8" aria-hidden="true">
        <line x1="1" y1="4" x2="17" y2="4" [attr.stroke]="color()" stroke-width="3" [attr.stroke-dasharray]="dashArray()" />
      </svg>
    }
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
  readonly symbol = input<TaskSymbol | undefined>(undefined);
  protected readonly shape = computed(() => {
    const symbol = this.symbol();
    return symbol ? SHAPES[symbol] : null;
  });
  protected readonly dashArray = computed(() => {
    const dash = this.dash();
    return dash ? svgDashArray(dash, 1) : null;
  });
}
