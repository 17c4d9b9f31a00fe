import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Plot } from '../../shared/plot/plot';
import type { PlotFigure } from '../../shared/plot/plot-figure';
import { EmbedButton } from '../../shared/embed/embed-button';
import { InViewport } from '../../shared/in-viewport/in-viewport';
import { fitFigure } from './plot-fit';

/**
 * A chart drawn only once it has come near the viewport (and released when far away again, so a
 * long page does not hold hundreds of Plotly charts). Full screen with the corner button or Escape;
 * Plotly's mode bar gives PNG download and axis reset.
 */
@Component({
  selector: 'app-lazy-plot',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Plot, MatIconModule, InViewport, EmbedButton],
  host: { '[class.fullscreen]': 'fullscreen()', '(document:keydown.escape)': 'fullscreen.set(false)' },
  template: `
    <div #frame class="frame embed-hover" (appInViewport)="visible.set($event)" [attr.data-drawn]="visible() ? 'yes' : 'no'">
      @if (embedPath(); as path) {
        <app-embed-button [path]="path" [label]="label()" />
      }
      <button
        type="button"
        class="fs-button"
        (click)="fullscreen.set(!fullscreen())"
        [attr.aria-label]="fullscreen() ? 'Leave full screen' : 'Show full screen'"
      >
        <mat-icon>{{ fullscreen() ? 'close_fullscreen' : 'open_in_full' }}</mat-icon>
      </button>
      @if (visible() || fullscreen()) {
        <app-plot class="plot" [figure]="fitted()" (drawn)="drawn.set(true)" (failed)="drawn.set(true)" />
      }
      @if (!drawn() || !(visible() || fullscreen())) {
        <p class="waiting" role="status" data-testid="plot-loading">Loading {{ label() || 'the plot' }}…</p>
      }
    </div>
  `,
  styleUrl: '../../shared/plot/chart-frame.scss',
  styles: `
    :host {
      display: block;
    }
    .frame {
      position: relative;
      height: 380px;
    }
    .waiting {
      position: absolute;
      top: 40px;
      left: 0;
      right: 0;
      margin: 0 16px;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
      pointer-events: none;
    }
  `,
})
export class LazyPlot {
  readonly figure = input.required<PlotFigure>();
  readonly label = input('');
  /** App path of this plot alone (`/embed;...`), for the embed button; null shows none. */
  readonly embedPath = input<string | null>(null);
  protected readonly visible = signal(false);
  protected readonly fullscreen = signal(false);
  /** Whether Plotly has drawn the chart, or said why it cannot (until then the frame says it is loading). */
  protected readonly drawn = signal(false);
  private readonly frame = viewChild.required<ElementRef<HTMLElement>>('frame');
  /** The frame's width in steps of 40 px (the figure is fitted to it; a redraw only when a step changes). */
  private readonly width = signal(0);
  protected readonly fitted = computed(() => fitFigure(this.figure(), this.width()));

  constructor() {
    const resize = new ResizeObserver(([entry]) => {
      if (entry.contentRect.width > 0) this.width.set(Math.floor(entry.contentRect.width / 40) * 40);
    });
    effect(() => resize.observe(this.frame().nativeElement));
    inject(DestroyRef).onDestroy(() => resize.disconnect());
    effect(() => {
      if (!this.visible() && !this.fullscreen()) this.drawn.set(false);
    });
  }
}
