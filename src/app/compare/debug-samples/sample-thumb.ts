import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { DebugSampleEvent } from '../../core/api/events-api';
import { safeSampleUrl, sampleKind } from './sample-media';

/** Thumbnail size in pixels: fixed, so lazily loaded images never move the page. */
export const THUMB_SIZE = 140;

/** One debug sample as a thumbnail: image, video still or audio tile; a placeholder when the file is unusable. */
@Component({
  selector: 'app-sample-thumb',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <button
      type="button"
      class="thumb"
      (click)="opened.emit()"
      data-testid="sample-thumb"
      [attr.data-metric]="sample().metric"
      [attr.data-variant]="sample().variant"
      [attr.data-iter]="sample().iter"
      [attr.aria-label]="'Open ' + sample().metric + ' / ' + sample().variant + ' at iteration ' + sample().iter"
    >
      <span class="media" [style.width.px]="size" [style.height.px]="size">
        @if (!src() || broken()) {
          <span class="broken" data-testid="sample-broken">
            <mat-icon>broken_image</mat-icon>
            <span class="url mono">{{ sample().url || '(no URL)' }}</span>
          </span>
        } @else {
          @switch (kind()) {
            @case ('image') {
              <img
                [src]="src()"
                loading="lazy"
                decoding="async"
                [width]="size"
                [height]="size"
                [alt]="sample().metric + ' / ' + sample().variant"
                (error)="broken.set(true)"
              />
            }
            @case ('video') {
              <video [src]="src()" preload="metadata" muted [width]="size" [height]="size" (error)="broken.set(true)"></video>
              <mat-icon class="badge">play_circle</mat-icon>
            }
            @default {
              <span class="audio-tile" data-testid="audio-tile"><mat-icon>graphic_eq</mat-icon><span>audio</span></span>
              <!-- Only the header is fetched, to tell a missing file from a playable one. -->
              <audio [src]="src()" preload="metadata" hidden (error)="broken.set(true)"></audio>
            }
          }
        }
      </span>
      <span class="caption">
        <span class="name" [title]="sample().metric + ' / ' + sample().variant">{{ sample().metric }} / {{ sample().variant }}</span>
        <span class="iter">iteration {{ sample().iter }}</span>
      </span>
    </button>
  `,
  styles: `
    .thumb {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 4px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 6px;
      background: var(--mat-sys-surface-container-low);
      color: inherit;
      cursor: pointer;
      text-align: left;
    }
    .thumb:hover,
    .thumb:focus-visible {
      border-color: var(--mat-sys-primary);
      outline: none;
    }
    .media {
      position: relative;
      display: flex;
      align-items: center;
      justify-content: center;
      overflow: hidden;
      background: var(--mat-sys-surface-container-highest);
      border-radius: 4px;
    }
    img,
    video {
      object-fit: contain;
      width: 100%;
      height: 100%;
    }
    .badge {
      position: absolute;
      color: white;
      opacity: 0.85;
    }
    .broken,
    .audio-tile {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 4px;
      padding: 6px;
      color: var(--mat-sys-on-surface-variant);
      font-size: 11px;
      overflow: hidden;
    }
    .url {
      word-break: break-all;
      max-height: 64px;
      overflow: hidden;
    }
    .caption {
      display: flex;
      flex-direction: column;
      font-size: 12px;
      line-height: 16px;
      width: 140px;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .iter {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SampleThumb {
  readonly sample = input.required<DebugSampleEvent>();
  readonly opened = output<void>();

  protected readonly size = THUMB_SIZE;
  private readonly document = inject(DOCUMENT);
  protected readonly src = computed(() => safeSampleUrl(this.sample().url, this.document.baseURI));
  protected readonly kind = computed(() => sampleKind(this.sample().url));
  /** Reset whenever the sample changes. */
  protected readonly broken = linkedSignal({ source: () => this.sample().url, computation: () => false });
}
