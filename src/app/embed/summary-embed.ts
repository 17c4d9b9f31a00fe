import { ChangeDetectionStrategy, Component } from '@angular/core';
import { SummaryChart } from '../compare/summary/summary-chart';

/**
 * `/embed;ids=…/summary?<grouping>`: the Summary chart (single values) alone, filling the frame;
 * with `groupby` a bar per group at its mean with ± one standard deviation, as on the compare page.
 */
@Component({
  selector: 'app-summary-embed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SummaryChart],
  template: `<app-summary-chart class="summary" [fill]="true" />`,
  styles: `
    :host {
      flex: 1 1 0;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    .summary {
      flex: 1 1 0;
      min-height: 0;
    }
  `,
})
export class SummaryEmbed {}
