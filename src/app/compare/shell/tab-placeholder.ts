import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Stands in for a tab whose content is not built yet, and says so plainly. */
@Component({
  selector: 'app-tab-placeholder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="placeholder" data-testid="tab-placeholder">
      <h2>{{ title() }}</h2>
      <p class="muted">This view is not available yet.</p>
    </section>
  `,
  styles: `.placeholder { padding: 24px; } h2 { font: var(--mat-sys-title-medium); margin: 0 0 8px; }`,
})
export class TabPlaceholder {
  /** From the route's data. */
  readonly title = input('');
}
