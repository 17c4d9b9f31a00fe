import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  effect,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Location } from '@angular/common';
import { Theme } from '../../core/theme/theme';
import { cancelDraw, queueDraw } from './draw-queue';
import { appendedPoints } from './plot-append';
import { DEFAULT_PLOT_CONFIG, PlotFigure, themedLayout } from './plot-figure';
import { Plotly, PlotlyBundle, bundleFor, drawsBundle, loadPlotly } from './plotly-loader';
import { errorMessage } from '../../core/error-message';

type PlotlyElement = HTMLElement & {
  on(event: string, handler: (event: unknown) => unknown): void;
  removeAllListeners?(event: string): void;
};

/**
 * Points the chart's gradient fills (a heatmap's colour bar) at the page's current URL. With a
 * `<base href>` in the page Plotly writes them as `url("<page URL>#id")`, with the URL the page had
 * when it drew; once the app writes another URL (a view option), they would point at another
 * document and the colour bar would be blank. Plotly's own later draws use the new URL too.
 */
function followPageUrl(el: HTMLElement): void {
  const here = window.location.href.split('#')[0];
  const context = (el as unknown as { _context?: { _baseUrl?: string } })._context;
  if (context?._baseUrl) context._baseUrl = here;
  for (const node of Array.from(el.querySelectorAll<SVGElement | HTMLElement>('[style*="url("]'))) {
    const css = node.style.cssText;
    const next = css.replace(/url\(("|')?[^"')#]*#/g, (_: string, quote: string | undefined) => `url(${quote ?? ''}${here}#`);
    if (next !== css) node.style.cssText = next;
  }
}

/** The build a figure needs; a figure that cannot even be read gets the full one (and its error when drawn). */
function bundleOf(figure: PlotFigure): PlotlyBundle {
  try {
    return bundleFor(figure.data);
  } catch {
    return 'full';
  }
}

/**
 * One Plotly chart. The only place in the app that talks to Plotly: it loads it lazily (the
 * smallest build that has the figure's traces), draws with `Plotly.react` (which updates in
 * place), or `Plotly.extendTraces` when the new figure only adds points at the end of some traces (a
 * running task's new data), follows the theme and the element's size, and purges the chart when it
 * goes away. Callers pass a figure and listen to the events they need.
 */
@Component({
  selector: 'app-plot',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div #chart class="chart"></div>
    @if (error(); as message) {
      <div class="plot-error" role="alert">This chart could not be drawn: {{ message }}</div>
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
      min-height: 120px;
    }
    .chart {
      width: 100%;
      height: 100%;
    }
    .plot-error {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      padding: 16px;
      text-align: center;
      color: var(--mat-sys-error);
      background: var(--mat-sys-surface);
    }
  `,
})
export class Plot {
  readonly figure = input.required<PlotFigure>();
  /** Emits Plotly's relayout event (zoom, pan, autoscale). */
  readonly relayout = output<Record<string, unknown>>();
  /** Emits a legend click; when `legendToggles` is false Plotly's own show/hide is suppressed. */
  readonly legendClick = output<{ curveNumber: number; name: string | undefined }>();
  readonly legendToggles = input(true);
  readonly plotClick = output<{ points: unknown[] }>();
  readonly hover = output<{ points: unknown[] }>();
  readonly unhover = output<void>();
  /** Emits after every draw, with the chart element (for tests and measurements). */
  readonly drawn = output<HTMLElement>();
  /** Emits when a figure could not be drawn (Plotly rejected it, or could not be loaded), with the message shown. */
  readonly failed = output<string>();

  private readonly chart = viewChild.required<ElementRef<HTMLElement>>('chart');
  private readonly theme = inject(Theme);
  protected readonly error = signal<string | null>(null);
  private plotly: Plotly | null = null;
  private listening = false;
  /** The latest figure not drawn yet: draws wait their turn in the page's draw queue (one chart at a time). */
  private pending: { figure: PlotFigure; dark: boolean } | null = null;
  private destroyed = false;
  /** The figure on screen, to tell an append from any other change. */
  private shown: { figure: PlotFigure; dark: boolean } | null = null;
  private readonly drawPending = async (): Promise<void> => {
    const next = this.pending;
    this.pending = null;
    if (next && !this.destroyed) await this.draw(next.figure, next.dark);
  };

  constructor() {
    const destroyRef = inject(DestroyRef);
    effect(() => {
      this.pending = { figure: this.figure(), dark: this.theme.isDark() };
      // Plotly is loaded before the draw takes its turn, so a slow first load holds up no other chart.
      loadPlotly(bundleOf(this.pending.figure)).then(
        () => queueDraw(this.drawPending, { afterPaint: this.shown === null }),
        (err: unknown) => this.fail(err),
      );
    });
    const resize = new ResizeObserver(() => {
      const el = this.chart().nativeElement;
      if (this.plotly && el.offsetWidth > 0 && (el as unknown as { _fullLayout?: unknown })._fullLayout) {
        void Promise.resolve(this.plotly.Plots.resize(el)).then(() => followPageUrl(el));
      }
    });
    // A view option written to the URL moves the page: the chart's gradients must follow it.
    const stopFollowing = inject(Location).onUrlChange(() => followPageUrl(this.chart().nativeElement));
    destroyRef.onDestroy(stopFollowing);
    effect(() => resize.observe(this.chart().nativeElement));
    destroyRef.onDestroy(() => {
      this.destroyed = true;
      cancelDraw(this.drawPending);
      resize.disconnect();
      if (this.plotly) this.plotly.purge(this.chart().nativeElement);
    });
  }

  private async draw(figure: PlotFigure, dark: boolean): Promise<void> {
    try {
      const wanted = bundleFor(figure.data);
      const el = this.chart().nativeElement as PlotlyElement;
      if (!this.plotly || !drawsBundle(this.plotly, wanted)) {
        const plotly = await loadPlotly(wanted);
        if (this.destroyed) return;
        if (this.plotly && this.plotly !== plotly) {
          // Drawn with a smaller build, now showing a trace only a larger one has: start over with it.
          this.plotly.purge(el);
          this.shown = null;
          this.listening = false;
        }
        this.plotly = plotly;
      }
      const append = this.shown?.dark === dark ? appendedPoints(this.shown.figure, figure) : null;
      if (append) {
        if (append.indices.length) await this.extend(el, append.update, append.indices);
      } else {
        await this.plotly.react(el, figure.data, themedLayout(figure.layout, { dark }), { ...DEFAULT_PLOT_CONFIG, ...figure.config });
      }
      this.shown = { figure, dark };
      followPageUrl(el);
      this.listen(el);
      this.error.set(null);
      this.drawn.emit(el);
    } catch (err) {
      this.shown = null;
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const message = errorMessage(err);
    this.error.set(message);
    this.failed.emit(message);
  }

  /** Appends points in place; the traces Plotly holds are copied first, as it writes the longer arrays into them. */
  private async extend(el: PlotlyElement, update: Record<string, unknown[][]>, indices: number[]): Promise<void> {
    const gd = el as unknown as { data: Record<string, unknown>[] };
    for (const index of indices) gd.data[index] = { ...gd.data[index] };
    await this.plotly!.extendTraces(el, update as never, indices);
  }

  private listen(el: PlotlyElement): void {
    if (this.listening) return;
    this.listening = true;
    el.on('plotly_relayout', (event) => this.relayout.emit(event as Record<string, unknown>));
    el.on('plotly_legendclick', (event) => {
      const { curveNumber, data } = event as { curveNumber: number; data: { name?: string }[] };
      this.legendClick.emit({ curveNumber, name: data[curveNumber]?.name });
      return this.legendToggles();
    });
    el.on('plotly_click', (event) => this.plotClick.emit(event as { points: unknown[] }));
    el.on('plotly_hover', (event) => this.hover.emit(event as { points: unknown[] }));
    el.on('plotly_unhover', () => this.unhover.emit());
    // After any redraw (a zoom's included) Plotly draws the hover label again where the mouse last
    // moved over the chart (it keeps that as `_fullLayout._rehover`). A 100-task chart's label
    // lists 100 lines, a large part of the zoom's frame, for a place the drag has just left. A
    // press or the mouse leaving forgets it; the next move over the chart hovers as before.
    const forgetHover = () => {
      const layout = (el as unknown as { _fullLayout?: { _rehover?: unknown } })._fullLayout;
      if (layout) layout._rehover = undefined;
    };
    el.addEventListener('mousedown', forgetHover, { capture: true });
    el.addEventListener('mouseleave', forgetHover);
  }
}
