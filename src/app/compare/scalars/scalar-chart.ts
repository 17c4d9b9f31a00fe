import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Plot } from '../../shared/plot/plot';
import { EmbedButton } from '../../shared/embed/embed-button';
import { ChartDef, ScalarGraphOptions } from './scalar-graph-options';
import { InViewport } from '../../shared/in-viewport/in-viewport';
import { TraceTask, buildChartFigure, taskOrigins, zoomFromRelayout } from './scalar-traces';
import { TraceGroup, buildGroupedChartFigure } from './group-traces';
import { ChartZoom } from './state/scalars.actions';
import { ChartSeries } from './state/scalars.feature';

/**
 * Whether a scalar chart has been drawn on this page yet. The first draw runs Plotly's code cold
 * and takes about twice as long as later ones, and with 100 tasks the min/max bands are a large
 * part of it. Until then charts are drawn without their bands, which follow in the chart's next
 * draw, a frame later, so no single task holds the main thread as long.
 */
const chartDrawnOnPage = signal(false);

/** A zoom (null range: back to the whole run); relative time also gives each task's start. */
export interface ZoomEvent {
  range: [number, number] | null;
  origins?: Record<string, number>;
}

/**
 * One scalar chart. Draws only once it has been near the viewport and its series arrived; reports
 * its visibility (so it is fetched), zooms (x window, or null on double-click) and legend clicks
 * (a task to hide or show). Full-screen with the corner button or Escape; only there does the
 * chart draw its own legend (the tab has one shared legend for all charts).
 */
@Component({
  selector: 'app-scalar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Plot, MatIconModule, InViewport, EmbedButton],
  host: { '[class.fullscreen]': 'fullscreen()', '(document:keydown.escape)': 'fullscreen.set(false)' },
  template: `
    <div
      class="frame embed-hover"
      (appInViewport)="onVisible($event)"
      data-testid="scalar-chart"
      [attr.data-chart-key]="chart().chartKey"
      [attr.data-status]="series()?.status ?? 'waiting'"
    >
      @if (embedPath(); as path) {
        <app-embed-button [path]="path" [label]="chart().title" />
      }
      <button
        type="button"
        class="fs-button"
        (click)="fullscreen.set(!fullscreen())"
        [attr.aria-label]="fullscreen() ? 'Leave full screen' : 'Show full screen'"
        [title]="fullscreen() ? 'Leave full screen' : 'Full screen'"
      >
        <mat-icon>{{ fullscreen() ? 'close_fullscreen' : 'open_in_full' }}</mat-icon>
      </button>
      @if (series()?.error; as error) {
        <p class="chart-message error" role="alert">{{ chart().title }}: the series could not be loaded: {{ error }}</p>
      } @else if (built(); as built) {
        @if (built.seriesCount) {
          <app-plot
            class="plot"
            [figure]="built.figure"
            [legendToggles]="false"
            (relayout)="onRelayout($event)"
            (drawn)="onDrawn()"
            (failed)="drawn.emit()"
            (legendClick)="onLegendClick($event.curveNumber)"
          />
          @if (built.pointsLabel) {
            <span class="points" data-testid="points-label">{{ built.pointsLabel }}</span>
          }
        } @else {
          <p class="chart-message"
            >{{ chart().title }}: no values in this range.
            @if (zoom()) {
              <button type="button" class="link" (click)="zoomed.emit({ range: null })">Show the whole run</button>
            }
          </p>
        }
      } @else {
        <p class="chart-message loading">{{ chart().title }}: loading…</p>
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
      height: 360px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 6px;
      padding: 4px;
    }
    .fs-button {
      opacity: 0;
      transition: opacity 0.15s;
    }
    .frame:hover .fs-button,
    :host(.fullscreen) .fs-button,
    .fs-button:focus-visible {
      opacity: 1;
    }
    .points {
      position: absolute;
      right: 12px;
      bottom: 6px;
      font-size: 11px;
      color: var(--mat-sys-on-surface-variant);
    }
    .chart-message {
      margin: 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .chart-message.error {
      color: var(--mat-sys-error);
    }
    .link {
      border: none;
      background: none;
      padding: 0;
      color: var(--mat-sys-primary);
      cursor: pointer;
      font: inherit;
      text-decoration: underline;
    }
  `,
})
export class ScalarChart {
  readonly chart = input.required<ChartDef>();
  readonly series = input.required<ChartSeries | undefined>();
  readonly tasks = input.required<readonly TraceTask[]>();
  /** With grouping on: the groups, each drawn as its mean and band (null: a line per task). */
  readonly groups = input<readonly TraceGroup[] | null>(null);
  readonly options = input.required<ScalarGraphOptions>();
  readonly zoom = input<ChartZoom | null>(null);
  /** App path of this chart alone (`/embed;...`), for the embed button; null shows none. */
  readonly embedPath = input<string | null>(null);
  readonly visibleChange = output<boolean>();
  readonly zoomed = output<ZoomEvent>();
  readonly taskToggled = output<string>();
  /**
   * After each draw of the chart, and after a draw Plotly refused (the chart then shows why): the
   * charts whose series wait for this one's draw go on.
   */
  readonly drawn = output<void>();
  protected readonly fullscreen = signal(false);

  protected readonly built = computed(() => {
    const series = this.series();
    if (!series || (series.status === 'loading' && !Object.keys(series.histogram).length)) return null;
    const groups = this.groups();
    if (groups) return buildGroupedChartFigure(this.chart(), series.histogram, this.tasks(), groups, this.options(), this.zoom());
    return buildChartFigure(
      this.chart(),
      series.histogram,
      this.tasks(),
      this.options(),
      this.zoom(),
      this.fullscreen(),
      chartDrawnOnPage(),
    );
  });

  protected onDrawn(): void {
    chartDrawnOnPage.set(true);
    this.drawn.emit();
  }

  protected onVisible(visible: boolean): void {
    this.visibleChange.emit(visible);
  }

  protected onRelayout(event: Record<string, unknown>): void {
    const xAxis = this.options().xAxis;
    const range = zoomFromRelayout(event, xAxis);
    if (range === undefined) return;
    if (xAxis !== 'relative' || range === null) {
      this.zoomed.emit({ range });
      return;
    }
    // Seconds from each task's start: keep the starts the chart is drawn with (a zoom has no start of its own).
    const origins = this.zoom()?.origins ?? taskOrigins(this.chart(), this.series()?.histogram ?? {});
    this.zoomed.emit({ range, origins });
  }

  protected onLegendClick(curveNumber: number): void {
    const taskId = this.built()?.traceTaskIds[curveNumber];
    if (taskId) this.taskToggled.emit(taskId);
  }
}
