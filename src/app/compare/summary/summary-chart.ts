/**
 * The Summary chart: every single-value scalar of the compared tasks (`events.get_task_single_value_metrics`)
 * as clustered bars, a small panel per metric with its own scale, a bar per task in the task's colour.
 *
 * Two components:
 * - `<app-summary-chart />` (SummaryChart): container, no required inputs. It reads the compared
 *   tasks (order, colours, display names) from the compare state and the values from the Summary
 *   feature state (loaded by `summary.effects.ts` for the views that show it: see `showsSummary`).
 *   Optional input `[hiddenTaskIds]` (string[]) leaves tasks out of the chart.
 * - `<app-summary-chart-view [response] [tasks] />` (SummaryChartView): presentational; draws an
 *   already fetched response for the given `SummaryTask[]`, or says that there is nothing to show.
 * The figure itself is the pure `buildSummaryFigure` in `summary-figure.ts`.
 */
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Store } from '@ngrx/store';
import { SingleValueMetrics } from '../../core/api/events-api';
import { Plot } from '../../shared/plot/plot';
import { selectComparedTasks } from '../../state/compare/compare.feature';
import { summaryFeature } from './state/summary.feature';
import { SummaryTask, buildSummaryFigure, summaryLabels, summaryRows } from './summary-figure';
import { SummaryGroup, buildGroupedSummaryFigure } from './summary-group-figure';
import { selectTaskGroups } from '../../state/groups/groups.feature';

@Component({
  selector: 'app-summary-chart-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Plot],
  template: `
    @if (figure(); as figure) {
      <app-plot class="summary-plot" data-testid="summary-chart" [figure]="figure" [style.height.px]="height()" />
    } @else {
      <p class="summary-empty" data-testid="summary-empty">No single-value scalars were reported by these tasks.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .summary-empty {
      color: var(--mat-sys-on-surface-variant);
      margin: 8px 0;
    }
  `,
})
export class SummaryChartView {
  readonly response = input.required<SingleValueMetrics>();
  readonly tasks = input.required<readonly SummaryTask[]>();
  /** With grouping on: a bar per group (mean, ± std) instead of per task. */
  readonly groups = input<readonly SummaryGroup[] | null>(null);
  protected readonly figure = computed(() => {
    const groups = this.groups();
    return groups ? buildGroupedSummaryFigure(this.response(), groups) : buildSummaryFigure(this.response(), this.tasks());
  });
  protected readonly height = computed(() => 100 + 220 * summaryRows(summaryLabels(this.response()).length));
}

@Component({
  selector: 'app-summary-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SummaryChartView],
  template: `
    <section class="summary" aria-label="Summary">
      @if (summary().error; as error) {
        <p class="summary-error" role="alert">The Summary values could not be loaded: {{ error }}</p>
      } @else if (summary().value; as value) {
        <app-summary-chart-view [response]="value" [tasks]="shownTasks()" [groups]="shownGroups()" />
      } @else {
        <p class="summary-loading">Loading the Summary values…</p>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .summary-error {
      color: var(--mat-sys-error);
    }
    .summary-loading {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SummaryChart {
  readonly hiddenTaskIds = input<readonly string[]>([]);
  private readonly store = inject(Store);
  private readonly compared = this.store.selectSignal(selectComparedTasks);
  protected readonly summary = this.store.selectSignal(summaryFeature.selectComparedSummaryState);
  private readonly groups = this.store.selectSignal(selectTaskGroups);
  /** The groups over their shown tasks (a group with none shown is left out); null without grouping. */
  protected readonly shownGroups = computed<SummaryGroup[] | null>(() => {
    const groups = this.groups();
    if (!groups) return null;
    const hidden = new Set(this.hiddenTaskIds());
    return groups
      .map(({ key, name, color, taskIds }) => ({ key, name, color, taskIds: taskIds.filter((id) => !hidden.has(id)) }))
      .filter((group) => group.taskIds.length);
  });
  protected readonly shownTasks = computed(() => {
    const hidden = new Set(this.hiddenTaskIds());
    return this.compared()
      .filter((t) => !hidden.has(t.id))
      .map(({ id, displayName, color, dash }) => ({ id, displayName, color, dash }));
  });
}
