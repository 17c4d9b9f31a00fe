import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { CdkTrapFocus } from '@angular/cdk/a11y';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { formatSample, OpenSample } from './sample-view-options';
import { safeSampleUrl, sampleKind } from './sample-media';
import { ViewerStep } from './state/debug-samples.actions';
import { ViewerState } from './state/debug-samples.feature';
import { ZoomPan } from './zoom-pan';

const KEY_STEPS: Record<string, ViewerStep> = { ArrowLeft: 'previous', ArrowRight: 'next', ArrowUp: 'newer', ArrowDown: 'older' };

/** Full-window viewer of one sample: zoomable image, audio or video player, steps and an iteration slider. */
@Component({
  selector: 'app-sample-viewer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CdkTrapFocus, MatButtonModule, MatIconModule, MatTooltipModule, ZoomPan],
  templateUrl: './sample-viewer.html',
  styleUrl: './sample-viewer.scss',
  host: { '(document:keydown)': 'onKey($event)' },
})
export class SampleViewer {
  readonly viewer = input.required<ViewerState>();
  readonly open = input.required<OpenSample>();
  /** The sample's iterations, oldest first, when known (else the slider spans min..max iteration). */
  readonly iterations = input<number[]>([]);
  readonly taskName = input('');
  readonly taskColor = input('');
  readonly closed = output<void>();
  readonly step = output<ViewerStep>();
  readonly iterationChosen = output<number>();

  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The loaded sample, once it is the one asked for. */
  protected readonly sample = computed(() => {
    const shown = this.viewer().sample;
    return shown && formatSample(shown) === formatSample(this.open()) ? shown : null;
  });
  protected readonly src = computed(() => safeSampleUrl(this.sample()?.url, this.document.baseURI));
  protected readonly kind = computed(() => sampleKind(this.sample()?.url ?? ''));
  protected readonly broken = linkedSignal({ source: () => this.sample()?.url, computation: () => false });

  /** Slider over the known iterations (by index), or over the raw range. */
  protected readonly slider = computed(() => {
    const iters = this.iterations();
    const iter = this.sample()?.iter ?? this.open().iter;
    if (iters.length > 1 && iters.includes(iter)) return { min: 0, max: iters.length - 1, value: iters.indexOf(iter), indexed: true };
    const { minIteration: min, maxIteration: max } = this.viewer();
    if (min === null || max === null || min >= max) return null;
    return { min, max, value: iter, indexed: false };
  });
  protected readonly atOldest = computed(() => {
    const { minIteration } = this.viewer();
    return minIteration !== null && (this.sample()?.iter ?? Infinity) <= minIteration;
  });
  protected readonly atNewest = computed(() => {
    const { maxIteration } = this.viewer();
    return maxIteration !== null && (this.sample()?.iter ?? -Infinity) >= maxIteration;
  });

  constructor() {
    // Focus moves into the dialog and goes back where it was when the viewer closes.
    const previous = this.document.activeElement as HTMLElement | null;
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('.dialog')?.focus());
    inject(DestroyRef).onDestroy(() => previous?.focus?.());
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closed.emit();
      return;
    }
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, select, textarea, audio, video, [contenteditable]')) return;
    const step = KEY_STEPS[event.key];
    if (step) {
      event.preventDefault();
      this.step.emit(step);
    }
  }

  protected onSlider(event: Event): void {
    const slider = this.slider();
    const value = Number((event.target as HTMLInputElement).value);
    if (!slider || !Number.isFinite(value)) return;
    this.iterationChosen.emit(slider.indexed ? this.iterations()[value] : value);
  }
}
