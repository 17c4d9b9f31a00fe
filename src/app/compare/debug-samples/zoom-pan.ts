import { ChangeDetectionStrategy, Component, ElementRef, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 16;

/** Zooms by `factor` keeping the point (px, py) of the container still. */
export function zoomAt(state: ZoomState, factor: number, px: number, py: number): ZoomState {
  const scale = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, state.scale * factor));
  const k = scale / state.scale;
  return { scale, x: px - (px - state.x) * k, y: py - (py - state.y) * k };
}

const FIT: ZoomState = { scale: 1, x: 0, y: 0 };

/** An image that zooms (wheel, buttons, double click) and pans (drag). */
@Component({
  selector: 'app-zoom-pan',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div
      class="stage"
      data-testid="zoom-stage"
      (wheel)="onWheel($event)"
      (pointerdown)="onPointerDown($event)"
      (pointermove)="onPointerMove($event)"
      (pointerup)="dragFrom.set(null)"
      (pointercancel)="dragFrom.set(null)"
      (dblclick)="onDoubleClick($event)"
      [class.dragging]="dragFrom() !== null"
    >
      <img
        #image
        [src]="src()"
        [alt]="alt()"
        draggable="false"
        data-testid="viewer-image"
        (error)="failed.emit()"
        [style.transform]="'translate(' + zoom().x + 'px,' + zoom().y + 'px) scale(' + zoom().scale + ')'"
      />
    </div>
    <div class="zoom-bar">
      <button mat-icon-button type="button" (click)="zoomBy(1 / 1.5)" aria-label="Zoom out"><mat-icon>zoom_out</mat-icon></button>
      <span class="level" data-testid="zoom-level">{{ (zoom().scale * 100).toFixed(0) }}%</span>
      <button mat-icon-button type="button" (click)="zoomBy(1.5)" aria-label="Zoom in"><mat-icon>zoom_in</mat-icon></button>
      <button mat-icon-button type="button" (click)="zoom.set(fit)" aria-label="Fit"><mat-icon>fit_screen</mat-icon></button>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      width: 100%;
      height: 100%;
      min-height: 0;
    }
    .stage {
      flex: 1 1 auto;
      min-height: 0;
      overflow: hidden;
      cursor: grab;
      position: relative;
      touch-action: none;
      display: flex;
      align-items: center;
      justify-content: center;
    }
    .stage.dragging {
      cursor: grabbing;
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: contain;
      transform-origin: 0 0;
      image-rendering: pixelated;
      user-select: none;
    }
    .zoom-bar {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 4px;
    }
    .level {
      min-width: 48px;
      text-align: center;
      font-size: 12px;
    }
  `,
})
export class ZoomPan {
  readonly src = input.required<string>();
  readonly alt = input('');
  readonly failed = output<void>();

  protected readonly fit = FIT;
  /** Back to fit whenever the image changes. */
  protected readonly zoom = linkedSignal({ source: () => this.src(), computation: () => FIT });
  protected readonly dragFrom = signal<{ px: number; py: number; x: number; y: number } | null>(null);

  private readonly image = viewChild<ElementRef<HTMLImageElement>>('image');

  /** Zooms about (px, py), by default the image's centre. */
  protected zoomBy(factor: number, px?: number, py?: number): void {
    const img = this.image()?.nativeElement;
    this.zoom.update((z) => zoomAt(z, factor, px ?? (img?.offsetWidth ?? 0) / 2, py ?? (img?.offsetHeight ?? 0) / 2));
  }

  /** The point relative to the image's untransformed origin. */
  private point(event: MouseEvent): [number, number] {
    const img = (event.currentTarget as HTMLElement).querySelector('img');
    const rect = img?.getBoundingClientRect();
    const z = this.zoom();
    if (!rect) return [0, 0];
    return [event.clientX - (rect.left - z.x), event.clientY - (rect.top - z.y)];
  }

  protected onWheel(event: WheelEvent): void {
    event.preventDefault();
    const [px, py] = this.point(event);
    this.zoomBy(event.deltaY < 0 ? 1.2 : 1 / 1.2, px, py);
  }

  protected onDoubleClick(event: MouseEvent): void {
    const [px, py] = this.point(event);
    if (this.zoom().scale > 1) this.zoom.set(FIT);
    else this.zoomBy(2, px, py);
  }

  protected onPointerDown(event: PointerEvent): void {
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    const z = this.zoom();
    this.dragFrom.set({ px: event.clientX, py: event.clientY, x: z.x, y: z.y });
  }

  protected onPointerMove(event: PointerEvent): void {
    const from = this.dragFrom();
    if (!from) return;
    this.zoom.update((z) => ({ ...z, x: from.x + event.clientX - from.px, y: from.y + event.clientY - from.py }));
  }
}
