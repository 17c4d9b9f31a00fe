import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { GROUP_OPTIONS } from '../../state/groups/group-options';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatSliderModule } from '@angular/material/slider';
import { Store } from '@ngrx/store';
import { loadPlotly } from '../../shared/plot/plotly-loader';
import { SummaryChart } from '../summary/summary-chart';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { selectQueryParams } from '../../url/router-state';
import { embedPath, embedQuery } from '../../url/embed-url';
import { selectComparedTaskIds, selectComparedTasks, selectEmbedded, selectTaskSlots } from '../../state/compare/compare.feature';
import { OptionValues, optionsPatch } from '../../url/view-options';
import { autoLegendParams, differingParams, legendParamChoices } from './differing-params';
import { LegendParamsPicker } from './legend-params-picker';
import { selectCapabilities } from '../../core/server/server-info.feature';
import {
  ChartDef,
  currentZoom,
  histogramKey,
  selectChartDefs,
  selectScalarChartOptions,
  selectScalarGraphOptions,
} from './scalar-graph-options';
import { SCALAR_CHART_OPTIONS, SCALAR_GRAPH_OPTIONS, UrlZoom, formatZooms } from './scalars-options';
import { MetricFilter } from './metric-filter';
import { metricKey } from './metric-keys';
import { ScalarChart, ZoomEvent } from './scalar-chart';
import { ScalarLegend } from './scalar-legend';
import { TraceTask, taskOrigins } from './scalar-traces';
import { ChartZoom, ScalarsPageActions } from './state/scalars.actions';
import { scalarsFeature, selectScalarTasks } from './state/scalars.feature';
import { Toggle } from '../../shared/toggle/toggle';
import { selectTaskGroups } from '../../state/groups/groups.feature';
import { BAND_LABELS, TraceGroup } from './group-traces';

/** Scalars › Graph: a chart per metric/variant (or per metric), every task overlaid in its colour. */
@Component({
  selector: 'app-scalar-graphs-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    Toggle,
    MatSliderModule,
    MetricFilter,
    LegendParamsPicker,
    ScalarChart,
    ScalarLegend,
    SummaryChart,
  ],
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

  /** The hyperparameters the legend shows, picked by the user (`lparams` in the URL; absent: automatic). */
  protected readonly legendParams = computed(() => this.options().legendParams);
  protected readonly legendParamChoices = computed(() => legendParamChoices(this.scalarTasks() ?? []));
  protected readonly autoLegendParams = computed(() => autoLegendParams(this.scalarTasks() ?? []).map((key) => key.id));
  protected readonly traceTasks = computed<TraceTask[]>(() => {
    const params = differingParams(this.scalarTasks() ?? [], this.legendParams());
    return this.compared().map(({ id, displayName, color, dash, symbol }) => ({
      id,
      displayName,
      color,
      dash,
      symbol,
      params: params.get(id) ?? '',
    }));
  });
  /** The compared tasks' groups when grouping is on (null: a line per task). */
  protected readonly groups = this.store.selectSignal(selectTaskGroups);
  protected readonly traceGroups = computed<TraceGroup[] | null>(
    () => this.groups()?.map(({ key, name, color, taskIds }) => ({ key, name, color, taskIds })) ?? null,
  );
  protected readonly bandLabels = BAND_LABELS;
  /** The legend's items: the tasks, or with grouping on the groups (named by their values, with their sizes). */
  protected readonly legendItems = computed<TraceTask[]>(() => {
    const groups = this.groups();
    if (!groups) return this.traceTasks();
    return groups.map((group) => ({ id: group.key, displayName: group.name, color: group.color, params: `n=${group.size}` }));
  });
  /** Hidden legend items: hidden tasks, or the groups whose tasks are all hidden. */
  protected readonly legendHidden = computed<string[]>(() => {
    const hidden = this.options().hiddenTasks;
    const groups = this.groups();
    if (!groups) return hidden;
    const set = new Set(hidden);
    return groups.filter((group) => group.taskIds.every((id) => set.has(id))).map((group) => group.key);
  });
  protected readonly choices = computed(() =>
    this.metrics().flatMap(({ metric, variants }) =>
      variants.map((variant) => ({ key: metricKey({ metric, variant }), label: `${metric} / ${variant}` })),
    ),
  );
  protected readonly hiddenCount = computed(() => this.options().hiddenTasks.length);
  /** The settings folded away (`settings=hidden`): one line says what they are set to. */
  protected readonly settingsHidden = computed(() => this.options().settings === 'hidden');
  protected readonly settingsSummary = computed(() => {
    const o = this.options();
    return [
      o.groupBy === 'metric' ? 'a chart per metric' : 'a chart per metric and variant',
      o.smoothing ? `smoothing ${o.smoothing}` : 'no smoothing',
      { iter: 'iterations', relative: 'relative time', wall: 'wall time' }[o.xAxis],
      ...(o.logY ? ['log scale'] : []),
      o.hover === 'x' ? 'hover: all tasks' : 'hover: closest',
    ].join(' · ');
  });
  /** On an `/embed` URL only the chart named by `chart` is drawn, without the settings. */
  protected readonly embedded = this.store.selectSignal(selectEmbedded);
  private readonly chartOptions = this.store.selectSignal(selectScalarChartOptions);
  protected readonly embeddedChart = computed(() => this.chartOptions().chart);
  /** Task starts of relative-time zooms made here, until the store holds them with the zoom. */
  private readonly zoomOrigins = new Map<string, Record<string, number>>();
  /** The URL's zoom value a zoom made here is waiting for (the store has it already). */
  private awaitingUrl: { zoom: string | null } | null = null;
  protected readonly shownCharts = computed(() =>
    this.embedded() ? this.charts().filter((chart) => chart.chartKey === this.embeddedChart()) : this.charts(),
  );
  private readonly ids = this.store.selectSignal(selectComparedTaskIds);
  private readonly query = this.store.selectSignal(selectQueryParams);
  private readonly slots = this.store.selectSignal(selectTaskSlots);
  private readonly embedQuery = computed(() => embedQuery(this.query(), SCALAR_GRAPH_OPTIONS, SCALAR_CHART_OPTIONS, GROUP_OPTIONS));
  protected readonly embedPaths = computed(() => {
    if (this.embedded()) return new Map<string, string>();
    return new Map(
      this.charts().map((chart) => [
        chart.chartKey,
        embedPath(this.ids(), 'scalars/graph', this.embedQuery(), { chart: chart.chartKey }, this.slots()),
      ]),
    );
  });

  constructor() {
    // Plotly is parsed while the metric list and the first series are on their way.
    void loadPlotly('basic');
    // The URL holds each chart's zoom (a link reopens it zoomed); the store follows it.
    effect(() => {
      const zooms = this.chartOptions().zoom;
      const charts = this.charts();
      const series = this.series();
      untracked(() => {
        if (this.awaitingUrl) {
          if (formatZooms(zooms) !== this.awaitingUrl.zoom) return;
          this.awaitingUrl = null;
        }
        this.applyUrlZooms(zooms, charts, series);
      });
    });
  }

  private applyUrlZooms(zooms: Record<string, UrlZoom>, charts: readonly ChartDef[], series: ReturnType<typeof this.series>): void {
    const stored = this.zoom();
    for (const chart of charts) {
      const wanted = zooms[chart.chartKey];
      const held = stored[chart.chartKey];
      if (!wanted) {
        if (held) this.store.dispatch(ScalarsPageActions.chartZoomed({ chartKey: chart.chartKey, key: held.key, range: null }));
        continue;
      }
      const key = histogramKey(wanted.xAxis);
      const relative = wanted.xAxis === 'relative';
      if (held && held.key === key && held.range[0] === wanted.range[0] && held.range[1] === wanted.range[1] && relative === !!held.origins)
        continue;
      let origins: Record<string, number> | undefined;
      if (relative) {
        // Seconds from each task's start: the starts of the whole run, once its series are here.
        const drawn = series[chart.chartKey];
        origins =
          this.zoomOrigins.get(chart.chartKey) ?? held?.origins ?? (drawn && !held ? taskOrigins(chart, drawn.histogram) : undefined);
        if (!origins || !Object.keys(origins).length) continue;
      }
      this.store.dispatch(
        ScalarsPageActions.chartZoomed({ chartKey: chart.chartKey, key, range: wanted.range, ...(origins ? { origins } : {}) }),
      );
    }
  }

  protected zoomFor(chart: ChartDef): ChartZoom | null {
    return currentZoom(this.zoom()[chart.chartKey], this.options().xAxis);
  }

  protected setOptions(values: Partial<OptionValues<typeof SCALAR_GRAPH_OPTIONS>>): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(SCALAR_GRAPH_OPTIONS, values) }));
  }

  protected minCountChanged(event: Event): void {
    const value = Math.round(Number((event.target as HTMLInputElement).value));
    if (Number.isFinite(value) && value >= 1) this.setOptions({ minCount: Math.min(100, value) });
  }

  protected smoothingChanged(value: number): void {
    this.setOptions({ smoothing: Math.round(value * 1000) / 1000 });
  }

  protected visibilityChanged(chartKey: string, visible: boolean): void {
    this.store.dispatch(ScalarsPageActions.chartVisibilityChanged({ chartKey, visible }));
  }

  protected chartDrawn(chartKey: string): void {
    this.store.dispatch(ScalarsPageActions.chartDrawn({ chartKey }));
  }

  /**
   * A zoom is drawn at once (the store) and written to the URL, which a link or the back button
   * restores it from; a relative-time one keeps the task starts it was drawn with.
   */
  protected zoomed(chartKey: string, { range, origins }: ZoomEvent): void {
    const xAxis = this.options().xAxis;
    const zooms = { ...this.chartOptions().zoom };
    if (range) zooms[chartKey] = { xAxis, range };
    else delete zooms[chartKey];
    if (origins) this.zoomOrigins.set(chartKey, origins);
    else this.zoomOrigins.delete(chartKey);
    this.awaitingUrl = { zoom: formatZooms(zooms) };
    // The store's zoom redraws the chart at once; the URL's copy follows as a navigation (two actions on purpose).
    // eslint-disable-next-line @ngrx/avoid-dispatching-multiple-actions-sequentially
    this.store.dispatch(ScalarsPageActions.chartZoomed({ chartKey, key: histogramKey(xAxis), range, ...(origins ? { origins } : {}) }));
    // eslint-disable-next-line @ngrx/avoid-dispatching-multiple-actions-sequentially
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(SCALAR_CHART_OPTIONS, { zoom: zooms }) }));
  }

  protected taskToggled(taskId: string): void {
    const group = this.groups()?.find((g) => g.key === taskId);
    if (group) {
      // A group's legend item hides or shows all of its tasks.
      const hidden = new Set(this.options().hiddenTasks);
      const show = group.taskIds.every((id) => hidden.has(id));
      for (const id of group.taskIds) {
        if (show) hidden.delete(id);
        else hidden.add(id);
      }
      this.setOptions({ hiddenTasks: [...hidden] });
      return;
    }
    const hidden = new Set(this.options().hiddenTasks);
    if (hidden.has(taskId)) hidden.delete(taskId);
    else hidden.add(taskId);
    this.setOptions({ hiddenTasks: [...hidden] });
  }
}
