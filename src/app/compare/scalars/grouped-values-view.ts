import { ChangeDetectionStrategy, Component, ElementRef, computed, input, viewChild } from '@angular/core';
import { formatValue } from './values-table';
import {
  GroupComparison,
  GroupStats,
  GroupedValueRow,
  ValueGroup,
  comparedCounts,
  formatComparison,
  formatMeanStd,
  formatP,
  levelLabel,
  CONFIDENCE,
} from './grouped-values';
import { scrollWindow } from './scroll-window';
import { VALUE_ROW_HEIGHT } from './values-table-view';

const OVERSCAN_ROWS = 10;

/**
 * The values table by group: frozen metric and variant columns, then per group its mean ± std (n)
 * and, beside every group but the base, its difference from the base group with its interval (at `level`)
 * and the Holm-corrected Welch p-value. Only the rows in view (and a few around them) are drawn.
 */
@Component({
  selector: 'app-grouped-values-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="scroller" #scroller (scroll)="scroll.scrolled(scroller)" data-testid="grouped-values-scroller">
      <table class="values" aria-label="Values by group" [attr.data-rows]="rows().length">
        <thead>
          <tr>
            <th class="frozen metric" scope="col">Metric</th>
            <th class="frozen variant" scope="col">Variant</th>
            @for (group of groups(); track group.key; let i = $index) {
              <th
                scope="col"
                class="group"
                [attr.data-group-key]="group.key"
                [title]="group.name + ': mean ± standard deviation over its tasks'"
              >
                <span class="dot" [style.background]="group.color"></span>{{ group.name }}
                <span class="size">n={{ group.taskIds.length }}</span>
                @if (group.isBase) {
                  <span class="base">BASE</span>
                }
              </th>
              @if (!group.isBase) {
                <th scope="col" class="compare" [title]="hint(i)">
                  vs base: Δ [{{ levelText() }} CI] p (Welch, Holm over {{ counts()[i] }} {{ counts()[i] === 1 ? 'metric' : 'metrics' }})
                </th>
              }
            }
          </tr>
        </thead>
        <tbody>
          @if (window().start > 0) {
            <tr class="spacer" aria-hidden="true" [style.height.px]="window().start * rowHeight"></tr>
          }
          @for (row of shownRows(); track row.key) {
            <tr [attr.data-metric]="row.metric" [attr.data-variant]="row.variant" data-testid="grouped-row">
              <th class="frozen metric" scope="row" [title]="row.metric">{{ row.metric }}</th>
              <td class="frozen variant" [title]="row.variant">{{ row.variant }}</td>
              @for (group of groups(); track group.key; let i = $index) {
                @let stats = row.stats[i];
                <td
                  class="value"
                  data-testid="group-stats"
                  [attr.data-group-key]="group.key"
                  [attr.data-mean]="stats.mean"
                  [attr.data-std]="stats.std"
                  [attr.data-n]="stats.n"
                  [title]="statsTitle(stats)"
                >
                  {{ meanStd(stats) }}
                  @if (stats.n !== group.taskIds.length) {
                    <span class="size">n={{ stats.n }}</span>
                  }
                </td>
                @if (!group.isBase) {
                  @let comparison = row.comparisons[i];
                  <td
                    class="compare"
                    data-testid="group-comparison"
                    [attr.data-group-key]="group.key"
                    [class.significant]="comparison?.significant"
                    [attr.data-diff]="comparison?.test?.difference"
                    [attr.data-ci-low]="comparison?.testable ? comparison?.test?.interval?.[0] : null"
                    [attr.data-ci-high]="comparison?.testable ? comparison?.test?.interval?.[1] : null"
                    [attr.data-p]="comparison?.testable ? comparison?.test?.p : null"
                    [attr.data-p-holm]="comparison?.testable ? comparison?.pHolm : null"
                    [attr.data-significant]="comparison?.significant ?? null"
                    [title]="comparisonTitle(comparison)"
                  >
                    {{ comparisonText(comparison) }}
                    @if (comparison?.significant) {
                      <span class="mark" aria-label="significant">✱</span>
                    }
                  </td>
                }
              }
            </tr>
          }
          @if (window().end < rows().length) {
            <tr class="spacer" aria-hidden="true" [style.height.px]="(rows().length - window().end) * rowHeight"></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrls: ['./values-table-view.scss', './grouped-values-view.scss'],
})
export class GroupedValuesTable {
  readonly rows = input.required<readonly GroupedValueRow[]>();
  readonly groups = input.required<readonly ValueGroup[]>();
  /** The confidence level the rows were judged at. */
  readonly level = input(CONFIDENCE);
  protected readonly levelText = computed(() => levelLabel(this.level()));

  protected readonly rowHeight = VALUE_ROW_HEIGHT;
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  protected readonly scroll = scrollWindow(this.scroller);
  protected readonly counts = computed(() => comparedCounts(this.rows(), this.groups().length));
  protected readonly window = this.scroll.rows(() => this.rows().length, VALUE_ROW_HEIGHT, OVERSCAN_ROWS);
  protected readonly shownRows = computed(() => this.rows().slice(this.window().start, this.window().end));

  protected meanStd(stats: GroupStats): string {
    return formatMeanStd(stats);
  }

  protected comparisonText(comparison: GroupComparison | null): string {
    return formatComparison(comparison);
  }

  protected hint(index: number): string {
    const m = this.counts()[index];
    return (
      `The group's mean minus the base group's mean, with the ${this.levelText()} confidence interval of that difference and the p-value of Welch's t-test ` +
      `multiplied out by Holm's correction over the ${m} ${m === 1 ? 'metric' : 'metrics'} compared; ✱ marks a difference whose interval excludes zero and whose corrected p is below ${+(1 - this.level()).toFixed(2)}.`
    );
  }

  protected statsTitle(stats: GroupStats): string {
    if (stats.mean === null) return 'Not reported by any task of the group';
    return `mean ${stats.mean}, standard deviation ${stats.std ?? '– (one task)'}, over ${stats.n} ${stats.n === 1 ? 'task' : 'tasks'}`;
  }

  protected comparisonTitle(comparison: GroupComparison | null): string {
    if (!comparison) return 'Not reported on one side';
    const { test } = comparison;
    if (!comparison.testable)
      return `Difference of means ${test.difference}; a test needs two tasks or more on each side, with some spread.`;
    return (
      `Difference of means ${test.difference}, ${this.levelText()} CI [${test.interval[0]}, ${test.interval[1]}], ` +
      `Welch t = ${formatValue(test.t)}, df = ${formatValue(test.df)}, p = ${formatP(test.p)}, Holm-corrected p = ${formatP(comparison.pHolm)}` +
      (comparison.significant ? ': significant.' : ': not significant.')
    );
  }
}
