import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { GROUP_OPTIONS } from '../../../state/groups/group-options';
import { Store } from '@ngrx/store';
import { selectQueryParams } from '../../../url/router-state';
import { EmbedButton } from '../../../shared/embed/embed-button';
import { embedPath, embedQuery } from '../../../url/embed-url';
import { CompareViewActions } from '../../../state/compare/compare.actions';
import { selectComparedTaskIds, selectEmbedded, selectTaskSlots } from '../../../state/compare/compare.feature';
import { MetricPick, ParamRef, defaultMetric, listMetrics, listParams, metricValue } from '../shared-axes/hyperparameters-data';
import { injectHyperparameterTasks } from '../shared-axes/hyperparameters-tasks';
import { MetricPicker } from '../shared-axes/metric-picker';
import { ParamPicker } from '../shared-axes/param-picker';
import { TaskLegend } from '../shared-axes/task-legend';
import { PARALLEL_COORDINATES_OPTIONS, ParallelCoordinatesOptions, selectParallelCoordinatesOptions } from './parallel-coordinates-options';
import { optionsPatch } from '../../../url/view-options';
import { ParallelCoordinates } from './parallel-coordinates';
import { Brush, buildDimensions, orderDimensions, tasksPassing } from './parcoords-model';
import { selectTaskGroups } from '../../../state/groups/groups.feature';
import { groupHyperparameterTasks } from '../shared-axes/hyperparameter-groups';

/** Hyperparameters › Parallel coordinates: one line per task through parameter and metric axes. */
@Component({
  selector: 'app-hyperparameters-graph-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MetricPicker, ParamPicker, ParallelCoordinates, TaskLegend, EmbedButton],
  templateUrl: './hyperparameters-graph-tab.html',
  styleUrl: '../shared-axes/hyperparameters-tab.scss',
})
export class HyperparametersGraphTab {
  private readonly store = inject(Store);
  private readonly data = injectHyperparameterTasks();
  protected readonly loading = this.data.loading;
  protected readonly error = this.data.error;
  private readonly groups = this.store.selectSignal(selectTaskGroups);
  protected readonly grouped = computed(() => !!this.groups());
  /** Grouped runs: a line per group through its tasks' means (see the Group by control). */
  protected readonly tasks = computed(() => {
    const groups = this.groups();
    return groups ? groupHyperparameterTasks(this.data.tasks(), groups) : this.data.tasks();
  });
  protected readonly options = this.store.selectSignal(selectParallelCoordinatesOptions);
  /** On an `/embed` URL only the chart and its legend are drawn, with the axes and filters of the link. */
  protected readonly embedded = this.store.selectSignal(selectEmbedded);
  private readonly ids = this.store.selectSignal(selectComparedTaskIds);
  private readonly query = this.store.selectSignal(selectQueryParams);
  private readonly slots = this.store.selectSignal(selectTaskSlots);
  protected readonly embedPath = computed(() =>
    this.embedded()
      ? null
      : embedPath(
          this.ids(),
          'hyper-params/graph',
          embedQuery(this.query(), PARALLEL_COORDINATES_OPTIONS, GROUP_OPTIONS),
          {},
          this.slots(),
        ),
  );
  protected readonly metricChoices = computed(() => listMetrics(this.tasks().map((t) => t.full)));
  protected readonly paramChoices = computed(() => listParams(this.tasks().map((t) => t.full)));
  protected readonly metrics = computed<MetricPick[]>(() => {
    const chosen = this.options().metrics;
    if (chosen) return chosen;
    const fallback = defaultMetric(this.metricChoices());
    return fallback ? [fallback] : [];
  });
  protected readonly params = computed<ParamRef[]>(() => this.options().params ?? this.paramChoices().filter((p) => p.differs));
  protected readonly shownTasks = computed(() => {
    const hidden = new Set(this.options().hidden);
    return this.tasks().filter((t) => !hidden.has(t.id));
  });
  protected readonly dims = computed(() =>
    orderDimensions(buildDimensions(this.shownTasks(), this.params(), this.metrics()), this.options().order),
  );
  protected readonly highlight = signal<string | null>(null);
  /** Brushes by dimension id, from the URL, so that a redraw (new selection, highlight) or a shared link keeps them. */
  protected readonly brushes = computed<Record<string, Brush>>(() => this.options().brushes);
  protected readonly passing = computed(() => {
    const ids = new Set(tasksPassing(this.shownTasks(), this.dims(), this.brushes()));
    return this.shownTasks().filter((t) => ids.has(t.id));
  });
  protected readonly brushed = computed(() => this.dims().some((d) => (this.brushes()[d.id]?.length ?? 0) > 0));
  /** Tasks without a value for some chosen metric (drawn on the N/A tick). */
  protected readonly missing = computed(() =>
    this.metrics().flatMap((m) => {
      const names = this.tasks()
        .filter((t) => metricValue(t.full, m) === null)
        .map((t) => t.displayName);
      return names.length ? [{ label: `${m.metric}/${m.variant}`, names }] : [];
    }),
  );

  private setOptions(values: Partial<ParallelCoordinatesOptions>): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(PARALLEL_COORDINATES_OPTIONS, values) }));
  }

  protected metricsChosen(picks: MetricPick[]): void {
    this.setOptions({ metrics: picks });
  }

  protected paramsChosen(params: ParamRef[]): void {
    this.setOptions({ params });
  }

  protected hideIdenticalChanged(hide: boolean): void {
    this.setOptions({ hideIdentical: hide });
  }

  protected resetSelection(): void {
    this.setOptions({ metrics: null, params: null, order: [] });
  }

  protected orderChanged(ids: string[]): void {
    this.setOptions({ order: ids });
  }

  protected toggleTask(id: string): void {
    const hidden = this.options().hidden;
    this.setOptions({ hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] });
  }

  /** One axis's filter changed; filters on axes not drawn now stay (a parameter picked again gets its filter back). */
  protected brushChanged({ id, brush }: { id: string; brush: Brush }): void {
    const next = { ...this.brushes() };
    if (brush.length) next[id] = brush;
    else delete next[id];
    this.setOptions({ brushes: next });
  }

  protected clearBrushes(): void {
    this.setOptions({ brushes: {} });
  }
}
