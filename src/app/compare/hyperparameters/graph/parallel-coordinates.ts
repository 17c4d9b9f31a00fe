import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { HyperparameterTask } from '../shared-axes/hyperparameters-tasks';
import {
  Brush,
  Dimension,
  Frame,
  addRange,
  axisSpacing,
  chartWidth,
  drawAxes,
  drawLines,
  moveAxis,
  plotSpan,
  positionAt,
  removeAt,
  slotAt,
} from './parcoords-model';
import { textMeasure } from '../../../shared/text-measure/text-measure';

/** A drag in progress along one axis, in pixels from the chart's top. */
interface Drag {
  index: number;
  from: number;
  to: number;
}

/** An axis being moved by its label: its index and how far it has been dragged sideways, in pixels. */
interface Move {
  index: number;
  startX: number;
  dx: number;
}

/** How long a label moved with the keyboard waits to be drawn at its new place to take the focus back. */
const REFOCUS_MS = 3000;

/** Moves shorter than this are clicks. */
const CLICK_PX = 3;

/**
 * Parallel coordinates drawn as SVG: one path per task through its value on every axis, axes with
 * their ticks, and filters made by dragging along an axis (several per axis; a click on a filter
 * removes it, a click elsewhere on the axis clears the axis). An axis moves to another place when its
 * label is dragged sideways (or focused and moved with the arrow keys). A hundred tasks over fifty
 * axes are a hundred paths, drawn in one frame without a chart library or WebGL; every text is bound
 * as text.
 */
@Component({
  selector: 'app-parallel-coordinates',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(scroll)': 'scrolled.set(host.nativeElement.scrollLeft)',
    '[class.more-left]': 'beyond().left > 0',
    '[class.more-right]': 'beyond().right > 0',
    '[attr.data-axes-left]': 'beyond().left',
    '[attr.data-axes-right]': 'beyond().right',
  },
  template: `
    @if (frame(); as f) {
      <svg
        #svg
        class="pc-chart"
        [attr.width]="f.width"
        [attr.height]="f.height"
        role="img"
        [attr.aria-label]="
          'Parallel coordinates: ' + dims().length + ' axes, ' + tasks().length + ' tasks' + (beyond().hint ? '; ' + beyond().hint : '')
        "
      >
        <g class="pc-lines" (pointerleave)="hovered.emit(null)">
          @for (line of lines(); track line.id) {
            <path
              data-testid="pc-line"
              [attr.data-task-id]="line.id"
              [attr.data-state]="line.state"
              [attr.d]="line.d"
              [attr.stroke]="line.color"
              [attr.stroke-dasharray]="line.dashArray"
              (pointerenter)="hovered.emit(line.id)"
            >
              <title>{{ line.name }}</title>
            </path>
          }
        </g>
        @for (axis of axes(); track axis.id; let i = $index) {
          <g
            class="pc-axis"
            data-testid="pc-axis"
            [attr.data-label]="axis.label"
            [class.pc-moving]="move()?.index === i"
            [attr.transform]="'translate(' + (axis.x + (move()?.index === i ? move()!.dx : 0)) + ' 0)'"
          >
            <line class="pc-axis-line" [attr.y1]="span().top" [attr.y2]="span().bottom" />
            <path class="pc-tick-mark" [attr.d]="axis.tickMarks" />
            @for (tick of axis.ticks; track $index) {
              @if (tick.labelY !== null) {
                <text data-testid="pc-tick" class="pc-tick" x="-6" [attr.y]="tick.labelY" dy="0.32em">
                  @if (tick.full) {
                    <title>{{ tick.full }}</title>
                  }
                  {{ tick.text }}
                </text>
              }
            }
            @for (range of axis.ranges; track $index) {
              <rect data-testid="pc-brush" class="pc-brush" x="-6" width="12" [attr.y]="range.y" [attr.height]="range.height" />
            }
            @if (drag(); as d) {
              @if (d.index === i) {
                <rect class="pc-brush pc-dragging" x="-6" width="12" [attr.y]="min(d.from, d.to)" [attr.height]="abs(d.to - d.from)" />
              }
            }
            <!-- As written: formatted, the axis title would begin with a space. -->
            <!-- prettier-ignore -->
            <text class="pc-label" data-testid="pc-label" tabindex="0" [attr.data-axis-id]="axis.id" [attr.transform]="'translate(0 ' + (span().top - 12) + ') rotate(-30)'"
                  [attr.aria-label]="axis.label + ': axis ' + (i + 1) + ' of ' + axes().length + '; arrow keys move it'"
                  (pointerdown)="startMove($event, i)" (pointermove)="moveAxisBy($event)" (pointerup)="endMove()" (pointercancel)="move.set(null)"
                  (keydown.arrowleft)="nudge($event, i, -1)" (keydown.arrowright)="nudge($event, i, 1)">
              <title>{{ axis.label }}: drag sideways to move the axis</title>{{ axis.title }}
            </text>
            <rect
              class="axis-brush"
              x="-10"
              width="20"
              [attr.y]="span().top - 4"
              [attr.height]="span().bottom - span().top + 8"
              (pointerdown)="startDrag($event, i)"
              (pointermove)="moveDrag($event)"
              (pointerup)="endDrag($event)"
              (pointercancel)="drag.set(null)"
            >
              <title>Drag to filter {{ axis.label }}; click a filter to remove it</title>
            </rect>
          </g>
        }
      </svg>
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
      overflow: auto hidden;
      min-height: 0;
      --fade: 48px;
    }
    /* Axes past an edge (the chart scrolls sideways): that edge fades out, so the cut shows. */
    :host(.more-right) {
      mask-image: linear-gradient(to right, #000 calc(100% - var(--fade)), transparent);
    }
    :host(.more-left) {
      mask-image: linear-gradient(to left, #000 calc(100% - var(--fade)), transparent);
    }
    :host(.more-left.more-right) {
      mask-image: linear-gradient(to right, transparent, #000 var(--fade), #000 calc(100% - var(--fade)), transparent);
    }
    svg {
      display: block;
      user-select: none;
      font-size: 10px;
    }
    path {
      fill: none;
      stroke-width: 1.5;
      stroke-linejoin: round;
    }
    path[data-state='highlight'] {
      stroke-width: 3;
    }
    .pc-axis-line,
    .pc-tick-mark {
      fill: none;
      stroke: var(--mat-sys-on-surface-variant, #666);
      stroke-width: 1;
    }
    .pc-tick {
      fill: var(--mat-sys-on-surface, #222);
      text-anchor: end;
      paint-order: stroke;
      stroke: var(--mat-sys-surface, #fff);
      stroke-width: 3px;
      stroke-linejoin: round;
    }
    .pc-label {
      fill: var(--mat-sys-on-surface, #222);
      font-size: 11px;
      font-weight: 500;
      cursor: grab;
      touch-action: none;
    }
    .pc-label:focus-visible {
      outline: 2px solid var(--mat-sys-primary, #3f51b5);
    }
    .pc-moving .pc-label {
      cursor: grabbing;
    }
    .pc-moving {
      opacity: 0.7;
    }
    .pc-brush {
      fill: var(--mat-sys-primary, #3f51b5);
      fill-opacity: 0.25;
      stroke: var(--mat-sys-primary, #3f51b5);
      stroke-width: 1;
    }
    .axis-brush {
      fill: transparent;
      cursor: crosshair;
      touch-action: none;
    }
  `,
})
export class ParallelCoordinates {
  readonly tasks = input.required<readonly HyperparameterTask[]>();
  readonly dims = input.required<readonly Dimension[]>();
  readonly brushes = input<Readonly<Record<string, Brush>>>({});
  readonly highlight = input<string | null>(null);
  /** A task's line is hovered (null: left). */
  readonly hovered = output<string | null>();
  /** The filter of one axis changed (an empty brush: the axis is no longer filtered). */
  readonly brushChange = output<{ id: string; brush: Brush }>();
  /** The axes were reordered: every axis id, in the new order. */
  readonly orderChange = output<string[]>();

  protected readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** How far the chart is scrolled sideways, in pixels. */
  protected readonly scrolled = signal(0);
  /** Axes out of view on each side, and a sentence saying so (in the chart's accessible name). */
  protected readonly beyond = computed(() => {
    const measured = this.measured();
    if (!measured) return { left: 0, right: 0, hint: null };
    const from = this.scrolled();
    const to = from + measured.width;
    const xs = this.axes().map((axis) => axis.x);
    const left = xs.filter((x) => x < from).length;
    const right = xs.filter((x) => x > to).length;
    const side = (n: number, where: string) => (n ? `${n} more ${n === 1 ? 'axis' : 'axes'} ${where}` : '');
    const hint = [side(left, 'to the left'), side(right, 'to the right')].filter(Boolean).join(', ');
    return { left, right, hint: hint ? `${hint}: scroll sideways` : null };
  });
  private readonly svg = viewChild<ElementRef<SVGSVGElement>>('svg');
  /** The host's size, measured by its observer; nothing is drawn before it is known. */
  private readonly measured = signal<Frame | null>(null);
  /** The drawing's size: the host's, wider when the axes need more room (the host then scrolls sideways). */
  protected readonly frame = computed<Frame | null>(() => {
    const measured = this.measured();
    return (
      measured && { width: chartWidth(this.dims().length, measured.width, axisSpacing(this.dims(), this.measure)), height: measured.height }
    );
  });
  /** Tick label widths in the chart's own font (10 px), measured once each. */
  private readonly measure = textMeasure(this.host.nativeElement, 10);
  protected readonly drag = signal<Drag | null>(null);
  protected readonly move = signal<Move | null>(null);

  protected readonly span = computed(() => plotSpan(this.frame() ?? { width: 0, height: 0 }));
  protected readonly axes = computed(() => {
    const frame = this.frame();
    return frame ? drawAxes(this.dims(), this.brushes(), frame, this.measure) : [];
  });
  protected readonly lines = computed(() => {
    const frame = this.frame();
    const move = this.move();
    return frame
      ? drawLines(this.tasks(), this.dims(), this.brushes(), this.highlight(), frame, move && { index: move.index, dx: move.dx })
      : [];
  });
  protected readonly min = Math.min;
  protected readonly abs = Math.abs;

  constructor() {
    // Drawn at the host's size, measured by the observer (no forced layout); redrawn when it changes.
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      const current = this.measured();
      if (width > 0 && height > 0 && (current?.width !== Math.round(width) || current?.height !== Math.round(height))) {
        this.measured.set({ width: Math.round(width), height: Math.round(height) });
      }
    });
    observer.observe(this.host.nativeElement);
    inject(DestroyRef).onDestroy(() => observer.disconnect());
  }

  private localY(event: PointerEvent): number {
    const top = this.svg()?.nativeElement.getBoundingClientRect().top ?? 0;
    return event.clientY - top;
  }

  protected startMove(event: PointerEvent, index: number): void {
    if (event.button !== 0) return;
    event.preventDefault();
    (event.target as Element).setPointerCapture?.(event.pointerId);
    this.move.set({ index, startX: event.clientX, dx: 0 });
  }

  protected moveAxisBy(event: PointerEvent): void {
    const move = this.move();
    if (move) this.move.set({ ...move, dx: event.clientX - move.startX });
  }

  protected endMove(): void {
    const move = this.move();
    const frame = this.frame();
    this.move.set(null);
    const axis = move && this.axes()[move.index];
    if (!move || !frame || !axis || Math.abs(move.dx) < CLICK_PX) return;
    this.reorder(move.index, slotAt(axis.x + move.dx, this.axes().length, frame));
  }

  protected nudge(event: Event, index: number, by: -1 | 1): void {
    event.preventDefault();
    const to = index + by;
    if (to < 0 || to >= this.dims().length) return;
    const id = this.dims()[index].id;
    this.reorder(index, to);
    this.focusWhenMoved(id, to, performance.now() + REFOCUS_MS);
  }

  /**
   * The label of an axis moved with the keyboard takes the focus again once drawn at its new place
   * (the new order comes back through the URL), so the arrows go on moving the same axis.
   */
  private focusWhenMoved(id: string, index: number, until: number): void {
    requestAnimationFrame(() => {
      const label = this.host.nativeElement.querySelectorAll<SVGTextElement>('.pc-label')[index];
      if (label?.getAttribute('data-axis-id') === id) label.focus();
      else if (performance.now() < until) this.focusWhenMoved(id, index, until);
    });
  }

  private reorder(from: number, to: number): void {
    if (from !== to)
      this.orderChange.emit(
        moveAxis(
          this.dims().map((d) => d.id),
          from,
          to,
        ),
      );
  }

  protected startDrag(event: PointerEvent, index: number): void {
    if (event.button !== 0) return;
    event.preventDefault();
    (event.target as Element).setPointerCapture?.(event.pointerId);
    const y = this.localY(event);
    this.drag.set({ index, from: y, to: y });
  }

  protected moveDrag(event: PointerEvent): void {
    const drag = this.drag();
    if (!drag) return;
    const { top, bottom } = this.span();
    this.drag.set({ ...drag, to: Math.min(bottom, Math.max(top, this.localY(event))) });
  }

  protected endDrag(event: PointerEvent): void {
    const drag = this.drag();
    const frame = this.frame();
    this.drag.set(null);
    if (!drag || !frame) return;
    const dim = this.dims()[drag.index];
    if (!dim) return;
    const to = this.localY(event);
    const current = this.brushes()[dim.id];
    const brush =
      Math.abs(to - drag.from) < CLICK_PX
        ? removeAt(current, positionAt(dim.axis, drag.from, frame))
        : addRange(current, [positionAt(dim.axis, drag.from, frame), positionAt(dim.axis, to, frame)]);
    if (JSON.stringify(brush) !== JSON.stringify(current ?? [])) this.brushChange.emit({ id: dim.id, brush });
  }
}
