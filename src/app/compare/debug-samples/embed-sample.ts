import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { formatSample, OpenSample } from './sample-view-options';
import { safeSampleUrl, sampleKind } from './sample-media';
import { ViewerState } from './state/debug-samples.feature';
import { ZoomPan } from './zoom-pan';

/** One debug sample alone, for an `/embed` URL: the media (zoomable image, player) and what it is. */
@Component({
  selector: 'app-embed-sample',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZoomPan],
  template: `
    <figure class="sample" data-testid="embed-sample" [attr.data-iter]="sample()?.iter ?? null">
      <figcaption class="caption">
        <span class="dot" [style.background]="taskColor()"></span>
        <span class="task">{{ taskName() }}</span>
        <span class="what" data-testid="embed-sample-title">{{ open().metric }} / {{ open().variant }}</span>
        <span class="iter" data-testid="embed-sample-iter"
          >iteration {{ sample()?.iter ?? open().iter }}{{ following() ? ' (newest)' : '' }}</span
        >
      </figcaption>
      <div class="media">
        @if (sample(); as s) {
          @if (!src() || broken()) {
            <p class="message">This file cannot be shown: {{ s.url || '(no URL)' }}</p>
          } @else {
            @switch (kind()) {
              @case ('audio') {
                <audio controls preload="metadata" [src]="src()" (error)="broken.set(true)"></audio>
              }
              @case ('video') {
                <video controls preload="metadata" [src]="src()" (error)="broken.set(true)"></video>
              }
              @default {
                <app-zoom-pan [src]="src()!" [alt]="s.metric + ' / ' + s.variant" (failed)="broken.set(true)" />
              }
            }
          }
        } @else if (viewer().status === 'loaded' || viewer().status === 'error') {
          <p class="message" role="alert">{{ viewer().message ?? 'This sample could not be loaded.' }}</p>
        } @else {
          <p class="message">Loading the sample…</p>
        }
      </div>
    </figure>
  `,
  styles: `
    :host {
      display: block;
      height: calc(100vh - 8px);
    }
    .sample {
      display: flex;
      flex-direction: column;
      height: 100%;
      margin: 0;
    }
    .caption {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 8px;
      font-size: 13px;
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
    }
    .task {
      font-weight: 500;
    }
    .iter,
    .what {
      color: var(--mat-sys-on-surface-variant);
    }
    .media {
      flex: 1 1 auto;
      min-height: 0;
      display: flex;
      align-items: center;
      justify-content: center;
    }
    .media app-zoom-pan,
    video {
      width: 100%;
      height: 100%;
    }
    .message {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class EmbedSample {
  readonly viewer = input.required<ViewerState>();
  readonly open = input.required<OpenSample>();
  readonly taskName = input('');
  readonly taskColor = input('');
  /** The embed moves on to the variant's newest iteration as the task reports. */
  readonly following = input(false);

  private readonly document = inject(DOCUMENT);
  /** The loaded sample, once it is the one asked for. */
  protected readonly sample = computed(() => {
    const shown = this.viewer().sample;
    return shown && formatSample(shown) === formatSample(this.open()) ? shown : null;
  });
  protected readonly src = computed(() => safeSampleUrl(this.sample()?.url, this.document.baseURI));
  protected readonly kind = computed(() => sampleKind(this.sample()?.url ?? ''));
  protected readonly broken = linkedSignal({ source: () => this.sample()?.url, computation: () => false });
}
