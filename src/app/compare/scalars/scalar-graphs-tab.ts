import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatSliderModule } from '@angular/material/slider';
import { Store } from '@ngrx/store';
import { loadPlotly } from '../../shared/plot/plotly-loader';
import { SummaryChart } from '../summary/summary-chart';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { selectQueryParams } from '../../url/router-state';
import { embedPath } from '../../url/embed-url';
import { selectComparedTaskIds, selectComparedTasks, selectEmbedded, selectViewOption } from '../../state/compare/compare.feature';
import { differingParams } from './differing-params';
import { selectCapabilities } from '../../core/server/server-info.feature';
import { ChartDef, currentZoom, histogramKey, selectChartDefs, selectScalarGraphOptions } from './scalar-graph-options';
import { MetricFilter } from './metric-filter';
import { formatKeyList, metricKey } from './metric-keys';
import { ScalarChart, ZoomEvent } from './scalar-chart';
import { ScalarLegend } from './scalar-legend';
import { TraceTask } from './scalar-traces';
import { ChartZoom, ScalarsPageActions } from './state/scalars.actions';
import { scalarsFeature, selectScalarTasks } from './state/scalars.feature';
import { Toggle } from '../../shared/toggle/toggle';

/** Scalars › Graph: a chart per metric/variant (or per metric), every task overlaid in its colour. */
@Component({
  selector: 'app-scalar-graphs-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonToggleModule, MatIconModule, Toggle, MatSliderModule, MetricFilter, ScalarChart, ScalarLegend, SummaryChart],
  templateUrl: './scalar-graphs-tab.html',
  styleUrl: './scalar-graphs-tab.scss',
})
export class ScalarGraphsTab {
  private readonly store = inject(Store);
  protected readonly options = this.store.selectSignal(selectScalarGraphOptions);
  /** What the server offers (min/max bands, zoom detail); null until known. */
  protected readonly capabilities = this.store.selectSignal(selectCapabilities);
  protected readonly charts = this.store.selectSignal(selectChartDefs);
  protected readonly metrics = this.store.selectSignal(scalarsFeature.selectMetrics);
  protected readonly metricsFor = this.store.selectSignal(scalarsFeature.selectMetricsFor);
  protected readonly metricsError = this.store.selectSignal(scalarsFeature.selectMetricsError);
  protected readonly series = this.store.selectSignal(scalarsFeature.selectSeries);
  private readonly zoom = this.store.selectSignal(scalarsFeature.selectZoom);
  private readonly compared = this.store.selectSignal(selectComparedTasks);
  private readonly scalarTasks = this.store.selectSignal(selectScalarTasks);

  protected readonly traceTasks = computed<TraceTask[]>(() => {
    const params = differingParams(this.scalarTasks() ?? []);
    return this.compared().map(({ id, displayName, color }) => ({ id, displayName, color, params: params.get(id) ?? '' }));
  });
  protected readonly choices = computed(() =>
    this.metrics().flatMap(({ metric, variants }) => variants.map((variant) => ({ key: metricKey({ metric, variant }), label: `${metric} / ${variant}` }))),
  );
  protected readonly hiddenCount = computed(() => this.options().hiddenTasks.length);
  /** On an `/embed` URL only the chart named by `chart` is drawn, without the settings. */
  protected readonly embedded = this.store.selectSignal(selectEmbedded);
  protected readonly embeddedChart = this.store.selectSignal(selectViewOption('chart'));
  protected readonly shownCharts = computed(() =>
    this.embedded() ? this.charts().filter((chart) => chart.chartKey === this.embeddedChart()) : this.charts(),
  );
  private readonly ids = this.store.selectSignal(selectComparedTaskIds);
  private readonly query = this.store.selectSignal(selectQueryParams);
  protected readonly embedPaths = computed(() => {
    if (this.embedded()) return new Map<string, string>();
    return new Map(this.charts().map((chart) => [chart.chartKey, embedPath(this.ids(), 'scalars/graph', this.query(), { chart: chart.chartKey })]));
  });

  constructor() {
    // Plotly is parsed while the metric list and the first series are on their way.
    void loadPlotly('basic');
  }

  protected zoomFor(chart: ChartDef): ChartZoom | null {
    return currentZoom(this.zoom()[chart.chartKey], this.options().xAxis);
  }

  protected setOption(name: string, value: string | null): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: { [name]: value } }));
  }

  protected metricsChosen(keys: string[] | null): void {
    this.setOption('metrics', keys === null ? null : formatKeyList(keys));
  }

  protected smoothingChanged(value: number): void {
    this.setOption('smooth', value > 0 ? String(Math.round(value * 1000) / 1000) : null);
  }

  protected visibilityChanged(chartKey: string, visible: boolean): void {
    this.store.dispatch(ScalarsPageActions.chartVisibilityChanged({ chartKey, visible }));
  }

  protected chartDrawn(chartKey: string): void {
    this.store.dispatch(ScalarsPageActions.chartDrawn({ chartKey }));
  }

  protected zoomed(chartKey: string, { range, origins }: ZoomEvent): void {
    this.store.dispatch(ScalarsPageActions.chartZoomed({ chartKey, key: histogramKey(this.options().xAxis), range, ...(origins ? { origins } : {}) }));
  }

  protected taskToggled(taskId: string): void {
    const hidden = new Set(this.options().hiddenTasks);
    if (hidden.has(taskId)) hidden.delete(taskId);
    else hidden.add(taskId);
    this.setOption('hide', hidden.size ? [...hidden].join(',') : null);
  }
}
