import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Plot } from '../../shared/plot/plot';
import type { PlotFigure } from '../../shared/plot/plot-figure';
import { EmbedButton } from '../../shared/embed/embed-button';
import { InViewport } from '../../shared/in-viewport/in-viewport';

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
    <div class="frame embed-hover" (appInViewport)="visible.set($event)" [attr.data-drawn]="visible() ? 'yes' : 'no'">
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
        <app-plot class="plot" [figure]="figure()" />
      } @else {
        <p class="waiting">{{ label() }}</p>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .frame {
      position: relative;
      height: 380px;
    }
    :host-context(.embedded) .frame {
      height: calc(100vh - 48px);
    }
    :host(.fullscreen) .frame {
      position: fixed;
      inset: 16px;
      height: auto;
      z-index: 1000;
      background: var(--mat-sys-surface);
      box-shadow: 0 8px 32px rgba(0, 0, 0, 0.4);
    }
    .plot {
      height: 100%;
    }
    .fs-button {
      position: absolute;
      top: 4px;
      left: 4px;
      z-index: 2;
      border: none;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    .waiting {
      margin: 16px;
      color: var(--mat-sys-on-surface-variant);
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
}
