import { createSelector } from '@ngrx/store';
import { HistogramKey, MetricVariants } from '../../core/api/events-api';
import { selectCapabilities } from '../../core/server/server-info.feature';
import { compareFeature, selectCompareView, selectEmbedded, selectExistingTaskIds } from '../../state/compare/compare.feature';
import { OptionValues, readOptions, selectOptions } from '../../url/view-options';
import { SCALAR_CHART_OPTIONS, SCALAR_GRAPH_OPTIONS, ScalarChartGrouping, XAxis } from './scalars-options';
import { metricKey, metricMatches } from './metric-keys';
import { ChartRequest, ChartZoom } from './state/scalars.actions';
import { scalarsFeature, staleRequests } from './state/scalars.feature';

export type { HoverMode, ScalarChartGrouping, XAxis } from './scalars-options';

/** Every graph option, read from the URL (defaults when absent). */
export type ScalarGraphOptions = OptionValues<typeof SCALAR_GRAPH_OPTIONS>;

/** The graph options from plain query values (`{ smooth: '0.6' }`). */
export function parseScalarGraphOptions(q: Record<string, string | null>): ScalarGraphOptions {
  return readOptions(SCALAR_GRAPH_OPTIONS, q);
}

export const selectScalarGraphOptions = selectOptions(SCALAR_GRAPH_OPTIONS);
export const selectScalarChartOptions = selectOptions(SCALAR_CHART_OPTIONS);
/** On an embed: the one chart drawn (`chart`). */
export const selectEmbeddedChart = createSelector(selectScalarChartOptions, (options) => options.chart);

export function histogramKey(xAxis: XAxis): HistogramKey {
  return xAxis === 'iter' ? 'iter' : 'timestamp';
}

/** One chart: its key (stable per grouping), title and the metric/variants it overlays. */
export interface ChartDef {
  chartKey: string;
  title: string;
  metrics: MetricVariants[];
}

/**
 * The charts to draw: one per metric/variant (default) or one per metric with all its shown
 * variants, in the order the server lists metrics. `shown` (metric/variant keys, null: all) and
 * the filter's `search` text hide the others.
 */
export function chartDefs(
  metrics: readonly MetricVariants[],
  groupBy: ScalarChartGrouping,
  shown: readonly string[] | null,
  search = '',
): ChartDef[] {
  const chosen = shown ? new Set(shown) : null;
  const charts: ChartDef[] = [];
  for (const { metric, variants } of metrics) {
    const visible = variants.filter(
      (variant) => (!chosen || chosen.has(metricKey({ metric, variant }))) && metricMatches({ metric, variant }, search),
    );
    if (!visible.length) continue;
    if (groupBy === 'metric') {
      charts.push({ chartKey: `m:${encodeURIComponent(metric)}`, title: metric, metrics: [{ metric, variants: visible }] });
    } else {
      for (const variant of visible) {
        charts.push({
          chartKey: `mv:${metricKey({ metric, variant })}`,
          title: `${metric} / ${variant}`,
          metrics: [{ metric, variants: [variant] }],
        });
      }
    }
  }
  return charts;
}

export const selectChartDefs = createSelector(scalarsFeature.selectMetrics, selectScalarGraphOptions, (metrics, options) =>
  chartDefs(metrics, options.groupBy, options.shown, options.search),
);

/** The zoom a chart shows now: one made in the current x axis (relative time: one with task origins). */
export function currentZoom(zoom: ChartZoom | undefined, xAxis: XAxis): ChartZoom | null {
  if (!zoom || zoom.key !== histogramKey(xAxis)) return null;
  return (xAxis === 'relative') === !!zoom.origins ? zoom : null;
}

/**
 * What each chart should show now: its metrics, the x key, and (where the server takes `x_range`)
 * the zoom window. Nothing until the server's capabilities are known: they shape the request.
 */
export const selectWantedChartRequests = createSelector(
  selectChartDefs,
  selectScalarGraphOptions,
  scalarsFeature.selectZoom,
  selectCapabilities,
  (charts, options, zoom, capabilities): ChartRequest[] => {
    if (!capabilities) return [];
    return charts.map((chart) => {
      const key = histogramKey(options.xAxis);
      const window = capabilities.histogramXRange ? currentZoom(zoom[chart.chartKey], options.xAxis) : null;
      return {
        chartKey: chart.chartKey,
        metrics: chart.metrics,
        key,
        range: window?.range ?? null,
        ...(window?.origins ? { origins: window.origins } : {}),
        ...(capabilities.histogramEnvelope ? { envelope: true } : {}),
      };
    });
  },
);

/** Charts asked for before the page has laid them out: the first ones, which a fresh page shows. */
export const EAGER_CHARTS = 4;

/**
 * The charts in view. Until the first chart reports its visibility (the page is still rendering
 * and Plotly loading), the first EAGER_CHARTS charts (on an embed, its one chart) count as in view,
 * so their series are on their way as soon as the metric list is known. None outside the graph view
 * (the values table shares the Scalars state but draws no chart).
 */
export const selectChartsInView = createSelector(
  selectWantedChartRequests,
  scalarsFeature.selectVisibleCharts,
  scalarsFeature.selectVisibilityReported,
  selectEmbedded,
  selectEmbeddedChart,
  selectCompareView,
  (wanted, visible, reported, embedded, embeddedChart, view): string[] => {
    if (view !== 'scalars/graph') return [];
    if (reported) return visible;
    if (embedded) return embeddedChart ? [embeddedChart] : [];
    return wanted.slice(0, EAGER_CHARTS).map((request) => request.chartKey);
  },
);

export const selectStaleChartRequests = createSelector(
  selectWantedChartRequests,
  selectChartsInView,
  scalarsFeature.selectSeries,
  selectExistingTaskIds,
  compareFeature.selectDataRevision,
  (wanted, visible, series, taskIds, revision) => ({ requests: taskIds ? staleRequests(wanted, visible, series, taskIds, revision) : [] }),
);
