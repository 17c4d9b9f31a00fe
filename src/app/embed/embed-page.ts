import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { Theme } from '../core/theme/theme';
import { ComparePageActions } from '../state/compare/compare.actions';
import { EMBED_PAGE_OPTIONS } from '../url/page-options';
import { selectOptions } from '../url/view-options';
import { compareFeature, selectIdsProblem, selectNothingToShow } from '../state/compare/compare.feature';

/**
 * The bare page around an embedded visualization: no app bar, header or tabs; the theme from the
 * `theme` option (light or dark) when given, else the viewer's own.
 */
@Component({
  selector: 'app-embed-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet],
  host: { class: 'embedded' },
  template: `
    @if (idsProblem(); as problem) {
      <p class="message" role="alert">{{ problem }}</p>
    } @else if (loadError(); as message) {
      <p class="message" role="alert">The compared tasks could not be loaded: {{ message }}</p>
    } @else if (nothingToShow() === 'none-found') {
      <p class="message" role="alert">None of the tasks in this link was found.</p>
    }
    @if (!nothingToShow()) {
      <router-outlet />
    }
  `,
  styles: `
    // The frame's size exactly: the view below takes what the message leaves, and nothing scrolls.
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      box-sizing: border-box;
      padding: 4px;
      overflow: hidden;
    }
    .message {
      flex: none;
      margin: 16px;
      color: var(--mat-sys-error);
    }
  `,
})
export class EmbedPage {
  private readonly store = inject(Store);
  protected readonly idsProblem = this.store.selectSignal(selectIdsProblem);
  protected readonly loadError = this.store.selectSignal(compareFeature.selectError);
  protected readonly nothingToShow = this.store.selectSignal(selectNothingToShow);
  private readonly themeOption = this.store.selectSignal(selectOptions(EMBED_PAGE_OPTIONS));

  constructor() {
    const theme = inject(Theme);
    effect(() => {
      const mode = this.themeOption().theme;
      if (mode) theme.preview(mode);
    });
    this.store.dispatch(ComparePageActions.opened());
  }
}
