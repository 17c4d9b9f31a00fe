import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { CopyWithNotice } from '../copy/copy-with-notice';
import { embedSnippet } from './embed-snippet';

/**
 * The corner button that copies an `<iframe>` snippet of one visualization and says so in a toast.
 * It shows while its container (an element with class `embed-hover`) is hovered or it has focus.
 */
@Component({
  selector: 'app-embed-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <button
      type="button"
      class="embed"
      (click)="copy($event)"
      [title]="'Copy embed code: ' + label()"
      [attr.aria-label]="'Copy embed code for ' + label()"
      [attr.data-embed-path]="path()"
    >
      <mat-icon>code</mat-icon>
    </button>
  `,
  styles: `
    :host {
      position: absolute;
      top: 4px;
      left: 36px;
      z-index: 3;
      opacity: 0;
      transition: opacity 0.15s;
    }
    :host-context(.embed-hover:hover),
    :host(:focus-within) {
      opacity: 1;
    }
    .embed {
      border: none;
      background: var(--mat-sys-surface);
      color: inherit;
      cursor: pointer;
      border-radius: 4px;
      padding: 2px;
      display: flex;
      align-items: center;
    }
    .embed:hover {
      color: var(--mat-sys-primary);
    }
  `,
})
export class EmbedButton {
  /** App path of the embed view (`/embed;ids=.../scalars?...`). */
  readonly path = input.required<string>();
  /** What is embedded, for the iframe title and the button's label. */
  readonly label = input.required<string>();

  private readonly copier = inject(CopyWithNotice);
  private readonly document = inject(DOCUMENT);

  protected copy(event: Event): void {
    event.stopPropagation();
    const url = new URL(this.path().replace(/^\//, ''), this.document.baseURI).href;
    const snippet = embedSnippet(url, this.label());
    void this.copier.copy(snippet, { copied: 'Embed code copied: paste it into a page or report.', notCopied: 'Copy this embed code' });
  }
}
