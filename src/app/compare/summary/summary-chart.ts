/**
 * The Summary chart: every single-value scalar of the compared tasks (`events.get_task_single_value_metrics`)
 * as clustered bars, a small panel per metric with its own scale, a bar per task in the task's colour.
 *
 * Two components:
 * - `<app-summary-chart />` (SummaryChart): container, no required inputs. It reads the compared
 *   tasks (order, colours, display names) from the compare state and the values from the Summary
 *   feature state (loaded by `summary.effects.ts` for the views that show it: see `showsSummary`).
 *   Optional input `[hiddenTaskIds]` (string[]) leaves tasks out of the chart. On the compare page
 *   it has an embed button: `/embed;ids=…/summary` (SUMMARY_VIEW) draws it alone, with the
 *   page's grouping, over the tasks it shows; there (`[fill]`) it takes its container's height.
 * - `<app-summary-chart-view [response] [tasks] />` (SummaryChartView): presentational; draws an
 *   already fetched response for the given `SummaryTask[]`, or says that there is nothing to show.
 * The figure itself is the pure `buildSummaryFigure` in `summary-figure.ts`.
 */
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Store } from '@ngrx/store';
import { SingleValueMetrics } from '../../core/api/events-api';
import { Plot } from '../../shared/plot/plot';
import { SUMMARY_VIEW, summaryFeature } from './state/summary.feature';
import { SummaryTask, buildSummaryFigure, summaryLabels, summaryRows } from './summary-figure';
import { SummaryGroup, buildGroupedSummaryFigure } from './summary-group-figure';
import { selectTaskGroups } from '../../state/groups/groups.feature';
import { GROUP_OPTIONS } from '../../state/groups/group-options';
import { Theme } from '../../core/theme/theme';
import { EmbedButton } from '../../shared/embed/embed-button';
import { selectQueryParams } from '../../url/router-state';
import { embedPath, embedQuery } from '../../url/embed-url';
import { selectComparedTaskIds, selectComparedTasks, selectEmbedded, selectTaskSlots } from '../../state/compare/compare.feature';

@Component({
  selector: 'app-summary-chart-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Plot],
  host: { '[class.fill]': 'fill()' },
  template: `
    @if (figure(); as figure) {
      <app-plot class="summary-plot" data-testid="summary-chart" [figure]="figure" [style.height]="fill() ? '100%' : height() + 'px'" />
    } @else {
      <p class="summary-empty" data-testid="summary-empty">No single-value scalars were reported by these tasks.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    :host(.fill) {
      height: 100%;
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
  /** Take the container's height (an embed) instead of a height for the number of panels. */
  readonly fill = input(false);
  private readonly dark = inject(Theme).isDark;
  protected readonly figure = computed(() => {
    const groups = this.groups();
    return groups
      ? buildGroupedSummaryFigure(this.response(), groups, { dark: this.dark() })
      : buildSummaryFigure(this.response(), this.tasks());
  });
  protected readonly height = computed(() => 100 + 220 * summaryRows(summaryLabels(this.response()).length));
}

@Component({
  selector: 'app-summary-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SummaryChartView, EmbedButton],
  template: `
    <section class="summary embed-hover" aria-label="Summary">
      @if (summary().error; as error) {
        <p class="summary-error" role="alert">The Summary values could not be loaded: {{ error }}</p>
      } @else if (summary().value; as value) {
        @if (embedPath(); as path) {
          <app-embed-button [path]="path" label="Summary" />
        }
        <app-summary-chart-view [response]="value" [tasks]="shownTasks()" [groups]="shownGroups()" [fill]="fill()" />
      } @else {
        <p class="summary-loading">Loading the Summary values…</p>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .summary {
      position: relative;
      height: 100%;
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
  /** Take the container's height (the embed of the Summary alone). */
  readonly fill = input(false);
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
  private readonly embedded = this.store.selectSignal(selectEmbedded);
  private readonly ids = this.store.selectSignal(selectComparedTaskIds);
  private readonly slots = this.store.selectSignal(selectTaskSlots);
  private readonly query = this.store.selectSignal(selectQueryParams);
  /** The Summary alone, as drawn here: the shown tasks (with their colours) and the page's grouping. */
  protected readonly embedPath = computed(() => {
    if (this.embedded()) return null;
    const hidden = new Set(this.hiddenTaskIds());
    const ids = this.ids();
    const slots = this.slots();
    const shown = ids.flatMap((id, i) => (hidden.has(id) ? [] : [i]));
    if (!shown.length) return null;
    return embedPath(
      shown.map((i) => ids[i]),
      SUMMARY_VIEW,
      embedQuery(this.query(), GROUP_OPTIONS),
      {},
      shown.map((i) => slots[i]),
    );
  });
  protected readonly shownTasks = computed(() => {
    const hidden = new Set(this.hiddenTaskIds());
    return this.compared()
      .filter((t) => !hidden.has(t.id))
      .map(({ id, displayName, color, dash }) => ({ id, displayName, color, dash }));
  });
}
